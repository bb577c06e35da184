import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GuildDocument, GuildSchema } from './guild.schema';
import { GuildRepository } from './guild.repository';
import { GuildSettingsService } from './guild-settings.service';

/** Per-guild settings and persisted playback sessions (the `guilds` collection). */
@Module({
  imports: [MongooseModule.forFeature([{ name: GuildDocument.name, schema: GuildSchema }])],
  providers: [GuildRepository, GuildSettingsService],
  exports: [GuildRepository, GuildSettingsService],
})
export class GuildsModule {}
