import { LIVE_CLOSE } from '@accord/contracts';
import type { ActiveSession } from '../auth/admin-session.types';
import { LiveClientRegistry, MAX_BUFFERED_BYTES, type LiveSocket } from './live-client.registry';

class SocketStub implements LiveSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: number | null = null;
  terminated = false;

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1000;
    this.readyState = 2;
  }

  terminate(): void {
    this.terminated = true;
  }
}

const session = (idHash: string): ActiveSession => ({
  idHash,
  userId: `user-${idHash}`,
  username: 'someone',
  avatarUrl: null,
  method: 'discord',
  owner: false,
  guilds: [],
  createdAt: new Date(0),
  expiresAt: new Date(8.64e15),
  csrfToken: 'token',
});

describe(LiveClientRegistry.name, () => {
  let sut: LiveClientRegistry;

  beforeEach(() => {
    sut = new LiveClientRegistry();
  });

  it('writes one serialised frame to every subscriber of a channel and none to others', () => {
    const [a, b, c] = [new SocketStub(), new SocketStub(), new SocketStub()];
    sut.join(sut.add(a, session('a')), 'guild:1');
    sut.join(sut.add(b, session('b')), 'guild:1');
    sut.join(sut.add(c, session('c')), 'guild:2');

    sut.publish('guild:1', { event: 'pong', data: { at: 'now' } });

    expect(a.sent).toEqual(['{"event":"pong","data":{"at":"now"}}']);
    expect(b.sent).toEqual(a.sent);
    expect(c.sent).toEqual([]);
  });

  it('drops a client whose send buffer is over the limit with 1013, and keeps serving the others', () => {
    const slow = new SocketStub();
    const fast = new SocketStub();
    sut.join(sut.add(slow, session('slow')), 'owner');
    sut.join(sut.add(fast, session('fast')), 'owner');
    slow.bufferedAmount = MAX_BUFFERED_BYTES;

    sut.publish('owner', { event: 'pong', data: { at: '1' } });
    sut.publish('owner', { event: 'pong', data: { at: '2' } });

    expect(slow.sent).toEqual([]);
    expect(slow.closedWith).toBe(LIVE_CLOSE.TooSlow);
    expect(fast.sent).toHaveLength(2);
    expect(sut.count()).toBe(1);
  });

  it('reports a channel that lost its last subscriber, so its timer can stop', () => {
    const emptied: string[] = [];
    sut.onChannelEmpty = (channel) => emptied.push(channel);
    const first = sut.add(new SocketStub(), session('1'));
    const second = sut.add(new SocketStub(), session('2'));
    expect(sut.join(first, 'guild:1')).toBe(true);
    expect(sut.join(second, 'guild:1')).toBe(false);

    sut.remove(first);
    expect(emptied).toEqual([]);
    sut.leave(second, 'guild:1');

    expect(emptied).toEqual(['guild:1']);
    expect(sut.hasSubscribers('guild:1')).toBe(false);
  });

  it('closes every socket of a session that ended', () => {
    const mine = new SocketStub();
    const theirs = new SocketStub();
    sut.add(mine, session('mine'));
    sut.add(theirs, session('theirs'));

    sut.endSession('mine');

    expect(mine.closedWith).toBe(LIVE_CLOSE.SessionEnded);
    expect(theirs.closedWith).toBeNull();
    expect(sut.count()).toBe(1);
  });
});
