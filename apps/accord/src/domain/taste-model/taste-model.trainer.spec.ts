import { decodeItemModel } from '@accord/recommender';
import { runTasteModelJob, type TasteModelJobInput } from './taste-model.job';
import { trainInWorker } from './taste-model.trainer';

const input: TasteModelJobInput = {
  interactions: ['r', 'j'].flatMap((genre) =>
    Array.from({ length: 6 }, (_, u) =>
      [0, 1, 2, 3]
        .filter((a) => a !== u % 4)
        .map((a) => ({ userId: `${genre}${u}`, itemId: `${genre}${a}`, value: 2 })),
    ).flat(),
  ),
  edges: [{ from: 'j1', to: 'newjazz', strength: 0.6 }],
  options: { factors: 4, alsIterations: 3 },
};

describe('trainInWorker', () => {
  it('learns in a worker thread the same model the job learns in place', async () => {
    const inWorker = await trainInWorker(input);
    const inPlace = runTasteModelJob(input);

    expect(Buffer.from(inWorker.bytes).equals(Buffer.from(inPlace.bytes))).toBe(true);
    expect(inWorker).toMatchObject({ items: 9, listenerCount: 12, interactions: 36, edges: 1 });
    expect(inWorker.blend.map((b) => b.name)).toEqual(['ease', 'knn', 'ials', 'sources']);
    expect(decodeItemModel(inWorker.bytes).items).toContain('newjazz');
  }, 60_000);

  it('rejects with the job error when the input cannot be learned from, and stops a run over its time', async () => {
    await expect(trainInWorker({ ...input, options: { factors: -1 } })).rejects.toThrow();
    await expect(trainInWorker(input, 1)).rejects.toThrow(/was stopped/);
  }, 60_000);
});

describe('runTasteModelJob', () => {
  it('leaves the learned components out for a handful of listeners: the sources carry the model', () => {
    const few = runTasteModelJob({ ...input, interactions: input.interactions.filter((i) => i.userId === 'r0') });

    expect(few.blend).toEqual([{ name: 'sources', weight: 1 }]);
  });
});
