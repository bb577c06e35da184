import { createConnection, type Connection, type Model } from 'mongoose';
import { LyricsRepository, type FoundLyrics } from './lyrics.repository';
import { LYRICS_MODEL, lyricsSchema, type LyricsDocument } from './lyrics.schema';

const found: FoundLyrics = {
  sourceId: 7301001,
  artist: 'The Quiet Harbours',
  title: 'Tidewater Lights',
  album: 'Lanterns',
  durationMs: 215_000,
  instrumental: false,
  syncedLyrics: '[00:12.00] Harbour lights are blinking slow\n[00:14.60] Every boat knows where to go',
  plainLyrics: null,
};

describe(LyricsRepository.name, () => {
  let connection: Connection;
  let model: Model<LyricsDocument>;
  let sut: LyricsRepository;
  const now = new Date('2025-06-01T12:00:00Z');
  const later = (ms: number): Date => new Date(now.getTime() + ms);

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    model = connection.model<LyricsDocument>(LYRICS_MODEL, lyricsSchema);
    await model.init();
    sut = new LyricsRepository(model);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('keeps found lyrics as a plain value, synced lines parsed and the plain text made from them', async () => {
    const saved = await sut.saveFound('song:thequietharbours|tidewaterlights|none', found, now);

    const expected = {
      id: saved.id,
      source: 'lrclib',
      sourceId: 7301001,
      artist: 'The Quiet Harbours',
      title: 'Tidewater Lights',
      album: 'Lanterns',
      durationMs: 215_000,
      instrumental: false,
      synced: [
        { timeMs: 12_000, text: 'Harbour lights are blinking slow' },
        { timeMs: 14_600, text: 'Every boat knows where to go' },
      ],
      plain: 'Harbour lights are blinking slow\nEvery boat knows where to go',
    };
    expect(saved).toEqual(expected);
    expect(await sut.find('song:thequietharbours|tidewaterlights|none', later(365 * 86_400_000))).toEqual({
      found: true,
      lyrics: expected,
    });
    expect(await sut.findById(saved.id)).toEqual(expected);
  });

  it('answers a "none" until its retry time, and a found answer replaces it in place', async () => {
    await sut.saveNone('text:nobody|unsung', now, later(60_000));

    expect(await sut.find('text:nobody|unsung', later(59_999))).toEqual({ found: false });
    expect(await sut.find('text:nobody|unsung', later(60_000))).toBeUndefined();
    await sut.saveFound('text:nobody|unsung', { ...found, sourceId: 5 }, later(60_000));
    expect(await sut.find('text:nobody|unsung', later(120_000))).toMatchObject({
      found: true,
      lyrics: { sourceId: 5 },
    });
    expect(await model.countDocuments({ key: 'text:nobody|unsung' })).toBe(1);
    expect(await model.findOne({ key: 'text:nobody|unsung' }).lean()).not.toHaveProperty('retryAt');
  });

  it('deletes only the "none" answers past their retry time', async () => {
    await sut.saveNone('text:old|none', now, later(1_000));
    await sut.saveNone('text:fresh|none', now, later(10_000));

    expect(await sut.deleteStaleNones(later(5_000))).toBe(1);
    expect(await model.exists({ key: 'text:old|none' })).toBeNull();
    expect(await model.exists({ key: 'text:fresh|none' })).not.toBeNull();
    expect(await model.exists({ key: 'song:thequietharbours|tidewaterlights|none' })).not.toBeNull();
  });

  it('finds nothing for an id that is no cache id or a "none"', async () => {
    expect(await sut.findById('not-an-object-id')).toBeNull();
    const none = await model.findOne({ key: 'text:fresh|none' }).lean();
    expect(await sut.findById(String(none?._id))).toBeNull();
  });
});
