import { Injectable } from '@nestjs/common';
import type { WindowEntry } from './history.types';

/**
 * The guild windows' entries whose write has not landed yet (queued behind other writes, or held
 * through a database outage), per guild and play: what a guild just played is history's to
 * remember before it reaches the `guild_windows` collection, so autoplay never picks it again.
 */
@Injectable()
export class UnwrittenWindow {
  private readonly guilds = new Map<string, Map<string, WindowEntry>>();

  /** Holds `entry` until `landed(guildId, entry)`; a newer entry of the same play replaces it. */
  hold(guildId: string, entry: WindowEntry): void {
    const guild = this.guilds.get(guildId) ?? new Map<string, WindowEntry>();
    guild.set(entry.playId, entry);
    this.guilds.set(guildId, guild);
  }

  /** The write of `entry` landed: forgotten, unless a newer entry of the play is still on its way. */
  landed(guildId: string, entry: WindowEntry): void {
    const guild = this.guilds.get(guildId);
    if (!guild || guild.get(entry.playId) !== entry) return;
    guild.delete(entry.playId);
    if (guild.size === 0) this.guilds.delete(guildId);
  }

  /** The guild's entries still on their way, newest first. */
  of(guildId: string): WindowEntry[] {
    return [...(this.guilds.get(guildId)?.values() ?? [])].sort((a, b) => b.startedAt - a.startedAt);
  }
}
