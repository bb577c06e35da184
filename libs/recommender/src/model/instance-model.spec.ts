import type { ListenerProfile } from '../types';
import { trainItemModel, type Interaction } from './item-model';
import { profileInteractions, sourcesShare, withSourceSimilarity } from './instance-model';
import { blendScores, itemIndexOf, scoreListener } from './listener-scores';

function profile(
  userId: string,
  artists: Record<string, number>,
  imported: Record<string, number> = {},
): ListenerProfile {
  const refs = (entries: Record<string, number>) =>
    Object.entries(entries).map(([id, weight]) => ({ id, name: id, weight }));
  return {
    userId,
    displayName: userId,
    topArtists: refs(artists),
    topTags: [],
    tracks: [],
    likedTrackKeys: [],
    dislikedTrackKeys: [],
    playCount: 10,
    imported: { artists: refs(imported), tags: [], tracks: [] },
  };
}

/** Rock fans play r0..r3, jazz fans j0..j3 (each all but one). */
function twoTastes(): Interaction[] {
  const out: Interaction[] = [];
  for (const genre of ['r', 'j'])
    for (let u = 0; u < 6; u++)
      for (let a = 0; a < 4; a++)
        if (a !== u % 4) out.push({ userId: `${genre}-${u}`, itemId: `${genre}${a}`, value: 2 });
  return out;
}

function ranking(
  model: ReturnType<typeof withSourceSimilarity>,
  played: Record<string, number>,
  candidates: string[],
): string[] {
  const itemIndex = itemIndexOf(model);
  const scores = scoreListener({
    model,
    itemIndex,
    userId: 'ana',
    interactions: profileInteractions(profile('ana', played)),
  });
  const blended = blendScores(
    model,
    scores,
    Int32Array.from(candidates, (id) => itemIndex.get(id) ?? -1),
  );
  return candidates
    .map((id, c) => ({ id, score: blended[c] }))
    .sort((a, b) => b.score - a.score)
    .map((x) => x.id);
}

describe('profileInteractions', () => {
  it('reads played artists at log(1 + weight) and imported ones at half, keeping the larger per artist', () => {
    const sut = profileInteractions(profile('ana', { daftpunk: 3, justice: 0 }, { daftpunk: 100, air: 1 }));

    expect(Object.fromEntries(sut.map((i) => [i.itemId, Number(i.value.toFixed(3))]))).toEqual({
      daftpunk: Number((0.5 * Math.log1p(100)).toFixed(3)),
      air: Number((0.5 * Math.log1p(1)).toFixed(3)),
    });
  });
});

describe('withSourceSimilarity', () => {
  const learned = trainItemModel(twoTastes(), { factors: 4, alsIterations: 4 });

  it('scores an artist nobody on the instance played through what the sources say it is like', () => {
    const sut = withSourceSimilarity(
      learned,
      [
        { from: 'r0', to: 'newrock', strength: 0.9 },
        { from: 'j0', to: 'newjazz', strength: 0.9 },
      ],
      12,
    );

    expect(sut.items).toEqual([...learned.items, 'newrock', 'newjazz']);
    expect(ranking(sut, { r0: 5, r1: 5 }, ['newjazz', 'newrock'])).toEqual(['newrock', 'newjazz']);
    expect(ranking(sut, { j0: 5, j1: 5 }, ['newrock', 'newjazz'])).toEqual(['newjazz', 'newrock']);
  });

  it('keeps the learned ranking of the artists it learned, and reads similarity both ways', () => {
    const sut = withSourceSimilarity(
      learned,
      [
        { from: 'newrock', to: 'r2', strength: 1 },
        { from: 'newrock', to: 'r3', strength: 0.4 },
      ],
      12,
    );

    expect(ranking(sut, { r0: 5, r1: 5 }, ['j2', 'r2', 'j3'])[0]).toBe('r2');
    expect(ranking(sut, { newrock: 5 }, ['j2', 'r3', 'r2'])[0]).toBe('r2');
  });

  it('leans on the sources for a small instance and on what it learned for a large one', () => {
    const weightOf = (listeners: number) =>
      withSourceSimilarity(learned, [{ from: 'r0', to: 'x', strength: 1 }], listeners).blend.find(
        (b) => b.name === 'sources',
      )?.weight;

    expect(weightOf(3)).toBeGreaterThan(0.85);
    expect(weightOf(500)).toBeCloseTo(0.15);
    expect(sourcesShare(25)).toBeCloseTo(0.5);
    const total = withSourceSimilarity(learned, [{ from: 'r0', to: 'x', strength: 1 }], 40).blend.reduce(
      (s, b) => s + b.weight,
      0,
    );
    expect(total).toBeCloseTo(1);
  });

  it('is the sources alone before anything was learned, and the learned model alone without sources', () => {
    expect(withSourceSimilarity(null, [{ from: 'a', to: 'b', strength: 0.5 }], 0).blend).toEqual([
      { name: 'sources', weight: 1 },
    ]);
    const alone = withSourceSimilarity(learned, [], 12);
    expect(alone.components.map((c) => c.name)).toEqual(learned.components.map((c) => c.name));
    expect(alone.blend).toEqual(learned.blend);
  });
});
