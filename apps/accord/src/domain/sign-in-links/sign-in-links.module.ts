import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SignInLinkRepository } from './sign-in-link.repository';
import { SignInLinkDocument, SignInLinkSchema } from './sign-in-link.schema';
import { SignInLinkService } from './sign-in-link.service';

/** One-time panel sign-in links (`/panel` issues them, the admin API redeems them). */
@Module({
  imports: [MongooseModule.forFeature([{ name: SignInLinkDocument.name, schema: SignInLinkSchema }])],
  providers: [SignInLinkRepository, SignInLinkService],
  exports: [SignInLinkService],
})
export class SignInLinksModule {}
