import { decodeItemModel } from '@accord/recommender';
import { createConnection, type Connection, type Model } from 'mongoose';
import { runTasteModelJob, type TasteModelJobOutput } from './taste-model.job';
import { TasteModelRepository } from './taste-model.repository';
import {
  TASTE_MODEL,
  TASTE_MODEL_PART,
  tasteModelPartSchema,
  tasteModelSchema,
  type TasteModelDocument,
  type TasteModelPartDocument,
} from './taste-model.schema';

/** A small trained model: six rock fans and six jazz fans, and one similarity link from the sources. */
function trained(): TasteModelJobOutput {
  const interactions = ['r', 'j'].flatMap((genre) =>
    Array.from({ length: 6 }, (_, u) =>
      [0, 1, 2, 3]
        .filter((a) => a !== u % 4)
        .map((a) => ({ userId: `${genre}${u}`, itemId: `${genre}${a}`, value: 2 })),
    ).flat(),
  );
  return runTasteModelJob({
    interactions,
    edges: [{ from: 'r0', to: 'newrock', strength: 0.8 }],
    options: { factors: 4, alsIterations: 3 },
  });
}

describe(TasteModelRepository.name, () => {
  let connection: Connection;
  let models: Model<TasteModelDocument>;
  let parts: Model<TasteModelPartDocument>;
  let sut: TasteModelRepository;

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    models = connection.model<TasteModelDocument>(TASTE_MODEL, tasteModelSchema);
    parts = connection.model<TasteModelPartDocument>(TASTE_MODEL_PART, tasteModelPartSchema);
    await Promise.all([models.init(), parts.init()]);
    sut = new TasteModelRepository(models, parts);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('has nothing before the first training', async () => {
    expect(await sut.latest()).toBeNull();
  });

  it('stores a model in parts and reads back the same bytes, with its figures', async () => {
    const output = trained();
    const saved = await sut.save(output, new Date('2026-12-01T10:00:00Z'), 1_000);

    const latest = await sut.latest();
    expect(saved.parts).toBe(Math.ceil(output.bytes.byteLength / 1_000));
    expect(await parts.countDocuments({})).toBe(saved.parts);
    expect(latest?.info).toMatchObject({ id: saved.id, items: output.items, listenerCount: 12, edges: 1 });
    expect(Buffer.from(latest?.bytes ?? []).equals(Buffer.from(output.bytes))).toBe(true);
    expect(decodeItemModel(latest?.bytes ?? new Uint8Array()).items).toContain('newrock');
  });

  it('keeps only the newest model once it is complete, and never reads an incomplete one', async () => {
    const first = await sut.save(trained(), new Date('2026-12-02T10:00:00Z'));
    const second = await sut.save(trained(), new Date('2026-12-03T10:00:00Z'));
    // A training interrupted while writing its parts leaves an incomplete model behind.
    await models.create({
      ...(await models.findById(second.id).lean()),
      _id: undefined,
      trainedAt: new Date('2026-12-04T10:00:00Z'),
      complete: false,
    });

    expect((await sut.latest())?.info.id).toBe(second.id);
    expect(await models.countDocuments({ _id: first.id })).toBe(0);
    expect(await parts.countDocuments({ modelId: first.id })).toBe(0);
  });
});
