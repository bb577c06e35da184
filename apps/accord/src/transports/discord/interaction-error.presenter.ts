import { Injectable, Logger } from '@nestjs/common';
import { DiscordjsErrorCodes, type RepliableInteraction } from 'discord.js';
import {
  AdminErrorCode,
  CatalogError,
  CatalogErrorCode,
  HistoryError,
  HistoryErrorCode,
  PlaybackError,
  PlaybackErrorCode,
  PreferencesError,
  PreferencesErrorCode,
  RecommendationError,
  RecommendationErrorCode,
  ResolveError,
  DomainError,
  isModuleError,
  type ModuleError,
} from '@accord/core';
import type { GuardRefusal } from './guards/voice-rules';
import { describeResolveRefusal } from './presenters/play-refusal.presenter';
import { answer } from './replies/answer';

const GENERIC_FAILURE = 'Something went wrong on my side. It has been logged; please try again in a moment.';
const STALE_COMMAND =
  "This command's options don't match the ones I know: Discord may still show an older version of it. Try again in a minute.";

/** discord.js refusing options that do not fit the registered command (a stale client, or a forged request). */
const OPTION_MISMATCH = new Set<string>([
  DiscordjsErrorCodes.CommandInteractionOptionType,
  DiscordjsErrorCodes.CommandInteractionOptionNotFound,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommand,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommandGroup,
]);

/**
 * Playback's refusals as Discord words them. Messages are written for the user already; this adds
 * what to do in Discord (which command, which permission) where a message does not say it.
 */
export function describePlaybackError(error: PlaybackError): string {
  switch (error.code) {
    case PlaybackErrorCode.NotInVoice:
    case PlaybackErrorCode.NotInBotChannel:
    case PlaybackErrorCode.NotPermitted:
    case PlaybackErrorCode.QueueEmpty:
    case PlaybackErrorCode.QueueFull:
    case PlaybackErrorCode.PositionOutOfRange:
    case PlaybackErrorCode.InvalidTime:
    case PlaybackErrorCode.SeekPastEnd:
    case PlaybackErrorCode.NotSeekable:
    case PlaybackErrorCode.AudioUnavailable:
      return error.message;
    case PlaybackErrorCode.NothingPlaying:
      return withHint(error.message, '/play', 'Start something with `/play`.');
    case PlaybackErrorCode.AlreadyPaused:
      return withHint(error.message, '/resume', 'Use `/resume` to continue.');
    case PlaybackErrorCode.NotPaused:
      return withHint(error.message, '/pause', 'Use `/pause` to pause.');
    case PlaybackErrorCode.FilterNotAllowed:
      return withHint(error.message, 'Manage Server', 'Someone with Manage Server can allow it in the panel.');
    case PlaybackErrorCode.CannotJoin:
      return withHint(error.message, 'connect', 'Check that I may view, connect to and speak in your voice channel.');
  }
}

/** What to add to a module's message in Discord: `text`, unless the message already mentions `marker`. */
type Hint = { marker: string; text: string } | null;

/** Each module's codes with their Discord hint (null: the message says enough). Every code is listed. */
const CATALOG_HINTS: Record<CatalogErrorCode, Hint> = {
  [CatalogErrorCode.TrackNotFound]: null,
  [CatalogErrorCode.VideoNotFound]: null,
  [CatalogErrorCode.NothingToFix]: null,
  [CatalogErrorCode.CannotMergeIntoItself]: null,
  [CatalogErrorCode.AudioUnavailable]: null,
  [CatalogErrorCode.InvalidQuery]: null,
};

const HISTORY_HINTS: Record<HistoryErrorCode, Hint> = {
  [HistoryErrorCode.NothingPlaying]: { marker: '/play', text: 'Start something with `/play`.' },
  [HistoryErrorCode.OptedOut]: null,
  [HistoryErrorCode.NoLikes]: null,
  [HistoryErrorCode.NotInBotChannel]: null,
};

