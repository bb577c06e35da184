import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GUILD_HISTORY, LISTENER_PROFILES, type GuildHistoryPort, type ListenerProfilesPort } from './ports';

/**
 * Finds the listening-memory ports wherever in the app they are provided, at first use (so the
 * history and preferences modules need not be imported here, and their absence is not an error).
 */
@Injectable()
export class PortLocator {
  constructor(private readonly moduleRef: ModuleRef) {}

  guildHistory(): GuildHistoryPort | null {
    return this.find<GuildHistoryPort>(GUILD_HISTORY);
  }

  listenerProfiles(): ListenerProfilesPort | null {
    return this.find<ListenerProfilesPort>(LISTENER_PROFILES);
  }

  private find<T>(token: symbol): T | null {
    try {
      return this.moduleRef.get<T>(token, { strict: false });
    } catch {
      return null;
    }
  }
}
