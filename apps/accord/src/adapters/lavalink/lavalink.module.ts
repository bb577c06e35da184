import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LavalinkSessionDocument, LavalinkSessionSchema } from './lavalink-session.schema';
import { LavalinkSessionRepository } from './lavalink-session.repository';
import { LavalinkStatsReader } from './lavalink-stats.reader';
import { LavalinkConnectionService } from './lavalink-connection.service';
import { LavalinkService } from './lavalink.service';
import { SourceAttemptReporter } from './source-attempt.reporter';

/**
 * The Lavalink adapter: the only code that talks to Lavalink (kazagumo/shoukaku), with the stored
 * session ids it resumes. The discord.js client it needs comes from the global Discord client module.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: LavalinkSessionDocument.name, schema: LavalinkSessionSchema }])],
  providers: [
    LavalinkConnectionService,
    LavalinkService,
    LavalinkSessionRepository,
    LavalinkStatsReader,
    SourceAttemptReporter,
  ],
  exports: [LavalinkService, LavalinkStatsReader],
})
export class LavalinkModule {}
