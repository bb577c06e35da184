import { Injectable } from '@nestjs/common';
import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { listenersIn } from '../../../adapters/discord-client/voice-presence.service';
import type { PlaybackRequester } from '../../../domain/playback/playback.types';

/** The interactions guards look at: slash commands and buttons. */
export type GuardedInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** What the voice guards need to know about who asked, as plain data (so the rules are pure). */
export interface VoiceContext {
  guildId: string;
  userId: string;
  /** The voice channel the user sits in, if any. */
  userChannelId: string | null;
  /** The voice channel the bot sits in, if any. */
  botChannelId: string | null;
  /** Humans who can hear (not bots, not deafened) in the bot's channel, or in the user's while the bot is in none. */
  listeners: string[];
  roleIds: string[];
  canManageGuild: boolean;
}

/** The interaction's server; guards have refused anything outside one before a handler runs. */
export function guildIdOf(interaction: GuardedInteraction): string {
  if (!interaction.guildId) throw new Error('a music interaction outside a server reached its handler');
  return interaction.guildId;
}

/** Reads a `VoiceContext` from discord.js's caches (voice states arrive with the GuildVoiceStates intent). */
@Injectable()
export class VoiceContextReader {
  /** Null outside a server the bot has cached (DMs, or a guild it is not in). */
  read(interaction: GuardedInteraction): VoiceContext | null {
    if (!interaction.inCachedGuild()) return null;
    const states = interaction.guild.voiceStates.cache;
    const botId = interaction.client.user.id;
    const userChannelId = states.get(interaction.user.id)?.channelId ?? null;
    const botChannelId = states.get(botId)?.channelId ?? null;
    const room = botChannelId ?? userChannelId;
    const listeners = room ? listenersIn(interaction.guild, room, botId) : [];
    return {
      guildId: interaction.guildId,
      userId: interaction.user.id,
      userChannelId,
      botChannelId,
      listeners,
      roleIds: [...interaction.member.roles.cache.keys()],
      canManageGuild: interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild),
    };
  }

  /** Who asked and from where, for playback (the guards have checked the voice channel already). */
  requester(interaction: GuardedInteraction): PlaybackRequester {
    return {
      guildId: guildIdOf(interaction),
      userId: interaction.user.id,
      voiceChannelId: interaction.guild?.voiceStates.cache.get(interaction.user.id)?.channelId ?? null,
      textChannelId: interaction.channelId,
    };
  }
}
