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
});
