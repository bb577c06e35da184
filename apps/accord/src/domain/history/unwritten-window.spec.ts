import type { WindowEntry } from './history.types';
import { UnwrittenWindow } from './unwritten-window';

const entry = (playId: string, startedAt: number, outcome: WindowEntry['outcome'] = 'playing'): WindowEntry => ({
  playId,
  trackKey: `artist|song${playId}|none`,
  artistKey: 'artist',
  artistName: 'Artist',
  title: `Song ${playId}`,
  startedAt,
  listeners: ['ana'],
  source: 'autoplay',
  outcome,
  likes: 0,
  dislikes: 0,
});

describe(UnwrittenWindow.name, () => {
  it('remembers what a guild played until its write lands, newest first', () => {
    const sut = new UnwrittenWindow();
    const first = entry('1', 1_000);
    const second = entry('2', 2_000);

    sut.hold('guild-1', first);
    sut.hold('guild-1', second);
    sut.hold('guild-2', entry('3', 3_000));

    expect(sut.of('guild-1').map((e) => e.playId)).toEqual(['2', '1']);
    sut.landed('guild-1', first);
    expect(sut.of('guild-1').map((e) => e.playId)).toEqual(['2']);
    expect(sut.of('guild-3')).toEqual([]);
  });

  it('keeps the newer entry of a play when an older write of it lands', () => {
    const sut = new UnwrittenWindow();
    const opened = entry('1', 1_000);
    const finished = entry('1', 1_000, 'finished');

    sut.hold('guild-1', opened);
    sut.hold('guild-1', finished);
    sut.landed('guild-1', opened);

    expect(sut.of('guild-1')).toEqual([finished]);
    sut.landed('guild-1', finished);
    expect(sut.of('guild-1')).toEqual([]);
  });
});
