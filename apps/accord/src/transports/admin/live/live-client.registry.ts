import { Injectable, Logger } from '@nestjs/common';
import type { LiveChannel, LiveServerMessage } from '@accord/contracts';
import { LIVE_CLOSE } from '@accord/contracts';
import type { ActiveSession } from '../auth/admin-session.types';

/** The part of a `ws` WebSocket the registry uses (so tests can pass a stand-in). */
export interface LiveSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

export interface LiveClient {
  socket: LiveSocket;
  session: ActiveSession;
  channels: Set<LiveChannel>;
}

const OPEN = 1;
/** A client whose unsent data passes this is too slow: it is dropped rather than buffered for. */
export const MAX_BUFFERED_BYTES = 1_048_576;
/** A dropped client gets this long to take its close frame before its socket is destroyed. */
const TERMINATE_AFTER_MS = 2_000;

/**
 * Connected panel sockets and their channel subscriptions. A frame published to a channel is
 * serialised once and written to every subscriber; a subscriber whose send buffer is over
 * `MAX_BUFFERED_BYTES` is closed with 1013 and forgotten, so a slow reader never makes the
 * bot's memory grow.
 */
@Injectable()
export class LiveClientRegistry {
  private readonly logger = new Logger(LiveClientRegistry.name);
  private readonly clients = new Set<LiveClient>();
  private readonly byChannel = new Map<LiveChannel, Set<LiveClient>>();
  private readonly bySocket = new Map<LiveSocket, LiveClient>();
  /** Called when a channel loses its last subscriber (timers stop) or gains its first. */
  onChannelEmpty: (channel: LiveChannel) => void = () => undefined;

  add(socket: LiveSocket, session: ActiveSession): LiveClient {
    const client: LiveClient = { socket, session, channels: new Set() };
    this.clients.add(client);
    this.bySocket.set(socket, client);
    return client;
  }

  of(socket: LiveSocket): LiveClient | undefined {
    return this.bySocket.get(socket);
  }

  remove(client: LiveClient): void {
    if (!this.clients.delete(client)) return;
    this.bySocket.delete(client.socket);
    for (const channel of client.channels) this.leave(client, channel);
  }

  /** Returns true when this is the channel's first subscriber. */
  join(client: LiveClient, channel: LiveChannel): boolean {
    let members = this.byChannel.get(channel);
    const first = !members;
    if (!members) {
      members = new Set();
      this.byChannel.set(channel, members);
    }
    members.add(client);
    client.channels.add(channel);
    return first;
  }

  leave(client: LiveClient, channel: LiveChannel): void {
    client.channels.delete(channel);
    const members = this.byChannel.get(channel);
    if (!members?.delete(client) || members.size > 0) return;
    this.byChannel.delete(channel);
    this.onChannelEmpty(channel);
  }

  hasSubscribers(channel: LiveChannel): boolean {
    return (this.byChannel.get(channel)?.size ?? 0) > 0;
  }

  /** Channels with at least one subscriber that start with `prefix`. */
  channels(prefix: string): LiveChannel[] {
    return [...this.byChannel.keys()].filter((channel) => channel.startsWith(prefix));
  }

  count(): number {
    return this.clients.size;
  }

  publish(channel: LiveChannel, message: LiveServerMessage): void {
    const members = this.byChannel.get(channel);
    if (!members || members.size === 0) return;
    const frame = JSON.stringify(message);
    for (const client of [...members]) this.write(client, frame);
  }

  sendTo(client: LiveClient, message: LiveServerMessage): void {
    this.write(client, JSON.stringify(message));
  }

  /** Every connected client (a snapshot: closing some while iterating is fine). */
  all(): LiveClient[] {
    return [...this.clients];
  }

  /** Closes one client's socket with `code` and forgets it. */
  close(client: LiveClient, code: number, reason: string): void {
    this.drop(client, code, reason);
  }

  /** Closes every socket of a session (it ended: logout). */
  endSession(idHash: string): void {
    for (const client of [...this.clients]) {
      if (client.session.idHash !== idHash) continue;
      this.drop(client, LIVE_CLOSE.SessionEnded, 'session ended');
    }
  }

  private write(client: LiveClient, frame: string): void {
    if (client.socket.readyState !== OPEN) return;
    if (client.socket.bufferedAmount + frame.length > MAX_BUFFERED_BYTES) {
      this.drop(client, LIVE_CLOSE.TooSlow, 'too slow');
      this.logger.warn(`Dropped a panel client of user ${client.session.userId}: it read too slowly`);
      return;
    }
    client.socket.send(frame);
  }

  private drop(client: LiveClient, code: number, reason: string): void {
    this.remove(client);
    const { socket } = client;
    try {
      socket.close(code, reason);
    } catch {
      // already closing
    }
    setTimeout(() => socket.terminate(), TERMINATE_AFTER_MS).unref();
  }
}
