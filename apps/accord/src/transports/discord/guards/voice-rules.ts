import { PlaybackErrorCode } from '@accord/core';
import { phrase, type Phrase } from '../i18n/phrase';
import type { VoiceContext } from './voice-context';

/** The codes a guard can refuse with (shared with playback, so one mapper words them all). */
export type GuardErrorCode =
  PlaybackErrorCode.NotInVoice | PlaybackErrorCode.NotInBotChannel | PlaybackErrorCode.NotPermitted;

export interface GuardRefusal {
  ok: false;
  code: GuardErrorCode;
  /** For the user: what is wrong and what to do, said in the interaction's language. */
  message: Phrase;
}

export type GuardResult = { ok: true } | GuardRefusal;

export const GUARD_PASSED: GuardResult = { ok: true };

export const refuse = (code: GuardErrorCode, message: Phrase): GuardRefusal => ({ ok: false, code, message });

export const OUTSIDE_GUILD = refuse(PlaybackErrorCode.NotInVoice, phrase('errors:guards.outsideGuild'));

/** The user sits in some voice channel. */
export function requireVoice(context: VoiceContext): GuardResult {
  if (context.userChannelId) return GUARD_PASSED;
  return refuse(PlaybackErrorCode.NotInVoice, phrase('errors:guards.notInVoice'));
}

/** When the bot is in a channel, the user is in that same channel. */
export function requireSameChannel(context: VoiceContext): GuardResult {
  if (!context.botChannelId || context.botChannelId === context.userChannelId) return GUARD_PASSED;
  return refuse(
    PlaybackErrorCode.NotInBotChannel,
    phrase('errors:guards.notInBotChannel', { channelId: context.botChannelId }),
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
  return refuse(
    PlaybackErrorCode.NotPermitted,
    djRoleId ? phrase('errors:guards.djWithRole', { roleId: djRoleId }) : phrase('errors:guards.djWithoutRole'),
  );
}

/** Manage Server or the DJ role: for changes every server sees (a song's video), never "alone with the bot". */
export function requireCatalogEditor(context: VoiceContext, djRoleId: string | null): GuardResult {
  if (context.canManageGuild) return GUARD_PASSED;
  if (djRoleId && context.roleIds.includes(djRoleId)) return GUARD_PASSED;
  return refuse(
    PlaybackErrorCode.NotPermitted,
    djRoleId
      ? phrase('errors:guards.catalogEditorWithRole', { roleId: djRoleId })
      : phrase('errors:guards.catalogEditorWithoutRole'),
  );
}
