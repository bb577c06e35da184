import type { TrackSegment } from '@accord/core';
import type { SponsorBlockAnswer, SponsorBlockClient } from '../../adapters/sponsorblock/sponsorblock.client';
import { FakeClock } from '../playback/testing/playback.fakes';
import { SEGMENTS_FRESH_MS, SegmentsService } from './segments.service';
import type { StoredVideoSegments, VideoSegmentsRepository } from './video-segments.repository';

const intro: TrackSegment = { category: 'music_offtopic', startMs: 0, endMs: 12_000 };
const outro: TrackSegment = { category: 'outro', startMs: 200_000, endMs: 210_000 };

class MemoryRepository implements Pick<VideoSegmentsRepository, 'find' | 'save'> {
  readonly docs = new Map<string, StoredVideoSegments>();
  down = false;

  async find(videoId: string): Promise<StoredVideoSegments | null> {
    await Promise.resolve();
    if (this.down) throw new Error('MongoDB is away');
    return this.docs.get(videoId) ?? null;
  }

  async save(videoId: string, segments: TrackSegment[], fetchedAt: Date): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new Error('MongoDB is away');
    this.docs.set(videoId, { segments, fetchedAt });
  }
}

describe(SegmentsService.name, () => {
  let clock: FakeClock;
  let repository: MemoryRepository;
  let answer: SponsorBlockAnswer;
  let segments: jest.Mock<Promise<SponsorBlockAnswer>, [string]>;
  let sut: SegmentsService;

  beforeEach(() => {
    clock = new FakeClock();
    repository = new MemoryRepository();
    answer = { ok: true, value: [intro, outro] };
    segments = jest.fn((_videoId: string) => Promise.resolve(answer));
    sut = new SegmentsService(
      repository as unknown as VideoSegmentsRepository,
      { segments } as unknown as SponsorBlockClient,
      clock,
    );
  });

  it('asks SponsorBlock once and keeps every category of the answer for the next play', async () => {
    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([intro, outro]);
    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([intro, outro]);

    expect(segments).toHaveBeenCalledTimes(1);
    expect(repository.docs.get('Dq1rqSaMxQ0')).toEqual({ segments: [intro, outro], fetchedAt: clock.now() });
  });

  it('answers a video played again from memory, without reading the database', async () => {
    await sut.forVideo('Dq1rqSaMxQ0');
    const find = jest.spyOn(repository, 'find');

    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([intro, outro]);
    expect(find).not.toHaveBeenCalled();
  });

  it('reads an answer another run of the bot stored', async () => {
    repository.docs.set('Dq1rqSaMxQ0', { segments: [outro], fetchedAt: clock.now() });

    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([outro]);
    expect(segments).not.toHaveBeenCalled();
  });

  it('remembers "no segments" too', async () => {
    answer = { ok: true, value: [] };
    await sut.forVideo('Dq1rqSaMxQ0');
    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([]);

    expect(segments).toHaveBeenCalledTimes(1);
  });

  it('asks again after a day, and keeps the old answer when SponsorBlock gives none', async () => {
    await sut.forVideo('Dq1rqSaMxQ0');
    clock.advance(SEGMENTS_FRESH_MS);
    answer = { ok: false, reason: 'timeout', detail: 'no answer within 1500 ms' };

    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([intro, outro]);
    expect(segments).toHaveBeenCalledTimes(2);
  });

  it('knows nothing when SponsorBlock fails and nothing is cached, and asks again next time', async () => {
    answer = { ok: false, reason: 'invalid', detail: 'the answer is over 524288 bytes' };

    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toBeNull();
    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toBeNull();
    expect(segments).toHaveBeenCalledTimes(2);
    expect(repository.docs.size).toBe(0);
  });

  it('still answers with MongoDB away', async () => {
    repository.down = true;

    await expect(sut.forVideo('Dq1rqSaMxQ0')).resolves.toEqual([intro, outro]);
  });

  it('asks once for a video several guilds start at the same time', async () => {
    await Promise.all([sut.forVideo('Dq1rqSaMxQ0'), sut.forVideo('Dq1rqSaMxQ0')]);

    expect(segments).toHaveBeenCalledTimes(1);
  });
});
