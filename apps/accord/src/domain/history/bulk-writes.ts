import type { Model } from 'mongoose';
import type { KeyRenames } from './played-song';

/** Old keys read at once (one `$in`). */
const KEYS_PER_READ = 500;
/**
 * Updates sent in one bulk write. Small: on the test database (FerretDB 1.x) 50 updates took about
 * 0.35 s, while 100 in one command outlasted the 15 s socket timeout.
 */
const WRITES_PER_BULK = 50;

/** Sends updates in bulks of `WRITES_PER_BULK`, one after the other. */
export async function bulkWriteInChunks<T>(
  model: Model<T>,
  writes: Parameters<Model<T>['bulkWrite']>[0],
): Promise<void> {
  for (let at = 0; at < writes.length; at += WRITES_PER_BULK) {
    await model.bulkWrite(writes.slice(at, at + WRITES_PER_BULK), { ordered: false });
  }
}

/**
 * Moves the documents of a collection with a `trackKey` (plays, feedback) to the renamed keys: one
 * `$in` read a chunk of old keys (an index on MongoDB, one pass where FerretDB 1.x reads every
 * document), then updates by `_id` (which both push down). Returns how many moved.
 */
export async function renameTrackKeysIn<T extends { trackKey: string }>(
  model: Model<T>,
  renames: KeyRenames,
): Promise<number> {
  const fromKeys = [...renames.keys()];
  let moved = 0;
  for (let start = 0; start < fromKeys.length; start += KEYS_PER_READ) {
    const docs = await model
      .find({ trackKey: { $in: fromKeys.slice(start, start + KEYS_PER_READ) } }, { trackKey: 1 })
      .lean<Array<{ _id: unknown; trackKey: string }>>()
      .exec();
    const writes = docs.flatMap((doc) => {
      const to = renames.get(doc.trackKey);
      return to ? [{ updateOne: { filter: { _id: doc._id }, update: { $set: to } } }] : [];
    });
    await bulkWriteInChunks(model, writes);
    moved += docs.length;
  }
  return moved;
}
