import { PlaybackErrorCode } from '@accord/core';
import type { VoiceContext } from './voice-context';

/** The codes a guard can refuse with (shared with playback, so one mapper words them all). */
export type GuardErrorCode =
  PlaybackErrorCode.NotInVoice | PlaybackErrorCode.NotInBotChannel | PlaybackErrorCode.NotPermitted;

export interface GuardRefusal {
  ok: false;
  code: GuardErrorCode;
  /** Written for the user: what is wrong and what to do. */
  message: string;
}

export type GuardResult = { ok: true } | GuardRefusal;

export const GUARD_PASSED: GuardResult = { ok: true };

export const refuse = (code: GuardErrorCode, message: string): GuardRefusal => ({ ok: false, code, message });

export const OUTSIDE_GUILD = refuse(PlaybackErrorCode.NotInVoice, 'Music commands work in a server, not here.');

/** The user sits in some voice channel. */
export function requireVoice(context: VoiceContext): GuardResult {
  if (context.userChannelId) return GUARD_PASSED;
  return refuse(PlaybackErrorCode.NotInVoice, 'Join a voice channel first, then try again.');
}

/** When the bot is in a channel, the user is in that same channel. */
export function requireSameChannel(context: VoiceContext): GuardResult {
  if (!context.botChannelId || context.botChannelId === context.userChannelId) return GUARD_PASSED;
  return refuse(
    PlaybackErrorCode.NotInBotChannel,
    `I'm playing in <#${context.botChannelId}>. Join that channel to control the music.`,
  );
}

/** The user sits with the bot (or in voice while the bot is in none) and no other listener is there. */
export function isAloneWithBot(context: VoiceContext): boolean {
  if (!context.userChannelId) return false;
  if (context.botChannelId && context.botChannelId !== context.userChannelId) return false;
  return context.listeners.every((id) => id === context.userId);
}

/** DJ role from the settings, Manage Server, or alone with the bot. */
export function requireDj(context: VoiceContext, djRoleId: string | null): GuardResult {
  if (context.canManageGuild) return GUARD_PASSED;
  if (djRoleId && context.roleIds.includes(djRoleId)) return GUARD_PASSED;
  if (isAloneWithBot(context)) return GUARD_PASSED;
  const who = djRoleId ? `the <@&${djRoleId}> role or Manage Server` : 'Manage Server (no DJ role is set)';
  return refuse(
    PlaybackErrorCode.NotPermitted,
    `Only DJs can do this: you need ${who}, or be alone with me in the voice channel.`,
  );
}

/** Manage Server or the DJ role: for changes every server sees (a song's video), never "alone with the bot". */
export function requireCatalogEditor(context: VoiceContext, djRoleId: string | null): GuardResult {
  if (context.canManageGuild) return GUARD_PASSED;
  if (djRoleId && context.roleIds.includes(djRoleId)) return GUARD_PASSED;
  const who = djRoleId ? `the <@&${djRoleId}> role or Manage Server` : 'Manage Server (no DJ role is set)';
  return refuse(
    PlaybackErrorCode.NotPermitted,
    `/fix changes a song's video on every server I play in, so it needs ${who}.`,
  );
}
