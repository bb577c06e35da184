import { Schema } from 'mongoose';

export const CATALOG_STATE_MODEL = 'CatalogState';

/** Small facts about the catalog as a whole, one document each (`_id` names it). */
export interface CatalogStateDocument {
  _id: string;
  /** `track-keys`: the key rules (`TRACK_KEY_VERSION`) every stored key was derived with. */
  version?: number;
  updatedAt?: Date;
}

export const catalogStateSchema = new Schema<CatalogStateDocument>(
  { _id: { type: String, required: true }, version: Number, updatedAt: Date },
  { collection: 'catalog_state', versionKey: false },
);
