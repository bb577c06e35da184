import { Logger } from '@nestjs/common';
import type { TrackRepinnedEvent } from '@accord/core';
import { TrackRepinnedListener } from './track-repinned.listener';

describe(TrackRepinnedListener.name, () => {
  const repin = (by: TrackRepinnedEvent['by'], actor?: TrackRepinnedEvent['actor']): TrackRepinnedEvent => ({
    trackId: '0123456789abcdef01234567',
    key: 'daftpunk|onemoretime|none',
    previousYoutubeId: 'dpTopic0001',
    youtubeId: 'dpOfficial1',
    by,
    score: 0.92,
    at: new Date('2026-12-04T20:00:00Z'),
    ...(actor ? { actor } : {}),
  });

  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['user', { userId: '4242', guildId: '777', via: 'discord' }, 'by user 4242 with /fix in guild 777'],
    ['user', { userId: '4242', guildId: null, via: 'panel' }, 'by user 4242 on the panel'],
    ['auto', undefined, 'by the catalog after a failed load'],
  ] as const)('logs which song moved from which video to which, and who moved it (%s, %j)', (by, actor, who) => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const sut = new TrackRepinnedListener();

    sut.onTrackRepinned(repin(by, actor));

    expect(log).toHaveBeenCalledWith(
      `Re-pinned daftpunk|onemoretime|none (track 0123456789abcdef01234567) from dpTopic0001 to dpOfficial1, ${who}, score 0.92`,
    );
  });
});
