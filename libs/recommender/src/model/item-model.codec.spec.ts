import { decodeItemModel, encodeItemModel } from './item-model.codec';
import { trainItemModel, type Interaction, type ItemModel } from './item-model';
import { blendScores, itemIndexOf, scoreListener } from './listener-scores';

/** Rock fans play r0..r3, jazz fans j0..j3 (each all but one), so the model has every component to store. */
function interactions(): Interaction[] {
  const out: Interaction[] = [];
  for (const genre of ['r', 'j']) {
    for (let u = 0; u < 8; u++) {
      for (let a = 0; a < 4; a++) {
        if (a !== u % 4) out.push({ userId: `${genre}-${u}`, itemId: `${genre}${a}`, value: 1 + ((u + a) % 3) });
      }
    }
  }
  return out;
}

function blended(model: ItemModel, played: string[]): number[] {
  const itemIndex = itemIndexOf(model);
  const scores = scoreListener({
    model,
    itemIndex,
    userId: 'ana',
    interactions: played.map((itemId) => ({ itemId, value: 2 })),
  });
  return [
    ...blendScores(
      model,
      scores,
      Int32Array.from(model.items, (_, i) => i),
    ),
  ];
}

describe('item model codec', () => {
  const model = trainItemModel(interactions(), { factors: 4, alsIterations: 4 });

  it('gives back a model that scores exactly like the one it stored', () => {
    const decoded = decodeItemModel(encodeItemModel(model));

    expect(decoded.items).toEqual(model.items);
    expect(decoded.blend).toEqual(model.blend);
    expect(decoded.components.map((c) => [c.kind, c.name])).toEqual(model.components.map((c) => [c.kind, c.name]));
    expect(blended(decoded, ['r0', 'r1'])).toEqual(blended(model, ['r0', 'r1']));
  });

  it('reads bytes that sit at any offset of a larger buffer (as a stored Binary does)', () => {
    const bytes = encodeItemModel(model);
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);

    expect(blended(decodeItemModel(shifted.subarray(3)), ['j2'])).toEqual(blended(model, ['j2']));
  });

  it('refuses bytes that are not a model, or cut short', () => {
    const bytes = encodeItemModel(model);

    expect(() => decodeItemModel(new Uint8Array([1, 2, 3]))).toThrow(/too short/);
    expect(() => decodeItemModel(new TextEncoder().encode('{"items":[]}xxxxxxxx'))).toThrow(/wrong magic/);
    expect(() => decodeItemModel(bytes.subarray(0, bytes.byteLength - 16))).toThrow(/past the end/);
  });
});
