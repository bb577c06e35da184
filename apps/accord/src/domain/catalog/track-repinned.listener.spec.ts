import { Logger } from '@nestjs/common';
import type { TrackRepinnedEvent } from '@accord/core';
import { TrackRepinnedListener } from './track-repinned.listener';

describe(TrackRepinnedListener.name, () => {
  const repin = (by: TrackRepinnedEvent['by']): TrackRepinnedEvent => ({
    trackId: '0123456789abcdef01234567',
    key: 'daftpunk|onemoretime|none',
    previousYoutubeId: 'dpTopic0001',
    youtubeId: 'dpOfficial1',
    by,
    score: 0.92,
    at: new Date('2026-12-04T20:00:00Z'),
  });

  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['user', 'by a user (/fix or the panel)'],
    ['auto', 'by the catalog after a failed load'],
  ] as const)('logs which song moved from which video to which, and who moved it (%s)', (by, who) => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const sut = new TrackRepinnedListener();

    sut.onTrackRepinned(repin(by));

    expect(log).toHaveBeenCalledWith(
      `Re-pinned daftpunk|onemoretime|none (track 0123456789abcdef01234567) from dpTopic0001 to dpOfficial1, ${who}, score 0.92`,
    );
  });
});
