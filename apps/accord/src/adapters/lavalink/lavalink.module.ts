import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DiscordClientModule } from '../discord-client/discord-client.module';
import { LavalinkSessionDocument, LavalinkSessionSchema } from './lavalink-session.schema';
import { LavalinkSessionRepository } from './lavalink-session.repository';
import { LavalinkService } from './lavalink.service';

/** The Lavalink adapter alone, so the catalog can search without depending on playback. */
@Module({
  imports: [
    DiscordClientModule,
    MongooseModule.forFeature([{ name: LavalinkSessionDocument.name, schema: LavalinkSessionSchema }]),
  ],
  providers: [LavalinkService, LavalinkSessionRepository],
  exports: [LavalinkService],
})
export class LavalinkModule {}
