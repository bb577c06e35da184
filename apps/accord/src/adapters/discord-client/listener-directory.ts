import { Inject, Injectable } from '@nestjs/common';
import type { Client } from 'discord.js';
import { DISCORD_CLIENT } from './discord-client.provider';

/** Listeners' display names from discord.js's member cache (explanations name people, not ids). */
@Injectable()
export class ListenerDirectory {
  constructor(@Inject(DISCORD_CLIENT) private readonly client: Client) {}

  nameOf(guildId: string, userId: string): string {
    const member = this.client.guilds.cache.get(guildId)?.members.cache.get(userId);
    return member?.displayName ?? this.client.users.cache.get(userId)?.username ?? 'a listener';
  }
}
