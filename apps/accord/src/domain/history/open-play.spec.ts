import type { PlayRecord } from './history.types';
import {
  endListening,
  forgetListener,
  fromRecord,
  heardSoFar,
  noteLike,
  playSignals,
  setPresent,
  type OpenPlay,
} from './open-play';
import { OpenPlayFactory } from './testing/history.fakes';

const openPlay = (overrides: Partial<OpenPlay> = {}): OpenPlay => OpenPlayFactory.create(overrides);

describe('open play', () => {
  it('counts listening in track time: a leaver banks what they heard, an arrival starts at the playhead', () => {
    const play = openPlay();
    setPresent(play, ['ana', 'cy'], 0);

    setPresent(play, ['ana', 'bo'], 60_000);

    expect([...play.listeners].sort()).toEqual(['ana', 'bo', 'cy']);
    expect(play.listened.get('cy')).toBe(60_000);
    expect(heardSoFar(play, 'ana', 90_000)).toBe(90_000);
    expect(heardSoFar(play, 'bo', 90_000)).toBe(30_000);
  });

  it('banks everyone present at the end and says who they were', () => {
    const play = openPlay();
    setPresent(play, ['ana'], 0);
    setPresent(play, ['ana', 'cy'], 150_000);

    const present = endListening(play, 200_000);

    expect(present).toEqual(['ana', 'cy']);
    expect(Object.fromEntries(play.listened)).toEqual({ ana: 200_000, cy: 50_000 });
    expect(play.present.size).toBe(0);
  });

  it('keeps a listener latest like or dislike, and ignores other feedback', () => {
    const play = openPlay();

    expect(noteLike(play, 'ana', 'like')).toBe(true);
    expect(noteLike(play, 'ana', 'dislike')).toBe(true);
    expect(noteLike(play, 'cy', 'skip')).toBe(false);

    expect([...play.likes]).toEqual([]);
    expect([...play.dislikes]).toEqual(['ana']);
  });

  it('forgets a user everywhere in a play, including as its requester', () => {
    const play = openPlay({ requestedBy: 'ana', fits: [{ userId: 'ana', fit: 0.9 }] });
    setPresent(play, ['ana', 'cy'], 0);
    noteLike(play, 'ana', 'like');

    forgetListener(play, 'ana');

    expect([...play.listeners]).toEqual(['cy']);
    expect(play.present.has('ana')).toBe(false);
    expect(play.likes.size).toBe(0);
    expect(play.fits).toEqual([]);
    expect(play.requestedBy).toBeUndefined();
  });

  it('teaches a heard, completed play to those present at its finish, and a skip to the skipper', () => {
    const play = openPlay();
    setPresent(play, ['ana', 'cy'], 0);
    setPresent(play, ['ana'], 10_000);
    endListening(play, 200_000);

    const finished = playSignals(
      play,
      { endReason: 'finished', endedAt: new Date(), playedMs: 200_000 },
      {
        completes: ['ana'],
      },
    );
    const skipped = playSignals(
      play,
      { endReason: 'skipped', endedAt: new Date(), playedMs: 200_000 },
      {
        completes: [],
        skipper: 'bo',
      },
    );

    // Cy heard 10 s, less than the 30 s that count as heard.
    expect(finished.map(({ userId, signals }) => [userId, signals.map((s) => s.kind)])).toEqual([
      ['ana', ['heard', 'complete']],
    ]);
    expect(finished[0].signals[0].share).toBe(1);
    expect(skipped.map(({ userId, signals }) => [userId, signals.map((s) => s.kind)])).toEqual([
      ['ana', ['heard']],
      ['bo', ['skip']],
    ]);
  });

  it('counts the whole play as heard by everyone when it was interrupted by a restart', () => {
    const play = openPlay({ listeners: new Set(['ana']) });

    const learned = playSignals(
      play,
      { endReason: 'stopped', endedAt: new Date(), playedMs: 100_000, interrupted: true },
      { completes: [] },
    );

    expect(learned).toEqual([{ userId: 'ana', signals: [expect.objectContaining({ kind: 'heard', share: 0.5 })] }]);
  });

  it('restores a play left open as not yet claimed, with what its listeners had heard', () => {
    const record = {
      id: 'play-9',
      guildId: 'guild-1',
      trackKey: 'justice|genesis|none',
      artistKey: 'justice',
      title: 'Genesis',
      artist: 'Justice',
      durationMs: 200_000,
      startedAt: new Date('2025-01-01T12:00:00Z'),
      endedAt: null,
      lastKnownAt: new Date('2025-01-01T12:01:00Z'),
      playedMs: 60_000,
      source: 'request',
      requestedBy: 'ana',
      listeners: ['ana'],
      listened: [{ userId: 'ana', ms: 60_000 }],
      fits: [],
      likes: 0,
      dislikes: 0,
    } as PlayRecord;

    const play = fromRecord(record);

    expect(play).toMatchObject({ id: 'play-9', restored: true, playedMs: 60_000, requestedBy: 'ana' });
    expect(play.song).toEqual({
      trackKey: 'justice|genesis|none',
      artistKey: 'justice',
      artistName: 'Justice',
      title: 'Genesis',
    });
    expect(play.listened.get('ana')).toBe(60_000);
  });
});
