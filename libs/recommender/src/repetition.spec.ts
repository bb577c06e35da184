import { buildRepetitionIndex, isBlocked, relaxationSteps, repetitionPenalty } from './repetition';
import { resolveSettings } from './settings';
import { type Candidate, type HistoryEntry } from './types';

const NOW = 10 * 3_600_000;
const MINUTE = 60_000;

function entry(trackKey: string, artistKey: string, minutesAgo: number): HistoryEntry {
  return { trackKey, artistKey, startedAt: NOW - minutesAgo * MINUTE, listeners: ['ana'], source: 'autoplay' };
}

function candidate(trackKey: string, artistKey: string): Candidate {
  return { trackKey, artistKey, artistName: artistKey, tags: [], guildPopularity: 0, evidence: [] };
}

// Newest first: x (4 min ago), y, z, then the track "old" 5 hours ago.
const history = [
  entry('x1', 'x', 4),
  entry('y1', 'y', 8),
  entry('z1', 'z', 12),
  entry('w1', 'w', 16),
  entry('old', 'o', 300),
];

describe(isBlocked.name, () => {
  const settings = resolveSettings({ trackCooldownMs: 6 * 3_600_000, artistSpacing: 3 });
  const steps = relaxationSteps(settings);
  const index = buildRepetitionIndex(history, NOW, settings);

  it.each([
    { name: 'a fresh track', c: candidate('new', 'n'), level: 0, blocked: false },
    { name: 'a track inside its cooldown', c: candidate('old', 'o'), level: 0, blocked: true },
    { name: 'the same track at half cooldown (3 h)', c: candidate('old', 'o'), level: 1, blocked: false },
    { name: 'an artist within the last 3 tracks', c: candidate('z2', 'z'), level: 0, blocked: true },
    { name: 'an artist 4 tracks back', c: candidate('w2', 'w'), level: 0, blocked: false },
    { name: 'the same artist with spacing relaxed to 1', c: candidate('y2', 'y'), level: 2, blocked: false },
    { name: 'the last play, fully relaxed', c: candidate('x1', 'x'), level: 3, blocked: true },
    { name: 'a play 4 tracks back, fully relaxed', c: candidate('w1', 'w'), level: 3, blocked: false },
  ])('$name: blocked=$blocked at level $level', ({ c, level, blocked }) => {
    expect(isBlocked(index, c, steps[level], NOW)).toBe(blocked);
  });
});

describe(repetitionPenalty.name, () => {
  const settings = resolveSettings({ repeatWindowMs: 7 * 24 * 3_600_000 });

  it('grows with recent play counts and forgets outside the window', () => {
    const twice = buildRepetitionIndex([entry('a', 'x', 60), entry('a', 'x', 120)], NOW, settings);
    const once = buildRepetitionIndex([entry('a', 'x', 60)], NOW, settings);
    const never = buildRepetitionIndex([], NOW, settings);
    const longAgo = buildRepetitionIndex(
      [{ ...entry('a', 'x', 0), startedAt: NOW - 8 * 24 * 3_600_000 }],
      NOW,
      settings,
    );

    const c = candidate('a', 'x');
    expect(repetitionPenalty(twice, c)).toBeLessThan(repetitionPenalty(once, c));
    expect(repetitionPenalty(once, c)).toBeLessThan(1);
    expect(repetitionPenalty(never, c)).toBe(1);
    expect(repetitionPenalty(longAgo, c)).toBe(1);
    expect(repetitionPenalty(once, candidate('b', 'x'))).toBeGreaterThan(repetitionPenalty(once, c));
  });
});
