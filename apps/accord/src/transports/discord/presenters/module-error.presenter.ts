import {
  AdminErrorCode,
  CatalogError,
  CatalogErrorCode,
  HistoryError,
  HistoryErrorCode,
  isModuleError,
  PlaybackError,
  PlaybackErrorCode,
  PreferencesError,
  PreferencesErrorCode,
  RecommendationError,
  RecommendationErrorCode,
  ResolveError,
  type CatalogErrorData,
  type ModuleError,
  type PlaybackErrorData,
} from '@accord/core';
import { formatDuration } from './duration.presenter';
import { AUDIO_UNAVAILABLE, describeResolveRefusal } from './play-refusal.presenter';

/** One way to word each code of a module from its data: a code added without words fails the typecheck. */
export type Wording<M> = { [C in keyof M]: (data: M[C]) => string };

/** Words a code with its data from a module's table. */
export function word<M, C extends keyof M>(table: Wording<M>, code: C, data: M[C]): string {
  return table[code](data);
}

const START_SOMETHING = 'Start something with `/play`.';

const NOTHING_PLAYING: Record<PlaybackErrorData[PlaybackErrorCode.NothingPlaying]['what'], string> = {
  session: 'Nothing is playing here. Start with /play.',
  track: `Nothing is playing right now. ${START_SOMETHING}`,
  player: `I am not in a voice channel here. ${START_SOMETHING}`,
  skip: `Nothing is playing, so there is nothing to skip. ${START_SOMETHING}`,
  seek: `Nothing is playing, so there is nothing to seek in. ${START_SOMETHING}`,
};

/** Playback's refusals as Discord says them, with what to do in Discord (which command, which permission). */
const PLAYBACK: Wording<PlaybackErrorData> = {
  [PlaybackErrorCode.NotInVoice]: () => 'Join a voice channel first, then ask me again.',
  [PlaybackErrorCode.NotInBotChannel]: ({ channelId }) =>
    `I'm playing in <#${channelId}>. Join that channel to control the music.`,
  [PlaybackErrorCode.NotPermitted]: () => 'Only listeners can vote to skip: join the voice channel (undeafened) first.',
  [PlaybackErrorCode.NothingPlaying]: ({ what }) => NOTHING_PLAYING[what],
  [PlaybackErrorCode.QueueEmpty]: () => 'There is nothing to shuffle: fewer than two songs are queued.',
  [PlaybackErrorCode.QueueFull]: ({ max }) =>
    `The queue is full (${max.toLocaleString('en-US')} tracks). Remove some, or \`/stop\` to start over.`,
  [PlaybackErrorCode.PositionOutOfRange]: ({ position, size }) =>
    size === 0
      ? 'The queue is empty.'
      : `There is no song at position ${position}: the queue has ${size} song${size === 1 ? '' : 's'} (1-${size}).`,
  [PlaybackErrorCode.InvalidTime]: (data) =>
    data.field === 'volume'
      ? `Volume goes from 0 to ${data.max} (100 is as published).`
      : 'That time is not valid. Try `1:23`, `83` or `+10`.',
  [PlaybackErrorCode.SeekPastEnd]: ({ durationMs }) =>
    `This song is only ${formatDuration(durationMs)} long. Use /skip to move on.`,
  [PlaybackErrorCode.NotSeekable]: () => 'This track cannot be seeked (a livestream?).',
  [PlaybackErrorCode.FilterNotAllowed]: ({ preset, allowed }) =>
    `The ${preset} filter is switched off on this server. Allowed: ${allowed.join(', ') || 'none'}. Someone with Manage Server can allow it in the panel.`,
  [PlaybackErrorCode.AudioUnavailable]: () => AUDIO_UNAVAILABLE['no-node'],
  [PlaybackErrorCode.CannotJoin]: ({ detail }) =>
    `I could not join your voice channel (${detail}). Check that I may connect and speak there.`,
  [PlaybackErrorCode.AlreadyPaused]: () => 'It is already paused. Use /resume.',
  [PlaybackErrorCode.NotPaused]: () => 'It is not paused. Use `/pause` to pause.',
};

/** The catalog's refusals (/fix, re-pins and merges) as Discord says them. */
const CATALOG: Wording<CatalogErrorData> = {
  [CatalogErrorCode.TrackNotFound]: ({ reason }) =>
    reason === 'gone'
      ? 'That song is no longer in my catalog.'
      : 'I have no record of this song yet (only songs found on YouTube are pinned). Play it once, then try again.',
  [CatalogErrorCode.VideoNotFound]: () => "That video can't be played any more; pick another one.",
  [CatalogErrorCode.NothingToFix]: ({ reason }) =>
    reason === 'nothing-playing'
      ? 'Nothing is playing here. Name the song to fix: `/fix query: artist - title`.'
      : 'This song was not identified, so there is nothing to fix.',
  [CatalogErrorCode.CannotMergeIntoItself]: () => 'A song cannot be merged into itself.',
  [CatalogErrorCode.AudioUnavailable]: ({ cause }) => AUDIO_UNAVAILABLE[cause],
  [CatalogErrorCode.InvalidQuery]: ({ reason }) =>
    reason === 'playlist'
      ? '/fix works on one song: give it a song name or a link to one video.'
      : 'That video is not one of the choices /fix showed you (or they expired). Use /fix again.',
};

/** Playback's refusals as Discord words them. */
export function describePlaybackError(error: PlaybackError): string {
  return word(PLAYBACK, error.code, error.data);
}

/** What to add to a module's message in Discord: `text`, unless the message already mentions `marker`. */
type Hint = { marker: string; text: string } | null;

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

/** Any module's refusal as Discord words it: from its code and data, or its message with a hint where one helps. */
export function describeModuleError(error: ModuleError): string {
  if (error instanceof PlaybackError) return describePlaybackError(error);
  if (error instanceof CatalogError) return word(CATALOG, error.code, error.data);
  if (error instanceof ResolveError) return describeResolveRefusal(error.refusal);
  const hint =
    error instanceof HistoryError
      ? HISTORY_HINTS[error.code]
      : error instanceof PreferencesError
        ? PREFERENCES_HINTS[error.code]
        : error instanceof RecommendationError
          ? RECOMMENDATION_HINTS[error.code]
          : ADMIN_HINTS[error.code];
  return hint ? withHint(error.message, hint.marker, hint.text) : error.message;
}

/** A refusal that stopped some work (a playlist load, an import), as Discord words it. */
export function describeRefusal(error: Error): string {
  return isModuleError(error) ? describeModuleError(error) : error.message;
}

/** Adds `hint` unless the message already mentions `marker`. */
function withHint(message: string, marker: string, hint: string): string {
  return message.toLowerCase().includes(marker.toLowerCase()) ? message : `${message} ${hint}`;
}
