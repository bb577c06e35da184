import { Injectable } from '@nestjs/common';
import { GuildRepository } from './guild.repository';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings } from './guild-settings.types';

const CACHE_TTL_MS = 30_000;

/** A guild's settings with defaults filled in; cached briefly because every command reads them. */
@Injectable()
export class GuildSettingsService {
  private readonly cache = new Map<string, { settings: GuildSettings; until: number }>();
  /** Bumped by every update: a read that was on its way meanwhile must not cache what it read. */
  private readonly versions = new Map<string, number>();

  constructor(private readonly guilds: GuildRepository) {}

  async get(guildId: string): Promise<GuildSettings> {
    const cached = this.cache.get(guildId);
    if (cached && cached.until > Date.now()) return cached.settings;
    const version = this.versions.get(guildId) ?? 0;
    const stored = await this.guilds.findSettings(guildId);
    const settings: GuildSettings = { ...DEFAULT_GUILD_SETTINGS, ...(stored ?? {}), guildId };
    if ((this.versions.get(guildId) ?? 0) === version) {
      this.cache.set(guildId, { settings, until: Date.now() + CACHE_TTL_MS });
    }
    return settings;
  }

  async update(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): Promise<GuildSettings> {
    this.versions.set(guildId, (this.versions.get(guildId) ?? 0) + 1);
    await this.guilds.updateSettings(guildId, patch);
    this.versions.set(guildId, (this.versions.get(guildId) ?? 0) + 1);
    this.cache.delete(guildId);
    return this.get(guildId);
  }
}
