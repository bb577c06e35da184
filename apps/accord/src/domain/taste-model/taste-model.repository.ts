import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { TasteModelJobOutput } from './taste-model.job';
import {
  TASTE_MODEL,
  TASTE_MODEL_PART,
  type TasteModelDocument,
  type TasteModelPartDocument,
} from './taste-model.schema';

/** Bytes per stored part: well below MongoDB's 16 MB document limit. */
export const PART_BYTES = 4 * 2 ** 20;

export type StoredTasteModelInfo = Omit<TasteModelDocument, '_id' | 'complete'> & { id: string };

/** The stored taste model: written in parts, read back whole; older models are deleted once a newer one is complete. */
@Injectable()
export class TasteModelRepository {
  constructor(
    @InjectModel(TASTE_MODEL) private readonly models: Model<TasteModelDocument>,
    @InjectModel(TASTE_MODEL_PART) private readonly parts: Model<TasteModelPartDocument>,
  ) {}

  async save(output: TasteModelJobOutput, trainedAt: Date, partBytes = PART_BYTES): Promise<StoredTasteModelInfo> {
    const id = new Types.ObjectId();
    const count = Math.max(1, Math.ceil(output.bytes.byteLength / partBytes));
    const info = {
      trainedAt,
      items: output.items,
      listenerCount: output.listenerCount,
      interactions: output.interactions,
      edges: output.edges,
      blend: output.blend,
      trainMs: output.trainMs,
      heapMb: output.heapMb,
      size: output.bytes.byteLength,
      parts: count,
    };
    await this.models.create({ _id: id, ...info, complete: false });
    for (let index = 0; index < count; index++) {
      const slice = output.bytes.subarray(index * partBytes, (index + 1) * partBytes);
      await this.parts.create({
        modelId: id,
        index,
        data: Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength),
      });
    }
    await this.models.updateOne({ _id: id }, { $set: { complete: true } }).exec();
    await this.deleteAllBut(id);
    return { id: id.toHexString(), ...info };
  }

  /** The newest complete model, or null when none was trained yet. */
  async latest(): Promise<{ info: StoredTasteModelInfo; bytes: Uint8Array } | null> {
    const doc = await this.models.findOne({ complete: true }).sort({ trainedAt: -1 }).lean<TasteModelDocument>().exec();
    if (!doc) return null;
    const parts = await this.parts
      .find({ modelId: doc._id })
      .sort({ index: 1 })
      .lean<Array<Pick<TasteModelPartDocument, 'index' | 'data'>>>()
      .exec();
    if (parts.length !== doc.parts) return null;
    const buffers = parts.map((part) => toBuffer(part.data));
    const bytes = new Uint8Array(Buffer.concat(buffers));
    if (bytes.byteLength !== doc.size) return null;
    const { _id, complete: _complete, ...rest } = doc;
    return { info: { id: _id.toHexString(), ...rest }, bytes };
  }

  private async deleteAllBut(id: Types.ObjectId): Promise<void> {
    await this.parts.deleteMany({ modelId: { $ne: id } }).exec();
    await this.models.deleteMany({ _id: { $ne: id } }).exec();
  }
}

/** A stored Binary comes back as a Buffer or as the driver's Binary, depending on the read path. */
function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  const binary = data as { buffer?: Uint8Array; value?: () => Uint8Array };
  if (binary.buffer instanceof Uint8Array) return Buffer.from(binary.buffer);
  if (typeof binary.value === 'function') return Buffer.from(binary.value());
  throw new Error('a stored model part is not binary data');
}
