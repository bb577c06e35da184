import { isTransientMongoError, WriteBehindQueue, type QueueLogger } from './write-behind.queue';

class DatabaseDown extends Error {
  override name = 'MongoServerSelectionError';
}

function makeQueue(capacity = 10): { sut: WriteBehindQueue; logger: QueueLogger & { lines: string[] } } {
  const lines: string[] = [];
  const logger = { lines, warn: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  const sut = new WriteBehindQueue({
    capacity,
    retryMinMs: 5,
    retryMaxMs: 20,
    logger,
    isTransient: isTransientMongoError,
  });
  return { sut, logger };
}

describe(WriteBehindQueue.name, () => {
  it('runs writes one at a time, in order, without the caller waiting', async () => {
    const { sut } = makeQueue();
    const done: number[] = [];
    for (const n of [1, 2, 3]) {
      sut.push(`w${n}`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 3 - n));
        done.push(n);
      });
    }
    expect(done).toEqual([]);
    await sut.idle();
    expect(done).toEqual([1, 2, 3]);
  });

  it('holds writes while the database is down and flushes them in order when it is back', async () => {
    const { sut } = makeQueue();
    let down = true;
    const written: string[] = [];
    const write = (name: string) => (): Promise<void> =>
      down ? Promise.reject(new DatabaseDown('connect ECONNREFUSED')) : Promise.resolve(void written.push(name));
    sut.push('a', write('a'));
    sut.push('b', write('b'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(written).toEqual([]);
    expect(sut.size).toBe(2);
    down = false;
    sut.nudge();
    await sut.idle();
    expect(written).toEqual(['a', 'b']);
  });

  it('drops the oldest waiting write when full, and gives up on writes that can never succeed', async () => {
    const { sut, logger } = makeQueue(2);
    let down = true;
    const written: string[] = [];
    sut.push('head', () =>
      down ? Promise.reject(new DatabaseDown('down')) : Promise.resolve(void written.push('head')),
    );
    await new Promise((resolve) => setTimeout(resolve, 1));
    sut.push('second', () => Promise.resolve(void written.push('second')));
    sut.push('third', () => Promise.resolve(void written.push('third')));
    const rejected = sut.run('bad', () => Promise.reject(new Error('validation failed')));
    down = false;
    sut.nudge();
    await expect(rejected).rejects.toThrow('validation failed');
    await sut.idle();
    expect(written).toEqual(['third']);
    expect(sut.dropped).toBe(2);
    expect(logger.lines.some((line) => line.includes('dropped 1'))).toBe(true);
  });

  it.each([
    { error: new DatabaseDown('x'), transient: true },
    { error: new Error('Operation `plays.insertOne()` buffering timed out after 10000ms'), transient: true },
    { error: Object.assign(new Error('write'), { errorLabels: ['RetryableWriteError'] }), transient: true },
    { error: Object.assign(new Error('E11000 duplicate key'), { code: 11000 }), transient: false },
    { error: 'a string', transient: false },
  ])('treats $error as transient: $transient', ({ error, transient }) => {
    expect(isTransientMongoError(error)).toBe(transient);
  });
});
