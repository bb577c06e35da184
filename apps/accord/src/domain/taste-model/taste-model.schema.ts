import { Schema, type Types } from 'mongoose';

export const TASTE_MODEL = 'TasteModel';
export const TASTE_MODEL_PART = 'TasteModelPart';

/**
 * A trained taste model (`taste_models`): what it learned from and how long it took. Its bytes are
 * in `taste_model_parts`, split below MongoDB's 16 MB document limit; a model counts once all its
 * parts are written, and only the newest is kept.
 */
export interface TasteModelDocument {
  _id: Types.ObjectId;
  trainedAt: Date;
  items: number;
  listenerCount: number;
  interactions: number;
  edges: number;
  blend: Array<{ name: string; weight: number }>;
  trainMs: number;
  heapMb: number;
  size: number;
  parts: number;
  complete: boolean;
}

export interface TasteModelPartDocument {
  _id: Types.ObjectId;
  modelId: Types.ObjectId;
  index: number;
  data: Buffer;
}

export const tasteModelSchema = new Schema<TasteModelDocument>(
  {
    trainedAt: { type: Date, required: true, index: true },
    items: { type: Number, required: true },
    listenerCount: { type: Number, required: true },
    interactions: { type: Number, required: true },
    edges: { type: Number, required: true },
    blend: { type: [{ _id: false, name: String, weight: Number }], default: [] },
    trainMs: { type: Number, required: true },
    heapMb: { type: Number, required: true },
    size: { type: Number, required: true },
    parts: { type: Number, required: true },
    complete: { type: Boolean, default: false },
  },
  { collection: 'taste_models', versionKey: false },
);

export const tasteModelPartSchema = new Schema<TasteModelPartDocument>(
  {
    modelId: { type: Schema.Types.ObjectId, required: true },
    index: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'taste_model_parts', versionKey: false },
);
tasteModelPartSchema.index({ modelId: 1, index: 1 }, { unique: true });
