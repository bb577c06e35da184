import type { OpenPlay } from './open-play';
import { PlayWritesService } from './play-writes.service';
import { createPlayWrites, OpenPlayFactory, type PlayWritesFakes } from './testing/history.fakes';

/** A requested play with Ana and Cy listening from its start. */
function openPlay(overrides: Partial<OpenPlay> = {}): OpenPlay {
  return OpenPlayFactory.create({
    youtubeId: 'abcdefghijk',
    source: 'request',
    requestedBy: 'ana',
    fits: [
      { userId: 'ana', fit: 0.9 },
      { userId: 'cy', fit: 0.4 },
    ],
    listeners: new Set(['ana', 'cy']),
    present: new Map([
      ['ana', 0],
      ['cy', 0],
    ]),
    ...overrides,
  });
}

describe(PlayWritesService.name, () => {
  let fakes: PlayWritesFakes;
  let sut: PlayWritesService;

  beforeEach(() => {
    fakes = createPlayWrites();
    sut = fakes.writes;
  });

  it('writes nothing until the write queue runs, and then in the order asked', async () => {
    const play = openPlay();

    sut.opened(play, 'feedback-1');
    sut.closed(
      play,
      { endReason: 'finished', endedAt: new Date('2025-01-01T12:03:20Z'), playedMs: 200_000 },
      {
        completes: [{ userId: 'ana', id: 'feedback-2' }],
      },
    );
    expect(fakes.plays.docs.size).toBe(0);
    await fakes.writer.flush();

    expect(fakes.writer.written).toEqual(['open play', 'profile: request', 'close play']);
    expect(fakes.plays.docs.get('play-1')).toMatchObject({ endReason: 'finished', playedMs: 200_000 });
  });

  it('opens a play in its document, the guild window and its day, with the request as feedback and a profile signal', async () => {
    sut.opened(openPlay(), 'feedback-1');
    await fakes.writer.flush();

    expect(fakes.plays.docs.get('play-1')).toMatchObject({
      guildId: 'guild-1',
      endedAt: null,
      requestedBy: 'ana',
      listeners: ['ana', 'cy'],
    });
    expect(fakes.windows.windows.get('guild-1')).toEqual([
      expect.objectContaining({ playId: 'play-1', outcome: 'playing', listeners: ['ana', 'cy'] }),
    ]);
    expect(fakes.days.plays.get('play-1')).toMatchObject({ endedAt: null, requestedBy: 'ana' });
    expect(fakes.feedback.records).toEqual([
      expect.objectContaining({ id: 'feedback-1', userId: 'ana', kind: 'request', playId: 'play-1' }),
    ]);
    expect(fakes.profiles.applied).toEqual([
      { userId: 'ana', signals: [expect.objectContaining({ kind: 'request', trackKey: 'justice|genesis|none' })] },
    ]);
  });

  it('leaves out a listener who opted out, from the play, its fits and its request', async () => {
    fakes.optOuts.optedOut.add('ana');

    sut.opened(openPlay(), 'feedback-1');
    await fakes.writer.flush();

    expect(fakes.plays.docs.get('play-1')).toMatchObject({
      listeners: ['cy'],
      requestedBy: undefined,
      fits: [{ userId: 'cy', fit: 0.4 }],
    });
    expect(fakes.days.plays.get('play-1')?.requestedBy).toBeUndefined();
    expect(fakes.feedback.records).toEqual([]);
  });

  it('closes a play with who heard how much, the completes of those present and the skip', async () => {
    const play = openPlay({ listened: new Map([['ana', 200_000]]) });
    sut.opened(play, 'feedback-1');

    sut.closed(
      play,
      { endReason: 'skipped', endedAt: new Date('2025-01-01T12:03:20Z'), playedMs: 200_000, skippedBy: 'cy' },
      { completes: [{ userId: 'ana', id: 'feedback-2' }], skip: { userId: 'cy', id: 'feedback-3' } },
    );
    await fakes.writer.flush();

    expect(fakes.plays.docs.get('play-1')).toMatchObject({
      endReason: 'skipped',
      skippedBy: 'cy',
      listened: [
        { userId: 'ana', ms: 200_000 },
        { userId: 'cy', ms: 0 },
      ],
    });
    expect(fakes.windows.windows.get('guild-1')?.[0].outcome).toBe('skipped');
    expect(fakes.days.plays.get('play-1')).toMatchObject({
      endedAt: Date.parse('2025-01-01T12:03:20Z'),
      skippedBy: 'cy',
    });
    expect(fakes.feedback.records.map((record) => [record.id, record.userId, record.kind])).toEqual([
      ['feedback-1', 'ana', 'request'],
      ['feedback-2', 'ana', 'complete'],
      ['feedback-3', 'cy', 'skip'],
    ]);
  });

  it('adds each feedback record once when a close is written again', async () => {
    const play = openPlay({ source: 'autoplay', requestedBy: undefined });
    const end = { endReason: 'finished' as const, endedAt: new Date('2025-01-01T12:03:20Z'), playedMs: 200_000 };
    const outcome = { completes: [{ userId: 'ana', id: 'feedback-2' }] };

    sut.closed(play, end, outcome);
    sut.closed(play, end, outcome);
    await fakes.writer.flush();

    expect(fakes.feedback.records.map((record) => record.id)).toEqual(['feedback-2']);
  });

  it('records the skip of a skipper who opted out nowhere', async () => {
    fakes.optOuts.optedOut.add('cy');
    const play = openPlay({ source: 'autoplay', requestedBy: undefined });

    sut.closed(
      play,
      { endReason: 'skipped', endedAt: new Date('2025-01-01T12:01:00Z'), playedMs: 60_000, skippedBy: 'cy' },
      { completes: [], skip: { userId: 'cy', id: 'feedback-3' } },
    );
    await fakes.writer.flush();

    expect(fakes.feedback.records).toEqual([]);
    expect(fakes.days.plays.get('play-1')?.skippedBy).toBeUndefined();
  });

  it('writes the listening so far at the position read when the write runs', async () => {
    const play = openPlay();
    sut.opened(play, 'feedback-1');
    let position = 10_000;

    sut.listeners(play, () => position);
    position = 40_000;
    await fakes.writer.flush();

    expect(fakes.plays.docs.get('play-1')?.listened).toEqual([
      { userId: 'ana', ms: 40_000 },
      { userId: 'cy', ms: 40_000 },
    ]);
  });

  it('writes the likes of the play going on to its day, unless it closed before the write ran', async () => {
    const play = openPlay({ likes: new Set(['ana']) });
    let open = true;

    sut.likes(play, () => open);
    await fakes.writer.flush();
    play.likes.add('cy');
    sut.likes(play, () => open);
    open = false;
    await fakes.writer.flush();

    expect(fakes.days.plays.get('play-1')?.likes).toBe(1);
  });

  it('marks a checkpoint pending until it is written', async () => {
    const play = openPlay({ playedMs: 90_000, lastKnownAt: new Date('2025-01-01T12:01:30Z') });
    sut.opened(play, 'feedback-1');

    sut.checkpoint(play);
    expect(play.checkpointPending).toBe(true);
    await fakes.writer.flush();

    expect(play.checkpointPending).toBe(false);
    expect(fakes.plays.docs.get('play-1')).toMatchObject({ playedMs: 90_000 });
  });

  it('hands over the plays left open, read behind the writes queued before', async () => {
    sut.opened(openPlay(), 'feedback-1');
    const found: string[] = [];

    sut.loadOpen('restore open plays', (records) => found.push(...records.map((record) => record.id)));
    await fakes.writer.flush();

    expect(found).toEqual(['play-1']);
  });
});