const PREFERENCES_HINTS: Record<PreferencesErrorCode, Hint> = {
  [PreferencesErrorCode.SpotifyUnconfigured]: null,
  [PreferencesErrorCode.SpotifyNotLinked]: { marker: '/link', text: 'Link it with `/link spotify`.' },
  [PreferencesErrorCode.SpotifyRelinkNeeded]: null,
  [PreferencesErrorCode.SpotifyUnavailable]: null,
  [PreferencesErrorCode.LastfmUnconfigured]: null,
  [PreferencesErrorCode.LastfmUserNotFound]: null,
  [PreferencesErrorCode.LastfmUnavailable]: null,
  [PreferencesErrorCode.LastfmNotLinked]: { marker: '/link', text: 'Link it with `/link lastfm`.' },
  [PreferencesErrorCode.InvalidUsername]: null,
  [PreferencesErrorCode.UnsupportedLink]: null,
  [PreferencesErrorCode.ImportFailed]: null,
  [PreferencesErrorCode.ImportRunning]: null,
  [PreferencesErrorCode.NoPublicUrl]: null,
};

const RECOMMENDATION_HINTS: Record<RecommendationErrorCode, Hint> = {
  [RecommendationErrorCode.NothingPlaying]: { marker: '/play', text: 'Start something with `/play`.' },
  [RecommendationErrorCode.AutoplayOff]: { marker: '/autoplay', text: '`/autoplay on` turns it back on.' },
};

/** The panel's refusals rarely reach Discord; when one does, its message stands alone. */
const ADMIN_HINTS: Record<AdminErrorCode, Hint> = Object.fromEntries(
  Object.values(AdminErrorCode).map((code) => [code, null]),
) as Record<AdminErrorCode, Hint>;

/** Any module's refusal as Discord words it: the message written for the user, with a hint where one helps. */
export function describeModuleError(error: ModuleError): string {
  if (error instanceof PlaybackError) return describePlaybackError(error);
  if (error instanceof ResolveError) return describeResolveRefusal(error.refusal);
  const hint =
    error instanceof CatalogError
      ? CATALOG_HINTS[error.code]
      : error instanceof HistoryError
        ? HISTORY_HINTS[error.code]
        : error instanceof PreferencesError
          ? PREFERENCES_HINTS[error.code]
          : error instanceof RecommendationError
            ? RECOMMENDATION_HINTS[error.code]
            : ADMIN_HINTS[error.code];
  return hint ? withHint(error.message, hint.marker, hint.text) : error.message;
}

/** Adds `hint` unless the message already mentions `marker`. */
function withHint(message: string, marker: string, hint: string): string {
  return message.toLowerCase().includes(marker.toLowerCase()) ? message : `${message} ${hint}`;
}

/**
 * The Discord transport's one mapper from errors to what the user sees: an ephemeral reply that
 * says what went wrong and what to do. Unknown errors are logged with context and get a generic
 * message; the details never reach the channel.
 */
@Injectable()
export class InteractionErrorPresenter {
  private readonly logger = new Logger(InteractionErrorPresenter.name);

  async present(interaction: RepliableInteraction, error: unknown): Promise<void> {
    await this.tell(interaction, this.describe(interaction, error));
  }

  /** A guard said no: its message already says what to do. */
  async refuse(interaction: RepliableInteraction, refusal: GuardRefusal): Promise<void> {
    await this.tell(interaction, refusal.message);
  }

  /** Says `message` to the user alone, whatever state the interaction is in. */
  async tell(interaction: RepliableInteraction, message: string): Promise<void> {
    try {
      await answer(interaction, message, { ephemeral: true });
    } catch (replyError: unknown) {
      // The interaction token may have expired (3 s to answer, 15 min to follow up).
      this.logger.warn(`Could not tell the user about a failure: ${String(replyError)}`);
    }
  }

  private describe(interaction: RepliableInteraction, error: unknown): string {
    if (isModuleError(error)) return describeModuleError(error);
    if (error instanceof DomainError) {
      // A refusal from outside the modules (none today) still carries a message written for the user.
      return error.message;
    }
    if (error instanceof Error && OPTION_MISMATCH.has((error as { code?: string }).code ?? '')) {
      this.logger.warn(`Options that do not fit the command: ${error.message}`);
      return STALE_COMMAND;
    }
    const label = interaction.isChatInputCommand()
      ? `/${interaction.commandName}`
      : interaction.isButton()
        ? `button ${interaction.customId}`
        : `interaction ${interaction.type}`;
    this.logger.error(`Unhandled error in ${label}`, error instanceof Error ? error.stack : String(error));
    return GENERIC_FAILURE;
  }
}
