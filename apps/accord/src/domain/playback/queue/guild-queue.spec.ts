import type { PlaySource } from '@accord/core';
import type { LoopMode, QueueEntry } from '../playback.types';
import { GuildQueue } from './guild-queue';

const entry = (id: string, source: PlaySource = 'request'): QueueEntry => ({
  id,
  source,
  addedAt: new Date(0),
  track: { title: id, author: 'artist', durationMs: 1000, isStream: false, isSeekable: true, encoded: `enc-${id}` },
});
const ids = (queue: GuildQueue): string[] => queue.list().map((item) => item.id);

describe(GuildQueue.name, () => {
  it.each<[string, LoopMode, string | null, string | undefined, string[]]>([
    ['plays the head when not looping', 'off', 'a', 'b', ['c']],
    ['replays the finished entry with loop track', 'track', 'a', 'a', ['b', 'c']],
    ['sends the finished entry to the back with loop queue', 'queue', 'a', 'b', ['c', 'a']],
    ['starts from the head when nothing finished', 'queue', null, 'b', ['c']],
  ])('%s', (_label, loop, finishedId, expectedNext, expectedRest) => {
    const sut = new GuildQueue([entry('b'), entry('c')]);
    const next = sut.next(finishedId ? entry(finishedId) : null, loop);
    expect(next?.id).toBe(expectedNext);
    expect(ids(sut)).toEqual(expectedRest);
  });

  it('returns nothing when the queue is empty and not looping', () => {
    expect(new GuildQueue().next(entry('a'), 'off')).toBeUndefined();
  });

  it('adds next entries in front, in their order', () => {
    const sut = new GuildQueue([entry('a')]);
    sut.add([entry('x'), entry('y')], { next: true });
    sut.add([entry('z')]);
    expect(ids(sut)).toEqual(['x', 'y', 'a', 'z']);
  });

  it.each([
    [1, 'a', ['b', 'c']],
    [3, 'c', ['a', 'b']],
    [0, undefined, ['a', 'b', 'c']],
    [4, undefined, ['a', 'b', 'c']],
    [1.5, undefined, ['a', 'b', 'c']],
  ])('removes position %p', (position, removed, rest) => {
    const sut = new GuildQueue([entry('a'), entry('b'), entry('c')]);
    expect(sut.removeAt(position)?.id).toBe(removed);
    expect(ids(sut)).toEqual(rest);
  });

  it.each([
    [1, 3, 'a', ['b', 'c', 'a']],
    [3, 1, 'c', ['c', 'a', 'b']],
    [2, 2, 'b', ['a', 'b', 'c']],
    [0, 1, undefined, ['a', 'b', 'c']],
    [1, 9, undefined, ['a', 'b', 'c']],
  ])('moves %p to %p', (from, to, moved, order) => {
    const sut = new GuildQueue([entry('a'), entry('b'), entry('c')]);
    expect(sut.move(from, to)?.id).toBe(moved);
    expect(ids(sut)).toEqual(order);
  });

  it('shuffles as a permutation, deterministically for a given random source', () => {
    const make = (): GuildQueue => new GuildQueue(['a', 'b', 'c', 'd', 'e'].map((id) => entry(id)));
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const first = make();
    first.shuffle(random);
    seed = 7;
    const second = make();
    second.shuffle(random);
    expect(ids(first)).toEqual(ids(second));
    expect([...ids(first)].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(first)).not.toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
