import { inverseSpd } from './linear-algebra';
import { trainItemModel, type Interaction, type ItemModel, type TrainOptions } from './item-model';
import { blendScores, itemIndexOf, scoreListener, standardise, strongestReason } from './listener-scores';

/**
 * Two tastes: rock fans play r0..r3, jazz fans play j0..j3, each user all but one of their genre's
 * artists (a different one each), so every artist is co-listened with its genre and never across.
 */
function twoTastes(usersPerTaste: number): Interaction[] {
  const interactions: Interaction[] = [];
  for (const genre of ['r', 'j']) {
    for (let u = 0; u < usersPerTaste; u++) {
      for (let a = 0; a < 4; a++) {
        if (a === u % 4) continue;
        interactions.push({ userId: `${genre}-fan-${u}`, itemId: `${genre}${a}`, value: 1 + ((u + a) % 3) });
      }
    }
  }
  return interactions;
}

const ONLY = (name: 'ease' | 'knn' | 'ials'): Partial<TrainOptions> => ({ blend: [{ name, weight: 1 }] });

function scoresFor(model: ItemModel, items: string[]): Map<string, number> {
  const itemIndex = itemIndexOf(model);
  const scores = scoreListener({
    model,
    itemIndex,
    userId: 'new',
    interactions: items.map((itemId) => ({ itemId, value: 2 })),
  });
  const candidates = model.items.filter((id) => !items.includes(id));
  const blended = blendScores(
    model,
    scores,
    Int32Array.from(candidates, (id) => itemIndex.get(id) ?? -1),
  );
  return new Map(candidates.map((id, c) => [id, blended[c]]));
}

describe(trainItemModel.name, () => {
  // 6 users per taste (12 users, 8 items): EASE in item space; 40 per taste: in user space (Woodbury).
  it.each([
    { component: 'ease', users: 6 },
    { component: 'ease', users: 40 },
    { component: 'knn', users: 6 },
    { component: 'ials', users: 6 },
  ] as const)(
    "$component ($users users a taste) ranks a rock fan's missing rock artist above jazz",
    ({ component, users }) => {
      const model = trainItemModel(twoTastes(users), { ...ONLY(component), factors: 2, alsRegularization: 0.1 });
      const scores = scoresFor(model, ['r0', 'r1', 'r2']);
      const jazz = ['j0', 'j1', 'j2', 'j3'].map((id) => scores.get(id) ?? Infinity);
      expect(scores.get('r3')).toBeGreaterThan(Math.max(...jazz));
    },
  );

  it('computes EASE in user space (fewer users than items) as the closed form in item space', () => {
    // 6 users, 8 items: the Woodbury path. Reference: P = (XᵀX + λI)⁻¹, W[i][j] = −P[i][j] / P[j][j].
    const interactions = twoTastes(3);
    const lambda = 2;
    const model = trainItemModel(interactions, { ...ONLY('ease'), easeLambda: lambda, easeMinListeners: 1 });
    const n = model.items.length;
    const users = new Map<string, number[]>();
    for (const x of interactions) users.set(x.userId, [...(users.get(x.userId) ?? []), model.items.indexOf(x.itemId)]);
    const gram = new Float64Array(n * n);
    for (const items of users.values()) for (const a of items) for (const b of items) gram[a * n + b] += 1;
    for (let i = 0; i < n; i++) gram[i * n + i] += lambda;
    const p = inverseSpd(gram, n) ?? new Float64Array(0);
    const component = model.components[0];
    if (component.kind !== 'item-item') throw new Error('expected an item-item component');
    const { indptr, indices, values } = component.matrix;
    let checked = 0;
    for (let i = 0; i < n; i++) {
      for (let q = indptr[i]; q < indptr[i + 1]; q++) {
        const j = indices[q];
        expect(values[q]).toBeCloseTo(-p[i * n + j] / p[j * n + j], 5);
        checked++;
      }
    }
    expect(checked).toBe(n * (n - 1));
  });

  it('is deterministic with its seed', () => {
    const a = trainItemModel(twoTastes(6), { factors: 3, seed: 7 });
    const b = trainItemModel(twoTastes(6), { factors: 3, seed: 7 });
    expect(a).toEqual(b);
  });

  it('leaves out of EASE the items with too few listeners (scored as the worst)', () => {
    const interactions = [...twoTastes(6), { userId: 'r-fan-0', itemId: 'rare', value: 3 }];
    const model = trainItemModel(interactions, ONLY('ease'));
    const scores = scoresFor(model, ['r0', 'r1', 'r2']);
    expect(scores.get('rare')).toBe(Math.min(...scores.values()));
  });
});

describe(standardise.name, () => {
  it.each([
    { values: [1, 2, 3], expected: [-Math.sqrt(1.5), 0, Math.sqrt(1.5)] },
    { values: [5, 5, 5], expected: [0, 0, 0] },
    { values: [1, NaN, 3], expected: [-1, -1, 1] },
    { values: [NaN, NaN], expected: [0, 0] },
  ])('standardises $values', ({ values, expected }) => {
    const out = new Float64Array(values.length);
    standardise(values, out);
    expected.forEach((value, i) => expect(out[i]).toBeCloseTo(value, 9));
  });
});

describe(strongestReason.name, () => {
  it("names the listener's item most similar to the candidate", () => {
    const model = trainItemModel(twoTastes(6), ONLY('knn'));
    const itemIndex = itemIndexOf(model);
    const scores = scoreListener({
      model,
      itemIndex,
      userId: 'mixed',
      interactions: [
        { itemId: 'r0', value: 2 },
        { itemId: 'j0', value: 2 },
      ],
    });
    const reason = strongestReason(model, scores, itemIndex.get('r3') ?? -1);
    expect(model.items[reason.item]).toBe('r0');
    expect(reason.strength).toBeGreaterThan(0);
  });
});
