import {
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
  type HistoryErrorData,
  type ModuleError,
  type PlaybackErrorData,
  type PreferencesErrorData,
  type RecommendationErrorData,
} from '@accord/core';
import { formatDuration } from './duration.presenter';
import { AUDIO_UNAVAILABLE, describeResolveRefusal, queueFull } from './play-refusal.presenter';

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
  [PlaybackErrorCode.QueueFull]: ({ max }) => queueFull(max),
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

/** History's refusals (likes, the liked list) as Discord says them. */
const HISTORY: Wording<HistoryErrorData> = {
  [HistoryErrorCode.NothingPlaying]: () => NOTHING_PLAYING.track,
  [HistoryErrorCode.OptedOut]: () =>
    'You have opted out of being remembered, so I keep no likes for you. `/optout enabled:False` turns it back on.',
  [HistoryErrorCode.NoLikes]: () => 'You have not liked any songs yet. Use `/like` while one plays.',
  [HistoryErrorCode.NotInBotChannel]: ({ channelId }) => `Join <#${channelId}> first: I am playing there.`,
};

/** Linking and importing refusals as Discord says them. */
const PREFERENCES: Wording<PreferencesErrorData> = {
  [PreferencesErrorCode.SpotifyUnconfigured]: () =>
    'Spotify linking is not set up on this bot (the owner needs SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, TOKEN_ENCRYPTION_KEY and PUBLIC_URL).',
  [PreferencesErrorCode.SpotifyNotLinked]: () => 'You have not linked Spotify. Use `/link spotify` first.',
  [PreferencesErrorCode.SpotifyRelinkNeeded]: () =>
    'Spotify no longer accepts my link to your account (it was revoked or has expired). Use `/link spotify` to link it again.',
  [PreferencesErrorCode.SpotifyUnavailable]: () => 'Spotify is not answering right now; try again later.',
  [PreferencesErrorCode.LastfmUnconfigured]: () =>
    'Last.fm import is not set up on this bot (the owner needs LASTFM_API_KEY).',
  [PreferencesErrorCode.LastfmUserNotFound]: ({ username }) =>
    `Last.fm has no user called **${username}**. Check the spelling of the name on your Last.fm profile.`,
  [PreferencesErrorCode.LastfmUnavailable]: () => 'Last.fm is not answering right now; try again later.',
  [PreferencesErrorCode.LastfmNotLinked]: () => 'You have not linked Last.fm. Link it with `/link lastfm`.',
  [PreferencesErrorCode.InvalidUsername]: () =>
    'That is not a Last.fm user name (2-15 letters, digits, `_` or `-`, starting with a letter).',
  [PreferencesErrorCode.UnsupportedLink]: ({ link }) =>
    link === 'single-video'
      ? 'That link is a single video, not a playlist.'
      : 'Give me a link to a Spotify playlist (open.spotify.com/playlist/…) or a YouTube playlist (youtube.com/playlist?list=…).',
  [PreferencesErrorCode.ImportFailed]: ({ linked }) =>
    linked
      ? 'Spotify does not show me that playlist. Check the link.'
      : 'Spotify does not show me that playlist: it may be private. Link your account with `/link spotify` to import your own playlists.',
  [PreferencesErrorCode.ImportRunning]: () => 'An import of yours is already running; wait for it to finish.',
  [PreferencesErrorCode.NoPublicUrl]: () =>
    "Linking accounts needs the bot's public address, and the owner has not set PUBLIC_URL.",
};

/** Autoplay's refusals as Discord says them. */
const RECOMMENDATION: Wording<RecommendationErrorData> = {
  [RecommendationErrorCode.NothingPlaying]: () => NOTHING_PLAYING.track,
  [RecommendationErrorCode.AutoplayOff]: () => 'Autoplay is off here. `/autoplay on` turns it back on.',
};

/**
 * Any module's refusal as Discord words it, from its code and data. The panel's own refusals (the
 * admin transport's, worded there) rarely reach Discord; when one does, its message stands alone.
 */
export function describeModuleError(error: ModuleError): string {
  if (error instanceof PlaybackError) return describePlaybackError(error);
  if (error instanceof CatalogError) return word(CATALOG, error.code, error.data);
  if (error instanceof ResolveError) return describeResolveRefusal(error.refusal);
  if (error instanceof HistoryError) return word(HISTORY, error.code, error.data);
  if (error instanceof PreferencesError) return word(PREFERENCES, error.code, error.data);
  if (error instanceof RecommendationError) return word(RECOMMENDATION, error.code, error.data);
  return error.message;
}

/** A refusal that stopped some work (a playlist load, an import), as Discord words it. */
export function describeRefusal(error: Error): string {
  return isModuleError(error) ? describeModuleError(error) : error.message;
}
