import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import type { PlaylistProgress } from '../../../use-cases/play-request/play-request.service';
import { QueueEntryFactory, TrackFactory } from '../../../domain/playback/testing/playback.factory';
import { renderPlayOutcome, renderPlaylistProgress, toAutocompleteChoices } from './play.presenter';

const entry = QueueEntryFactory.create({
  track: TrackFactory.create({ title: 'Get Lucky', author: 'Daft Punk', durationMs: 248_000 }),
});

describe(renderPlayOutcome.name, () => {
  it.each([
    [{ startedPlaying: true, position: 0, next: false }, '▶️ Now playing **Get Lucky** by Daft Punk (4:08)'],
    [{ startedPlaying: false, position: 3, next: false }, '➕ Queued **Get Lucky** by Daft Punk (4:08) at position 3'],
    [{ startedPlaying: false, position: 1, next: true }, '⏭️ Playing next: **Get Lucky** by Daft Punk (4:08)'],
  ])('renders a track (%p)', (outcome, text) => {
    expect(renderPlayOutcome('en', { kind: 'track', entry, ...outcome })).toBe(text);
  });
});

describe(renderPlaylistProgress.name, () => {
  const base: PlaylistProgress = {
    name: 'Mix',
    found: 500,
    leftOut: 0,
    total: 500,
    queued: 15,
    first: entry,
    startedPlaying: true,
    next: false,
    state: 'loading',
  };

  it.each<[Partial<PlaylistProgress>, string]>([
    [{}, '📃 Queued 15/500 from **Mix**…'],
    [{ queued: 100 }, '📃 Queued 100/500 from **Mix**…'],
    [{ queued: 500, state: 'done' }, '📃 Queued 500 tracks from **Mix**.'],
    [{ queued: 1, total: 1, found: 1, state: 'done' }, '📃 Queued 1 track from **Mix**.'],
    [{ queued: 300, state: 'full' }, '📃 Queued 300/500 from **Mix**: the queue is full (5,000 tracks at most).'],
    [{ queued: 215, state: 'cancelled' }, '📃 Stopped after 215/500 from **Mix**: the session ended.'],
    [
      {
        queued: 115,
        state: 'failed',
        refusal: new PlaybackError(PlaybackErrorCode.AudioUnavailable, {}),
      },
      '📃 Stopped after 115/500 from **Mix**: Audio is unavailable right now: no Lavalink node is connected. Your queue is kept; try again in a moment..',
    ],
    [{ queued: 115, state: 'failed' }, '📃 Stopped after 115/500 from **Mix**: something went wrong on my side.'],
  ])('shows %p as %p', (change, line) => {
    expect(renderPlaylistProgress('en', { ...base, ...change }).split('\n')).toContain(line);
  });

  it('starts with the track that began playing, or says where the playlist went', () => {
    expect(renderPlaylistProgress('en', base).split('\n')[0]).toBe('▶️ Now playing **Get Lucky** by Daft Punk (4:08)');
    expect(renderPlaylistProgress('en', { ...base, startedPlaying: false }).split('\n')[0]).toBe(
      '➕ Added **Mix** to the queue',
    );
    expect(
      renderPlaylistProgress('en', { ...base, startedPlaying: false, next: true, first: null }).split('\n')[0],
    ).toBe('⏭️ Playing **Mix** next');
  });

  it("says when the catalog's playlist cap left tracks out", () => {
    expect(renderPlaylistProgress('en', { ...base, found: 1_000, total: 1_000, leftOut: 250 })).toContain(
      'The playlist has 1,250 tracks; I take the first 1,000.',
    );
  });

  it('says when the cap cut the playlist', () => {
    expect(renderPlaylistProgress('en', { ...base, found: 6_000, total: 4_990 })).toContain(
      'The playlist has 6,000 tracks; only 4,990 fit in the queue (5,000 at most).',
    );
  });
});

describe(toAutocompleteChoices.name, () => {
  it('keeps 25 choices at most, shortens long names and drops values Discord would refuse', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `Song ${i}`, value: `song ${i}` }));
    expect(toAutocompleteChoices(many)).toHaveLength(25);
    const [long] = toAutocompleteChoices([{ name: 'x'.repeat(150), value: 'ok' }]);
    expect(long.name).toHaveLength(100);
    expect(long.name.endsWith('…')).toBe(true);
    expect(
      toAutocompleteChoices([
        { name: 'too long', value: 'y'.repeat(101) },
        { name: ' ', value: 'blank' },
      ]),
    ).toEqual([]);
  });
});
