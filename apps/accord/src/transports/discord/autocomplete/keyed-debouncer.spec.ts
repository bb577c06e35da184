import { KeyedDebouncer } from './keyed-debouncer';

describe(KeyedDebouncer.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers only the latest call of a key, and each key on its own', async () => {
    const sut = new KeyedDebouncer(250);
    const ana = [sut.settle('ana'), sut.settle('ana')];
    await jest.advanceTimersByTimeAsync(100);
    ana.push(sut.settle('ana'));
    const ben = sut.settle('ben');
    await jest.advanceTimersByTimeAsync(250);
    await expect(Promise.all(ana)).resolves.toEqual([false, false, true]);
    await expect(ben).resolves.toBe(true);
  });

  it('waits the delay before answering', async () => {
    const sut = new KeyedDebouncer(250);
    let settled = false;
    void sut.settle('ana').then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it('forgets keys once settled', async () => {
    const sut = new KeyedDebouncer(250);
    const calls = [sut.settle('ana'), sut.settle('ben'), sut.settle('ana')];
    await jest.advanceTimersByTimeAsync(250);
    await Promise.all(calls);
    expect(sut.pending).toBe(0);
  });
});
