import { Schema, type Types } from 'mongoose';

export const LYRICS_MODEL = 'Lyrics';

/**
 * A `lyrics` document: what LRCLIB answered for one song key. Found lyrics are kept; a "none" is
 * asked again after `retryAt`. A failed lookup (LRCLIB slow, down, malformed) is never stored.
 */
export interface LyricsDocument {
  _id: Types.ObjectId;
  /** `song:<catalog key>` for a known song, `text:<artist>|<title>` for a parsed one, `q:<query>` for a search. */
  key: string;
  found: boolean;
  source: 'lrclib';
  sourceId?: number;
  artist?: string;
  title?: string;
  album?: string | null;
  durationMs?: number;
  instrumental?: boolean;
  /** Raw LRC, parsed when read. */
  syncedLyrics?: string | null;
  plainLyrics?: string | null;
  fetchedAt: Date;
  /** For a "none": when to ask LRCLIB again. */
  retryAt?: Date;
}

export const lyricsSchema = new Schema<LyricsDocument>(
  {
    key: { type: String, required: true, unique: true },
    found: { type: Boolean, required: true },
    source: { type: String, required: true },
    sourceId: { type: Number },
    artist: { type: String },
    title: { type: String },
    album: { type: String, default: null },
    durationMs: { type: Number },
    instrumental: { type: Boolean },
    syncedLyrics: { type: String, default: null },
    plainLyrics: { type: String, default: null },
    fetchedAt: { type: Date, required: true },
    retryAt: { type: Date },
  },
  { collection: 'lyrics', versionKey: false, minimize: false },
);
