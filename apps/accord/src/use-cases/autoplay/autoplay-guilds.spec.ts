import { getEventListeners, getMaxListeners } from 'node:events';
import type { TrackStartedEvent } from '@accord/core';
import { CandidateGatherer } from '../../domain/discovery/candidate-gatherer.service';
import { AutoplayGuilds } from './autoplay-guilds';
import type { AutoplayPick } from './autoplay.types';

const GUILD = 'guild-1';

function started(overrides: Partial<TrackStartedEvent> = {}): TrackStartedEvent {
  return {
    guildId: GUILD,
    track: { trackKey: 'justice|genesis|none', title: 'Genesis', author: 'Justice', durationMs: 200_000 },
    source: 'autoplay',
    listeners: ['ana', 'cy'],
    at: new Date('2025-01-01T12:00:00Z'),
    ...overrides,
  };
}

function pickOf(trackKey: string): AutoplayPick {
  return {
    guildId: GUILD,
    entryId: 'entry-1',
    trackKey,
    title: 'Genesis',
    artist: 'Justice',
    reason: 'for Ana',
    isDiscovery: false,
    fits: [{ userId: 'ana', fit: 0.9, displayName: 'Ana' }],
    listeners: ['ana'],
    sources: ['test'],
    reports: [],
    relaxation: 0,
    pickCpuMs: 1,
    modelTrainedAt: null,
    at: new Date(),
  };
}

describe(AutoplayGuilds.name, () => {
  let sut: AutoplayGuilds;

  beforeEach(() => {
    sut = new AutoplayGuilds();
  });
  afterEach(() => sut.stop());

  it("keeps no memory of the songs that started: that is the history module's", () => {
    sut.state(GUILD).picks.push(pickOf('justice|genesis|none'));

    sut.trackStarted(started());

    expect(Object.keys(sut.state(GUILD)).sort()).toEqual(
      ['chain', 'degradedTries', 'forceDiscovery', 'pauseAnnounced', 'pendingEntryId', 'picks'].sort(),
    );
  });

  it('lifts an announced pause when someone requests a song, not when autoplay plays one', () => {
    sut.state(GUILD).pauseAnnounced = true;
    sut.trackStarted(started({ source: 'autoplay' }));
    expect(sut.state(GUILD).pauseAnnounced).toBe(true);

    sut.trackStarted(started({ source: 'request', requestedBy: 'ana' }));

    expect(sut.state(GUILD).pauseAnnounced).toBe(false);
  });

  it('forgets the pending pick, /discover and the pause notice when the session ends, and keeps the picks', () => {
    const state = sut.state(GUILD);
    Object.assign(state, { pendingEntryId: 'entry-1', forceDiscovery: true, pauseAnnounced: true });
    state.picks.push(pickOf('justice|genesis|none'));

    sut.endSession(GUILD);

    expect(state).toMatchObject({ pendingEntryId: null, forceDiscovery: false, pauseAnnounced: false });
    expect(state.picks).toHaveLength(1);
  });

  it('does not create a guild it has never seen on find or when its session ends', () => {
    sut.endSession(GUILD);

    expect(sut.find(GUILD)).toBeUndefined();
  });

  it('aborts its signal on stop', () => {
    sut.stop();

    expect(sut.stopped).toBe(true);
    expect(sut.signal.aborted).toBe(true);
  });

  it('lets the picks of many guilds wait on its signal at once without a listener warning', async () => {
    const gatherer = new CandidateGatherer([
      { name: 'slow', candidates: () => new Promise((resolve) => setTimeout(() => resolve([]), 20)) },
    ]);

    const picks = Array.from({ length: 25 }, (_, n) =>
      gatherer.gather({ guildId: `guild-${n}`, listeners: [], seeds: [], artists: [], limit: 10 }, 500, sut.signal),
    );
    const waiting = getEventListeners(sut.signal, 'abort').length;
    await Promise.all(picks);

    // Node warns (MaxListenersExceededWarning) once a signal has more listeners than its limit.
    const limit = getMaxListeners(sut.signal);
    expect(waiting).toBe(25);
    expect(limit).toBeGreaterThanOrEqual(waiting);
    expect(getEventListeners(sut.signal, 'abort')).toHaveLength(0);
  });
});
