import { loadMatchCases } from '../fixtures/load-fixtures';
import { pickBest, scoreCandidate } from './score-candidate';

describe(pickBest.name, () => {
  it.each(loadMatchCases().map((c) => [c.name, c]))('%s', (_name, { query, candidates, expect: wanted }) => {
    const sut = pickBest(query, candidates);

    expect(sut.ok ? sut.best.candidate.id : null).toBe(wanted);
  });

  it('says why nothing matched', () => {
    const sut = pickBest({ artist: 'Radiohead', title: 'Creep' }, []);

    expect(sut).toEqual({ ok: false, reason: 'NO_CANDIDATES', ranked: [] });
  });
});

describe(scoreCandidate.name, () => {
  it('explains a Topic match', () => {
    const sut = scoreCandidate(
      { artist: 'Queen', title: 'Bohemian Rhapsody', durationMs: 354000 },
      { id: 'x', title: 'Bohemian Rhapsody (Remastered 2011)', author: 'Queen - Topic', durationMs: 355000 },
    );

    expect(sut.reasons).toEqual(['title:1.00', 'artist:1.00', 'duration:+1s', 'channel:topic']);
    expect(sut.score).toBe(1);
  });

  it('penalises an unwanted variant and junk words', () => {
    const sut = scoreCandidate(
      { artist: 'Queen', title: 'Bohemian Rhapsody' },
      { id: 'x', title: 'Queen - Bohemian Rhapsody (Live) REACTION', author: 'Someone' },
    );

    expect(sut.reasons).toEqual(expect.arrayContaining(['variant-mismatch:live', 'penalty:reaction']));
    expect(sut.score).toBeLessThan(0.3);
  });

  it.each([
    ['a ten-hour loop', { title: 'Queen - Bohemian Rhapsody (10 Hours)', durationMs: 36_000_000 }, 'loop'],
    ['a reaction', { title: 'Vocal Coach Reacts to Queen - Bohemian Rhapsody', durationMs: 900_000 }, 'reaction'],
    ['a review', { title: 'Queen - Bohemian Rhapsody | Song Review', durationMs: 600_000 }, 'about'],
  ])('never takes %s for a plain query', (_what, video, kind) => {
    const sut = scoreCandidate(
      { artist: 'Queen', title: 'Bohemian Rhapsody' },
      { id: 'x', author: 'Someone', ...video },
    );

    expect(sut.reasons).toContain(`excluded:${kind}`);
    expect(sut.score).toBe(0);
  });

  it('does not penalise a word the wanted title contains', () => {
    const sut = scoreCandidate(
      { artist: 'Stromae', title: 'Loop' },
      { id: 'x', title: 'Stromae - Loop', author: 'Stromae' },
    );

    expect(sut.reasons).not.toContain('penalty:loop');
  });
});
