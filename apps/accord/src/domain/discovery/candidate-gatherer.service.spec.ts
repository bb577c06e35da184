import { getEventListeners } from 'node:events';
import { CandidateGatherer } from './candidate-gatherer.service';
import type { CandidateSource, DiscoveryContext, SourcedCandidate } from './candidate-source';
import { songCandidate } from './song-candidate';

const input: Omit<DiscoveryContext, 'signal'> = { guildId: 'g1', listeners: [], seeds: [], artists: [], limit: 10 };

function song(artist: string, title: string): SourcedCandidate {
  return songCandidate({ artist, title }, [])!;
}

function source(name: string, run: (context: DiscoveryContext) => Promise<SourcedCandidate[]>): CandidateSource {
  return { name, candidates: run };
}

describe(CandidateGatherer.name, () => {
  it('pools what every source found', async () => {
    const sut = new CandidateGatherer([
      source('a', () => Promise.resolve([song('Justice', 'Genesis')])),
      source('b', () => Promise.resolve([song('Air', 'Sexy Boy'), song('Kavinsky', 'Nightcall')])),
    ]);

    const result = await sut.gather(input, 500);

    expect(result.candidates.map((candidate) => candidate.trackKey)).toEqual([
      'justice|genesis|none',
      'air|sexyboy|none',
      'kavinsky|nightcall|none',
    ]);
    expect(result.reports.map((report) => [report.source, report.status, report.count])).toEqual([
      ['a', 'ok', 1],
      ['b', 'ok', 2],
    ]);
  });

  it('skips a source that misses the deadline, aborts it, and still answers on time', async () => {
    let aborted = false;
    const slow = source(
      'slow',
      (context) =>
        new Promise((resolve) => {
          context.signal.addEventListener('abort', () => {
            aborted = true;
          });
          setTimeout(() => resolve([song('Daft Punk', 'Too Late')]), 2_000).unref();
        }),
    );
    const sut = new CandidateGatherer([slow, source('fast', () => Promise.resolve([song('Justice', 'Genesis')]))]);
    const started = Date.now();

    const result = await sut.gather(input, 100);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.candidates.map((candidate) => candidate.artistKey)).toEqual(['justice']);
    expect(result.reports.find((report) => report.source === 'slow')?.status).toBe('timeout');
    expect(aborted).toBe(true);
  });

  it('skips a source that throws (even synchronously) and keeps the others', async () => {
    const sut = new CandidateGatherer([
      {
        name: 'broken',
        candidates: () => {
          throw new Error('boom');
        },
      },
      source('rejecting', () => Promise.reject(new Error('HTTP 500'))),
      source('fine', () => Promise.resolve([song('Air', 'Sexy Boy')])),
    ]);

    const result = await sut.gather(input, 500);

    expect(result.candidates).toHaveLength(1);
    expect(result.reports.map((report) => report.status)).toEqual(['error', 'error', 'ok']);
    expect(result.reports[1].detail).toBe('HTTP 500');
  });

  it('stops the sources of a pick under way when the bot shuts down', async () => {
    const shutdown = new AbortController();
    let seen: AbortSignal | undefined;
    const waiting = source('waiting', (context) => {
      seen = context.signal;
      return new Promise((resolve) => context.signal.addEventListener('abort', () => resolve([])));
    });
    const sut = new CandidateGatherer([waiting]);

    const gathering = sut.gather(input, 3_000, shutdown.signal);
    await new Promise((resolve) => setImmediate(resolve));
    shutdown.abort(new Error('shutting down'));
    const result = await gathering;

    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toEqual(new Error('shutting down'));
    expect(result.reports[0].status).toBe('ok');
  });

  it('leaves nothing on the shutdown signal once a pick is over, however many picks there were', async () => {
    const shutdown = new AbortController();
    const sut = new CandidateGatherer([source('a', () => Promise.resolve([song('Justice', 'Genesis')]))]);

    for (let pick = 0; pick < 50; pick++) await sut.gather(input, 500, shutdown.signal);

    // Node 20 keeps a signal made with AbortSignal.any([shutdown, ...]) among shutdown's dependants for good.
    const dependants = Object.getOwnPropertySymbols(shutdown.signal).find(
      (symbol) => symbol.description === 'kDependantSignals',
    );
    const held = dependants ? (shutdown.signal as unknown as Record<symbol, Set<unknown>>)[dependants].size : 0;
    expect(held).toBe(0);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
