import { Logger } from '@nestjs/common';
import { CatalogEvent, type PlayableTrack } from '@accord/core';
import type { CatalogTrack } from './catalog.types';
import {
  CatalogTrackFactory,
  createCatalog,
  video,
  type FakeLavalink,
  type InMemoryTrackRepository,
  type RecordingEvents,
} from './testing/catalog.fakes';
import { TrackPinningService } from './track-pinning.service';
import type { TrackResolverService } from './track-resolver.service';

describe(TrackPinningService.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  let tracks: InMemoryTrackRepository;
  let lavalink: FakeLavalink;
  let events: RecordingEvents;
  let resolver: TrackResolverService;
  let sut: TrackPinningService;

  beforeEach(() => {
    ({ tracks, lavalink, events, resolver, pinning: sut } = createCatalog());
    lavalink.videos = [
      video('dpOfficial1', 'Daft Punk - One More Time (Official Video)', 'Daft Punk', 320_000),
      video('dpTopic0001', 'One More Time', 'Daft Punk - Topic', 320_357),
      video('dpLive00001', 'Daft Punk - One More Time (Live)', 'Daft Punk', 400_000),
      video('dlTopic0001', 'Digital Love', 'Daft Punk - Topic', 301_373),
      video('dlReact0001', 'Digital Love REACTION', 'Reactor Guy', 600_000),
    ];
  });

  describe(TrackPinningService.prototype.reportLoadFailure.name, () => {
    it('re-pins to the next best video, never one that failed, and says so', async () => {
      const first = await resolver.resolve('Daft Punk - One More Time', 'u1');
      if (!first.ok || first.value.kind !== 'track') throw new Error('expected a track');

      const replacement = await sut.reportLoadFailure(first.value.track, 'This video is unavailable');

      expect(replacement).toMatchObject({ identifier: 'dpOfficial1', trackKey: 'daftpunk|onemoretime|none' });
      expect(tracks.docs[0]).toMatchObject({ youtubeId: 'dpOfficial1', failures: 1, failedVideoIds: ['dpTopic0001'] });
      expect(events.emitted).toContainEqual({
        name: CatalogEvent.TrackRepinned,
        payload: expect.objectContaining({
          previousYoutubeId: 'dpTopic0001',
          youtubeId: 'dpOfficial1',
          by: 'auto',
        }) as unknown,
      });
      expect(await sut.reportLoadFailure(first.value.track, 'again, from another guild')).toMatchObject({
        identifier: 'dpOfficial1',
      });
    });

    it('marks the song unavailable and gives null when no other video fits', async () => {
      const first = await resolver.resolve('Daft Punk - Digital Love', 'u1');
      if (!first.ok || first.value.kind !== 'track') throw new Error('expected a track');

      expect(await sut.reportLoadFailure(first.value.track, 'gone')).toBeNull();
      expect(tracks.docs[0]).toMatchObject({ unavailable: true, failures: 1 });
    });
  });

  describe('correction', () => {
    it('offers candidates with the current pin marked, and re-pins to the chosen one for everyone', async () => {
      await resolver.resolve('Daft Punk - One More Time', 'u1');
      lavalink.calls.length = 0;

      const { track, candidates } = await sut.candidates('daftpunk|onemoretime|none');
      const chosen = await sut.repin(track.id, 'dpOfficial1', 'user');

      expect(candidates[0]).toMatchObject({ youtubeId: 'dpTopic0001', current: true });
      expect(candidates.map((candidate) => candidate.youtubeId)).toContain('dpOfficial1');
      expect(chosen).toMatchObject({ youtubeId: 'dpOfficial1', pin: { by: 'user' } });
      // The offered video was kept: re-pinning loaded nothing more than the two searches.
      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - One More Time', 'ytsearch:Daft Punk - One More Time']);
      expect(await resolver.resolve('Daft Punk - One More Time', 'u1')).toMatchObject({
        ok: true,
        value: { track: { identifier: 'dpOfficial1' } },
      });
    });

    it('keeps each re-pin in the history of the song with who chose it, the last ten, and tells the listeners', async () => {
      await resolver.resolve('Daft Punk - One More Time', 'u1');
      const { track } = await sut.candidates('daftpunk|onemoretime|none');
      const fixer = { userId: 'user-7', guildId: 'guild-3', via: 'discord' as const };

      await sut.repin(track.id, 'dpOfficial1', 'user', fixer);
      for (let round = 0; round < 6; round += 1) {
        await sut.repin(track.id, 'dpTopic0001', 'user', { userId: 'owner-1', guildId: null, via: 'panel' });
        await sut.repin(track.id, 'dpOfficial1', 'user', fixer);
      }

      const history = tracks.docs[0].pinHistory;
      expect(history).toHaveLength(10);
      expect(history.at(-1)).toMatchObject({
        fromYoutubeId: 'dpTopic0001',
        youtubeId: 'dpOfficial1',
        by: 'user',
        actor: fixer,
      });
      expect(history.at(-2)).toMatchObject({ actor: { userId: 'owner-1', guildId: null, via: 'panel' } });
      expect(events.emitted.at(-1)).toMatchObject({
        name: CatalogEvent.TrackRepinned,
        payload: { trackId: track.id, previousYoutubeId: 'dpTopic0001', youtubeId: 'dpOfficial1', actor: fixer },
      });
    });

    it('merges two songs: aliases and key move, the source goes, and the event is emitted', async () => {
      await resolver.resolve('Daft Punk - One More Time', 'u1');
      await resolver.resolve('https://youtu.be/dpLive00001', 'u1');
      const [target, source] = tracks.docs;

      const merged = await sut.merge(source.id, target.id);

      expect(tracks.docs).toHaveLength(1);
      expect(merged.aliases).toEqual(expect.arrayContaining(['yt:dpLive00001', `key:${source.key}`]));
      expect(events.emitted).toContainEqual({
        name: CatalogEvent.TracksMerged,
        payload: { fromTrackId: source.id, toTrackId: target.id, fromKey: source.key, toKey: target.key },
      });
      lavalink.calls.length = 0;
      expect(await resolver.resolve('https://youtu.be/dpLive00001', 'u1')).toMatchObject({
        ok: true,
        value: { track: { identifier: 'dpTopic0001' } },
      });
      expect(await resolver.resolve('Daft Punk - One More Time (Live)', 'u1')).toMatchObject({
        ok: true,
        value: { track: { identifier: 'dpTopic0001' } },
      });
      expect(lavalink.calls).toEqual([]);
      await expect(sut.merge(target.id, target.id)).rejects.toMatchObject({ code: 'CANNOT_MERGE_INTO_ITSELF' });
    });
  });

  describe(TrackPinningService.prototype.moveToKey.name, () => {
    const kesha = (overrides: Partial<CatalogTrack> & { video?: PlayableTrack } = {}): CatalogTrack =>
      CatalogTrackFactory.create({
        key: 'keha|dieyoung|none',
        artist: 'Ke$ha',
        title: 'Die Young',
        video: video('keshaVideo1', 'Ke$ha - Die Young', 'KeshaVEVO'),
        ...overrides,
      });

    /** The same song, stored earlier under the new key (a Topic upload). */
    const keyedAlready = (): CatalogTrack =>
      kesha({
        key: 'kesha|dieyoung|none',
        artist: 'Kesha',
        createdAt: new Date('2025-01-01T00:00:00Z'),
        video: video('keshaTopic1', 'Die Young', 'Kesha - Topic'),
      });

    it('renames a song whose key is free, and the old key still finds it', async () => {
      const song = kesha();
      tracks.docs.push(song);

      expect(await sut.moveToKey(song.id, 'kesha|dieyoung|none')).toBe('renamed');

      expect(tracks.docs).toEqual([expect.objectContaining({ key: 'kesha|dieyoung|none' })]);
      expect(await sut.findSong('keha|dieyoung|none', [])).toMatchObject({ id: song.id });
      expect(events.emitted).toEqual([]);
    });

    it('joins a song to the older one that already has its new key', async () => {
      const older = keyedAlready();
      const newer = kesha({ createdAt: new Date('2025-06-01T00:00:00Z') });
      tracks.docs.push(older, newer);

      expect(await sut.moveToKey(newer.id, 'kesha|dieyoung|none')).toBe('joined');

      expect(tracks.docs).toHaveLength(1);
      expect(tracks.docs[0]).toMatchObject({ id: older.id, key: 'kesha|dieyoung|none', youtubeId: 'keshaTopic1' });
      expect(tracks.docs[0].aliases).toEqual(expect.arrayContaining(['yt:keshaVideo1', 'key:keha|dieyoung|none']));
    });

    it('keeps the song a person pinned when the two become one', async () => {
      const holder = keyedAlready();
      const chosen = kesha({
        createdAt: new Date('2025-06-01T00:00:00Z'),
        pin: { by: 'user', at: new Date('2025-06-02T00:00:00Z'), score: 0.8 },
      });
      tracks.docs.push(holder, chosen);

      expect(await sut.moveToKey(chosen.id, 'kesha|dieyoung|none')).toBe('joined');

      expect(tracks.docs).toHaveLength(1);
      expect(tracks.docs[0]).toMatchObject({ id: chosen.id, key: 'kesha|dieyoung|none', youtubeId: 'keshaVideo1' });
      expect(tracks.docs[0].aliases).toEqual(expect.arrayContaining(['yt:keshaTopic1', 'key:keha|dieyoung|none']));
    });

    it('answers missing for a song deleted meanwhile', async () => {
      expect(await sut.moveToKey('000000000000000000000999', 'kesha|dieyoung|none')).toBe('missing');
    });
  });

  describe('with songs pinned before', () => {
    const oldPin = video('oldPin00001', 'Daft Punk - One More Time', 'Old Uploads', 320_000);

    it('gives null, and searches nothing, for a failed video the catalog never pinned', async () => {
      const stranger = video('stranger001', 'Someone - Something', 'Someone');

      expect(await sut.reportLoadFailure(stranger, 'gone')).toBeNull();
      expect(lavalink.calls).toEqual([]);
    });

    it('keeps the current pin among the candidates even when no search finds it any more', async () => {
      const song = CatalogTrackFactory.create({
        key: 'daftpunk|onemoretime|none',
        artist: 'Daft Punk',
        title: 'One More Time',
        video: oldPin,
      });
      tracks.docs.push(song);

      const { candidates } = await sut.candidates(song.id, 2);

      expect(candidates).toHaveLength(2);
      expect(candidates[1]).toMatchObject({ youtubeId: 'oldPin00001', current: true });
      expect(candidates[0].current).toBe(false);
    });

    it('refuses to re-pin to a video Lavalink cannot load, and keeps the pin', async () => {
      const song = CatalogTrackFactory.create({ video: oldPin });
      tracks.docs.push(song);

      await expect(sut.repin(song.id, 'missing0001', 'user')).rejects.toMatchObject({ code: 'VIDEO_NOT_FOUND' });
      expect(tracks.docs[0]).toMatchObject({ youtubeId: 'oldPin00001', pin: { by: 'auto' } });
      expect(events.emitted).toEqual([]);
    });

    it('says a song it has no record of cannot be fixed', async () => {
      await expect(sut.candidates('nobody|nothing|none')).rejects.toMatchObject({ code: 'TRACK_NOT_FOUND' });
    });

    it('carries the Spotify id and ISRC of a merged song over to the song it joins', async () => {
      const target = CatalogTrackFactory.create();
      const source = CatalogTrackFactory.create({ spotifyId: 'sp0000000001', isrc: 'GBDUW0000059' });
      tracks.docs.push(target, source);

      const merged = await sut.merge(source.id, target.id);

      expect(merged).toMatchObject({ id: target.id, spotifyId: 'sp0000000001', isrc: 'GBDUW0000059' });
      expect(tracks.docs.map((doc) => doc.id)).toEqual([target.id]);
    });
  });
});
