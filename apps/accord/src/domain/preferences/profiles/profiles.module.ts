import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG } from '../../../config/app-config';
import { OptOutRepository } from './opt-out.repository';
import { OPT_OUT_MODEL, OptOutSchema } from './opt-out.schema';
import { OptOutService } from './opt-out.service';
import { ProfileRepository } from './profile.repository';
import { PROFILE_MODEL, ProfileSchema } from './profile.schema';
import { TasteProfileService } from './taste-profile.service';
import { TASTE_SETTINGS, tasteSettingsFrom } from './taste-settings';

/**
 * Taste profiles and opt-outs: the part of the listening memory that both history (which feeds
 * profiles and must skip opted-out users) and preferences (commands, imports, privacy) use.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PROFILE_MODEL, schema: ProfileSchema },
      { name: OPT_OUT_MODEL, schema: OptOutSchema },
    ]),
  ],
  providers: [
    { provide: TASTE_SETTINGS, inject: [APP_CONFIG], useFactory: tasteSettingsFrom },
    ProfileRepository,
    OptOutRepository,
    OptOutService,
    TasteProfileService,
  ],
  exports: [TASTE_SETTINGS, ProfileRepository, OptOutService, TasteProfileService],
})
export class ProfilesModule {}
