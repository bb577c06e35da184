import { type APIRole, PermissionFlagsBits, type RoleFlags } from 'discord.js';
import { SnowflakeFactory } from './snowflake.factory';

/** What a fresh Discord server grants @everyone (a useful subset: chat, voice, slash commands). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.Stream |
  PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.CreateInstantInvite;

/** What a music bot's invite link usually asks for; given to the bot's managed role. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.UseVAD;

export interface RoleInput extends Partial<Omit<APIRole, 'permissions'>> {
  /** A bitfield (`PermissionFlagsBits.ManageGuild | ...`) or Discord's decimal string. */
  permissions?: bigint | string;
}

let sequence = 0;

export class RoleFactory {
  static create(input: RoleInput = {}): APIRole {
    sequence += 1;
    const { permissions = 0n, ...rest } = input;
    return {
      id: SnowflakeFactory.next(),
      name: `role${sequence}`,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: sequence,
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...rest,
      permissions: permissions.toString(),
    };
  }

  /** The @everyone role: its id is the guild's id, position 0. */
  static everyone(guildId: string, permissions: bigint = DEFAULT_EVERYONE_PERMISSIONS): APIRole {
    return RoleFactory.create({ id: guildId, name: '@everyone', position: 0, permissions });
  }

  /** The managed role Discord creates when a bot joins with permissions. */
  static botRole(botId: string, name: string, permissions: bigint = DEFAULT_BOT_PERMISSIONS): APIRole {
    return RoleFactory.create({ name, managed: true, tags: { bot_id: botId }, permissions });
  }

  static reset(): void {
    sequence = 0;
  }
}
