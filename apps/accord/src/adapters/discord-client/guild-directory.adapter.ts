import { Inject, Injectable } from '@nestjs/common';
import {
  ChannelType,
  PermissionFlagsBits,
  type Client,
  type Guild,
  type GuildBasedChannel,
  type NewsChannel,
  type TextChannel,
} from 'discord.js';
import { DISCORD_CLIENT } from './discord-client.provider';

/** A role a setting may name: neither @everyone nor a bot's managed role. */
export interface DirectoryRole {
  id: string;
  name: string;
  /** `#rrggbb`, or null for a role without a colour. */
  color: string | null;
  position: number;
}

/** A text or announcement channel the bot may post in. */
export interface DirectoryChannel {
  id: string;
  name: string;
  category: string | null;
  position: number;
}

const POSTING = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

/**
 * A guild's roles and postable channels, read from discord.js's cache (kept current by the gateway),
 * so listing them for the panel costs no Discord request. `null` when the bot is not in the guild.
 */
@Injectable()
export class GuildDirectory {
  constructor(@Inject(DISCORD_CLIENT) private readonly client: Client) {}

  /** Highest first, as Discord lists them. */
  roles(guildId: string): DirectoryRole[] | null {
    const guild = this.client.guilds.cache.get(guildId);
    if (!guild) return null;
    return [...guild.roles.cache.values()]
      .filter((role) => role.id !== guild.id && !role.managed)
      .sort((a, b) => b.position - a.position || a.id.localeCompare(b.id))
      .map((role) => ({
        id: role.id,
        name: role.name,
        color: role.colors.primaryColor ? `#${role.colors.primaryColor.toString(16).padStart(6, '0')}` : null,
        position: role.position,
      }));
  }

  /** In Discord's order: channels outside a category first, then each category's in turn. */
  textChannels(guildId: string): DirectoryChannel[] | null {
    const guild = this.client.guilds.cache.get(guildId);
    if (!guild) return null;
    return postableChannels(guild)
      .sort(
        (a, b) =>
          categoryRank(a) - categoryRank(b) ||
          (a.parent?.id ?? '').localeCompare(b.parent?.id ?? '') ||
          a.rawPosition - b.rawPosition ||
          a.id.localeCompare(b.id),
      )
      .map((channel) => ({
        id: channel.id,
        name: channel.name,
        category: channel.parent?.name ?? null,
        position: channel.rawPosition,
      }));
  }

  /** Whether the role exists in the guild; true when the guild is not in the cache (nothing to check against). */
  hasRole(guildId: string, roleId: string): boolean {
    const guild = this.client.guilds.cache.get(guildId);
    return !guild || guild.roles.cache.has(roleId);
  }

  /** Whether the channel is one `textChannels` lists; true when the guild is not cached (nothing to check against). */
  canPostIn(guildId: string, channelId: string): boolean {
    const guild = this.client.guilds.cache.get(guildId);
    if (!guild) return true;
    const channel = guild.channels.cache.get(channelId);
    return channel !== undefined && isPostable(guild, channel);
  }

  /** The guild's name, when the bot is in it. */
  guildName(guildId: string): string | null {
    return this.client.guilds.cache.get(guildId)?.name ?? null;
  }

  /** A person's name as that guild shows it (else their username), when discord.js has seen them. */
  personName(userId: string, guildId: string | null): string | null {
    const member = guildId ? this.client.guilds.cache.get(guildId)?.members.cache.get(userId) : undefined;
    return member?.displayName ?? this.client.users.cache.get(userId)?.username ?? null;
  }
}

function postableChannels(guild: Guild): Array<TextChannel | NewsChannel> {
  return [...guild.channels.cache.values()].filter((channel) => isPostable(guild, channel));
}

function isPostable(guild: Guild, channel: GuildBasedChannel): channel is TextChannel | NewsChannel {
  const me = guild.members.me;
  return (
    (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement) &&
    // Without the bot's member (not cached yet) there is nothing to check against: the channel counts.
    (!me || channel.permissionsFor(me).has(POSTING))
  );
}

/** Channels without a category come first, then categories in their own order. */
function categoryRank(channel: TextChannel | NewsChannel): number {
  return channel.parent ? channel.parent.rawPosition + 1 : 0;
}
