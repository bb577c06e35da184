import type { Model } from 'mongoose';
import type { KeyRenames } from './played-song';

/** Old keys read at once (one `$in`). */
const KEYS_PER_READ = 500;
/**
 * Updates sent in one bulk write. Small: on the test database (FerretDB 1.x) 50 updates took about
 * 0.35 s, while 100 in one command outlasted the 15 s socket timeout.
 */
const WRITES_PER_BULK = 50;

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
    for (let at = 0; at < docs.length; at += WRITES_PER_BULK) {
      const writes = docs.slice(at, at + WRITES_PER_BULK).flatMap((doc) => {
        const to = renames.get(doc.trackKey);
        return to ? [{ updateOne: { filter: { _id: doc._id }, update: { $set: to } } }] : [];
      });
      if (writes.length > 0) await model.bulkWrite(writes, { ordered: false });
    }
    moved += docs.length;
  }
  return moved;
}
