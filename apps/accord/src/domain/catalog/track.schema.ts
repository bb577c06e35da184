import { Schema, type Types } from 'mongoose';
import type { LavalinkTrackData, PinnedBy, PinRecord, TrackAlternate } from './catalog.types';

export const TRACK_MODEL = 'Track';

/** A `tracks` document as stored. Small on purpose: no names as keys, no nested arrays. */
export interface TrackDocument {
  _id: Types.ObjectId;
  key: string;
  artist: string;
  title: string;
  variant: string;
  youtubeId: string;
  durationMs: number;
  isrc?: string;
  spotifyId?: string;
  artworkUrl?: string;
  tags: string[];
  aliases: string[];
  /** Folded "artist title" and "title", for /play autocomplete by prefix. */
  searchText: string[];
  pin: { by: PinnedBy; at: Date; score: number };
  lavalink: LavalinkTrackData;
  unavailable: boolean;
  failures: number;
  failedVideoIds: string[];
  alternates?: TrackAlternate[];
  pinHistory?: PinRecord[];
  createdAt: Date;
  updatedAt: Date;
}

const lavalinkSchema = new Schema<LavalinkTrackData>(
  {
    encoded: { type: String, required: true },
    identifier: { type: String, required: true },
    title: { type: String, required: true },
    author: { type: String, required: true },
    uri: String,
    artworkUrl: String,
    length: { type: Number, required: true },
    isStream: { type: Boolean, default: false },
    isSeekable: { type: Boolean, default: true },
    sourceName: { type: String, required: true },
  },
  { _id: false },
);

export const trackSchema = new Schema<TrackDocument>(
  {
    key: { type: String, required: true, unique: true },
    artist: { type: String, default: '' },
    title: { type: String, default: '' },
    variant: { type: String, default: 'none' },
    youtubeId: { type: String, required: true, index: true },
    durationMs: { type: Number, default: 0 },
    isrc: String,
    spotifyId: { type: String, index: { sparse: true } },
    artworkUrl: String,
    tags: { type: [String], default: [] },
    // Multikey index: every query string and video id that led to this song.
    aliases: { type: [String], default: [], index: true },
    searchText: { type: [String], default: [], index: true },
    pin: {
      type: new Schema(
        { by: { type: String, enum: ['auto', 'user'], required: true }, at: Date, score: Number },
        { _id: false },
      ),
      required: true,
    },
    lavalink: { type: lavalinkSchema, required: true },
    unavailable: { type: Boolean, default: false },
    failures: { type: Number, default: 0 },
    failedVideoIds: { type: [String], default: [] },
    alternates: {
      type: [
        new Schema<TrackAlternate>(
          { source: { type: String, required: true }, lavalink: { type: lavalinkSchema, required: true }, at: Date },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    pinHistory: {
      type: [
        new Schema<PinRecord>(
          {
            at: { type: Date, required: true },
            fromYoutubeId: { type: String, required: true },
            youtubeId: { type: String, required: true },
            by: { type: String, enum: ['auto', 'user'], required: true },
            score: Number,
            actor: {
              type: new Schema(
                {
                  userId: String,
                  guildId: { type: String, default: null },
                  via: { type: String, enum: ['discord', 'panel'] },
                },
                { _id: false },
              ),
              required: false,
            },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { collection: 'tracks', timestamps: true, versionKey: false },
);
