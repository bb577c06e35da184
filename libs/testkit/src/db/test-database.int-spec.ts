import { Schema, type Connection, type Model, createConnection, mongo } from 'mongoose';
import {
  TEST_MONGODB_KIND_ENV,
  TEST_MONGODB_URI_ENV,
  dropTestDatabase,
  testDatabaseUri,
  withDatabaseName,
} from './test-database';

interface TrackDoc {
  key: string;
  artist: string;
  title: string;
  plays: number;
  tags: string[];
}

const trackSchema = new Schema<TrackDoc>({
  key: { type: String, required: true, unique: true },
  artist: { type: String, required: true },
  title: { type: String, required: true },
  plays: { type: Number, default: 0 },
  tags: { type: [String], default: [] },
});

function track(overrides: Partial<TrackDoc> & Pick<TrackDoc, 'artist' | 'title'>): TrackDoc {
  const key = `${overrides.artist}-${overrides.title}`.toLowerCase().replace(/\s+/g, '-');
  return { key, plays: 0, tags: [], ...overrides };
}

describe(testDatabaseUri.name, () => {
  let uri: string;
  let connection: Connection;
  let tracks: Model<TrackDoc>;

  beforeAll(async () => {
    uri = testDatabaseUri();
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    tracks = connection.model<TrackDoc>('Track', trackSchema);
    // Build the unique index before the first insert, not in the background.
    await tracks.init();
  });

  afterAll(async () => {
    await connection?.close();
    if (uri) {
      await dropTestDatabase(uri);
    }
  });

  it('gives this file its own database, the one per-file-database put in MONGODB_URI', () => {
    expect(uri).toBe(process.env.MONGODB_URI);
    expect(connection.name).toMatch(/^t_[a-zA-Z0-9_-]{1,61}$/);
    expect(uri).toBe(withDatabaseName(process.env[TEST_MONGODB_URI_ENV] ?? '', connection.name));
    expect(testDatabaseUri()).toBe(uri);
    expect(testDatabaseUri('other')).not.toBe(uri);
    expect(testDatabaseUri('other')).toContain('test-database-int-spec_other_');
  });

  // Only when globalSetup started FerretDB itself; MONGODB_URI or ACCORD_TESTDB=mongod choose another server.
  const onFerretDb = process.env[TEST_MONGODB_KIND_ENV] === 'ferretdb';
  (onFerretDb ? it : it.skip)('talks to the FerretDB server that globalSetup started', async () => {
    const buildInfo = await connection.getClient().db('admin').command({ buildInfo: 1 });

    // FerretDB adds ferretdbVersion to buildInfo; MongoDB has no such field.
    expect(buildInfo).toHaveProperty('ferretdbVersion');
  });

  it('inserts and finds documents', async () => {
    await tracks.create([
      track({ artist: 'Daft Punk', title: 'One More Time', plays: 3 }),
      track({ artist: 'Daft Punk', title: 'Digital Love', plays: 5 }),
    ]);

    const found = await tracks.findOne({ key: 'daft-punk-digital-love' }).lean();

    expect(found).toMatchObject({ artist: 'Daft Punk', title: 'Digital Love', plays: 5 });
  });

  it('rejects a duplicate of a unique key with code 11000', async () => {
    const duplicate = tracks.create(track({ artist: 'Daft Punk', title: 'One More Time' }));

    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
    await expect(duplicate).rejects.toBeInstanceOf(mongo.MongoServerError);
  });

  it('aggregates with $match, $group and $sort', async () => {
    await tracks.create([
      track({ artist: 'Air', title: 'La Femme d Argent', plays: 2 }),
      track({ artist: 'Air', title: 'Sexy Boy', plays: 4 }),
      track({ artist: 'Justice', title: 'Genesis', plays: 0 }),
    ]);

    // One accumulator per $group: FerretDB 1.x feeds the documents to the first one only.
    const totals = await tracks.aggregate<{ _id: string; plays: number }>([
      { $match: { plays: { $gt: 0 } } },
      { $group: { _id: '$artist', plays: { $sum: '$plays' } } },
      { $sort: { plays: -1 } },
    ]);

    expect(totals).toEqual([
      { _id: 'Daft Punk', plays: 8 },
      { _id: 'Air', plays: 6 },
    ]);
  });

  it('appends several values at once with $push and $each', async () => {
    await tracks.updateOne({ key: 'justice-genesis' }, { $push: { tags: { $each: ['french', 'electro'] } } });
    await tracks.updateOne({ key: 'justice-genesis' }, { $push: { tags: { $each: ['house'] } } });

    const updated = await tracks.findOne({ key: 'justice-genesis' }).lean();

    expect(updated?.tags).toEqual(['french', 'electro', 'house']);
  });
});
