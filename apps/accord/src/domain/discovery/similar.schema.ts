import { Schema, type Types } from 'mongoose';

export const SIMILAR_MODEL = 'Similar';

/**
 * A `similar` document: one source's answer for one key ("lastfm:track.getSimilar" for
 * "daftpunk|onemoretime|none"), kept until `expiresAt`. Expired documents are deleted by a
 * scheduled job, not a TTL index (FerretDB 1.x refuses those).
 */
export interface SimilarDocument {
  _id: Types.ObjectId;
  source: string;
  key: string;
  payload: unknown;
  expiresAt: Date;
  createdAt: Date;
}

export const similarSchema = new Schema<SimilarDocument>(
  {
    source: { type: String, required: true },
    key: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: null },
    expiresAt: { type: Date, required: true, index: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'similar', versionKey: false, minimize: false },
);
similarSchema.index({ source: 1, key: 1 }, { unique: true });
