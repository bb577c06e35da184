import { createConnection, type Connection, type Model } from 'mongoose';
import { SimilarRepository } from './similar.repository';
import { SIMILAR_MODEL, similarSchema, type SimilarDocument } from './similar.schema';

describe(SimilarRepository.name, () => {
  let connection: Connection;
  let model: Model<SimilarDocument>;
  let sut: SimilarRepository;
  const now = new Date('2025-06-01T12:00:00Z');
  const later = (ms: number): Date => new Date(now.getTime() + ms);

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    model = connection.model<SimilarDocument>(SIMILAR_MODEL, similarSchema);
    await model.init();
    sut = new SimilarRepository(model);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('keeps one answer per source and key, replaced in place, and returns it as a plain value until it expires', async () => {
    const payload = [{ artist: 'Justice', title: 'Genesis', match: 0.7, tags: ['french house'] }];
    await sut.save('lastfm:track.getSimilar', 'daftpunk|aroundtheworld', [], later(1_000), now);
    await sut.save('lastfm:track.getSimilar', 'daftpunk|aroundtheworld', payload, later(60_000), now);

    expect(await sut.find('lastfm:track.getSimilar', 'daftpunk|aroundtheworld', later(30_000))).toEqual(payload);
    expect(await sut.find('lastfm:track.getSimilar', 'daftpunk|aroundtheworld', later(60_001))).toBeUndefined();
    expect(await sut.find('deezer:top', 'daftpunk|aroundtheworld', now)).toBeUndefined();
    expect(await model.countDocuments({ key: 'daftpunk|aroundtheworld' })).toBe(1);
  });

  it('stores artist names with dots as values, never as keys', async () => {
    await sut.save('deezer:artist', 'mrow', { id: 7, name: 'Mr. Oizo' }, later(60_000), now);
    expect(await sut.find('deezer:artist', 'mrow', now)).toEqual({ id: 7, name: 'Mr. Oizo' });
  });

  it('refuses a second document for one source and key (the unique index exists)', async () => {
    await expect(
      model.create({ source: 'deezer:artist', key: 'mrow', payload: null, expiresAt: later(1), createdAt: now }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('deletes only expired answers', async () => {
    await sut.save('youtube:mix', 'old', [], later(-1), now);
    await sut.save('youtube:mix', 'fresh', [], later(3_600_000), now);

    const deleted = await sut.deleteExpired(now);

    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await model.exists({ key: 'old' })).toBeNull();
    expect(await model.exists({ key: 'fresh' })).not.toBeNull();
  });
});
