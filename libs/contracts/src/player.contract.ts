/** The filter presets the bot knows (the same names as the `/filter` command). */
export const FILTER_PRESET_NAMES = ['nightcore', 'vaporwave', 'bassboost', '8d', 'karaoke', 'lowpass'] as const;
export type FilterPresetName = (typeof FILTER_PRESET_NAMES)[number];

/** SponsorBlock categories a guild may skip (the same names as SponsorBlock's). */
export const SEGMENT_CATEGORY_NAMES = ['music_offtopic', 'intro', 'outro', 'sponsor', 'selfpromo'] as const;
export type SegmentCategoryName = (typeof SEGMENT_CATEGORY_NAMES)[number];

/** A part of the video skipped while it played, in track time. */
export interface SkippedSegmentDto {
  category: SegmentCategoryName;
  startMs: number;
  endMs: number;
}

export const LOOP_MODE_NAMES = ['off', 'track', 'queue'] as const;
export type LoopModeName = (typeof LOOP_MODE_NAMES)[number];

/** Why a track is in the queue. */
export type TrackSourceName = 'request' | 'autoplay' | 'discovery' | 'import';

export interface TrackDto {
  title: string;
  author: string;
  uri: string | null;
  artworkUrl: string | null;
  durationMs: number;
  isStream: boolean;
  /** YouTube video id (or the source's identifier). */
  identifier: string | null;
  trackKey: string | null;
  /** Where the audio comes from, as Lavalink names it (`youtube`, `soundcloud`, `bandcamp`, `http`). */
  sourceName: string | null;
}

export interface QueueEntryDto {
  /** Stable while the entry moves around the queue. */
  id: string;
  /** 1-based position in the queue (what remove and move take). */
  position: number;
  track: TrackDto;
  requestedBy: string | null;
  source: TrackSourceName;
  /** Why autoplay picked it. */
  reason: string | null;
  addedAt: string;
}

export interface NowPlayingDto {
  entry: Omit<QueueEntryDto, 'position'>;
  positionMs: number;
  paused: boolean;
  startedAt: string;
  /** Parts of the video skipped so far (SponsorBlock segments the guild skips). */
  skippedSegments: SkippedSegmentDto[];
}

/** A guild's player as it is now; `active: false` (and nulls) when the bot is not in voice there. */
export interface PlayerStateDto {
  guildId: string;
  active: boolean;
  voiceChannelId: string | null;
  current: NowPlayingDto | null;
  queueLength: number;
  loop: LoopModeName;
  /** 0-150; 100 keeps Opus passthrough. */
  volume: number;
  filter: FilterPresetName | null;
  twentyFourSeven: boolean;
  listenerCount: number;
  /** True when the volume or a filter make Lavalink decode and re-encode. */
  transcoding: boolean;
  node: string | null;
}

/** `GET /api/v1/guilds/:guildId/queue?offset&limit` (limit above 100 is served as 100). */
export interface QueuePageDto {
  guildId: string;
  total: number;
  offset: number;
  limit: number;
  items: QueueEntryDto[];
}

export interface QueueQuery {
  offset?: number;
  limit?: number;
}

export interface SeekRequest {
  positionMs: number;
}

export interface VolumeRequest {
  volume: number;
}

export interface FilterRequest {
  /** null switches filters off. */
  filter: FilterPresetName | null;
}

export interface LoopRequest {
  mode: LoopModeName;
}

/** Positions are 1-based, as `QueueEntryDto.position`. */
export interface MoveRequest {
  from: number;
  to: number;
}

export interface SkipResultDto {
  skipped: Omit<QueueEntryDto, 'position'>;
  next: Omit<QueueEntryDto, 'position'> | null;
  player: PlayerStateDto;
}

export interface QueueChangeResultDto {
  /** The entry removed or moved. */
  entry: Omit<QueueEntryDto, 'position'>;
  player: PlayerStateDto;
}

/** `POST /api/v1/guilds/:guildId/queue`: what to add, resolved as `/play` resolves it. */
export interface EnqueueRequest {
  /** A song ("artist - title") or a YouTube, Spotify, Deezer or SoundCloud link; 1-500 characters once trimmed. */
  query: string;
  /** Right after the current track instead of at the end (default false). */
  next?: boolean;
}

/** A playlist queued by `POST .../queue`: its first tracks are in at once, the rest load in the background. */
export interface EnqueuedPlaylistDto {
  name: string;
  /** Tracks the playlist has, as loaded (the catalog reads at most 1,000). */
  found: number;
  /** Tracks past the catalog's playlist cap, not queued. */
  leftOut: number;
  /** Tracks that fit in the queue (at most 5,000 entries): what will be queued in all. */
  total: number;
  /** True while the rest is still being added (follow the `queue` live event or re-read the queue). */
  loading: boolean;
  /** The queue filled up before the whole playlist fitted. */
  full: boolean;
}

/** `POST .../queue` answers 201 with this. */
export interface EnqueueResultDto {
  kind: 'track' | 'playlist';
  /** The track queued, or the playlist's first track (null for a playlist queued `next`, which goes in last slice first). */
  first: Omit<QueueEntryDto, 'position'> | null;
  /** Where `first` is: a 1-based queue position, 0 when it started playing at once, null without `first`. */
  firstPosition: number | null;
  /** Nothing was playing and the first track started. */
  startedPlaying: boolean;
  /** Queued right after the current track. */
  next: boolean;
  /** Entries this request has queued by the time of the answer. */
  queued: number;
  /** Set for a playlist, null for a single track. */
  playlist: EnqueuedPlaylistDto | null;
  player: PlayerStateDto;
}
