import type { IncomingMessage } from 'node:http';
import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, WebSocket } from 'ws';
import { AdminError } from '@accord/core';
import { LIVE_CLOSE, type LiveChannel } from '@accord/contracts';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { GuildAccessService } from '../access/guild-access.service';
import { AdminSessionService } from '../auth/admin-session.service';
import type { ActiveSession, AdminSession } from '../auth/admin-session.types';
import { LiveClientRegistry, type LiveClient } from './live-client.registry';
import { LiveHubService } from './live-hub.service';

export const LIVE_PATH = '/api/v1/ws';
const HEARTBEAT_MS = 30_000;
/** How often every socket's session and channels are checked again (a minute at most). */
export const ACCESS_CHECK_MS = 60_000;

type VerifyCallback = (result: boolean, code?: number, message?: string) => void;

/**
 * The panel's live socket. The upgrade is refused (401) without a valid session cookie, and (403)
 * from a page of another origin; messages are `{ event, data }` JSON (see `@accord/contracts`
 * `LiveClientMessage`). A socket that stops answering pings is closed. Every minute each socket's
 * session is read again with its current rights: a socket whose session expired or ended is closed
 * with 4001, one whose user may no longer watch one of its channels with 4003.
 */
@WebSocketGateway({ path: LIVE_PATH, maxPayload: 4_096 })
export class LiveGateway
  implements OnGatewayInit<Server>, OnGatewayConnection<WebSocket>, OnGatewayDisconnect<WebSocket>
{
  private readonly logger = new Logger(LiveGateway.name);
  private readonly pending = new WeakMap<IncomingMessage, ActiveSession>();
  private readonly alive = new WeakSet<WebSocket>();
  private heartbeat?: NodeJS.Timeout;
  private accessCheck?: NodeJS.Timeout;

  constructor(
    private readonly sessions: AdminSessionService,
    private readonly registry: LiveClientRegistry,
    private readonly hub: LiveHubService,
    private readonly access: GuildAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    // ws reads `verifyClient` on every upgrade; it needs this instance, so it is set here.
    server.options.verifyClient = (info: { origin: string; req: IncomingMessage }, done: VerifyCallback) =>
      void this.verify(info, done);
    this.heartbeat = setInterval(() => this.pingAll(server), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.accessCheck = setInterval(() => void this.recheckAccess(), ACCESS_CHECK_MS);
    this.accessCheck.unref();
    server.on('close', () => {
      clearInterval(this.heartbeat);
      clearInterval(this.accessCheck);
    });
  }

  /** Closes the sockets whose session ended or expired (4001) or that watch a channel no longer theirs (4003). */
  async recheckAccess(now = new Date()): Promise<void> {
    for (const client of this.registry.all()) {
      try {
        await this.recheck(client, now);
      } catch (error) {
        this.logger.warn(`Could not check a live socket's access again: ${String(error)}`);
      }
    }
  }

  private async recheck(client: LiveClient, now: Date): Promise<void> {
    const session = await this.sessions.stillValid(client.session.idHash, now);
    if (!session) return this.registry.close(client, LIVE_CLOSE.SessionEnded, 'session ended');
    client.session = { ...session, csrfToken: client.session.csrfToken };
    for (const channel of client.channels) {
      if (!(await this.mayWatch(session, channel))) {
        this.logger.log(`Closed a live socket of user ${session.userId}: no access to ${channel} any more`);
        return this.registry.close(client, LIVE_CLOSE.AccessLost, 'access lost');
      }
    }
  }

  private async mayWatch(session: AdminSession, channel: LiveChannel): Promise<boolean> {
    if (channel === 'owner') return session.owner;
    try {
      await this.access.require(session, channel.slice('guild:'.length), 'dj');
      return true;
    } catch (error) {
      if (error instanceof AdminError) return false;
      throw error;
    }
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const session = this.pending.get(request);
    if (!session) return socket.close(1008, 'not signed in');
    this.alive.add(socket);
    socket.on('pong', () => this.alive.add(socket));
    this.registry.add(socket, session);
  }

  handleDisconnect(socket: WebSocket): void {
    const client = this.registry.of(socket);
    if (client) this.registry.remove(client);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): Promise<void> {
    const client = this.registry.of(socket);
    if (client) await this.hub.subscribe(client, data);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): void {
    const client = this.registry.of(socket);
    if (client) this.hub.unsubscribe(client, data);
  }

  @SubscribeMessage('ping')
  ping(): { event: 'pong'; data: { at: string } } {
    return { event: 'pong', data: { at: new Date().toISOString() } };
  }

  private async verify(info: { origin: string; req: IncomingMessage }, done: VerifyCallback): Promise<void> {
    try {
      if (info.origin && !this.originAllowed(info.origin, info.req)) return done(false, 403, 'Forbidden');
      const session = await this.sessions.fromCookieHeader(info.req.headers.cookie);
      if (!session) return done(false, 401, 'Unauthorized');
      this.pending.set(info.req, session);
      done(true);
    } catch (error) {
      this.logger.error(`Could not check a live socket's session: ${String(error)}`);
      done(false, 500, 'Internal Server Error');
    }
  }

  /** Browsers send their page's origin: only the panel's own (its public URL, or this host) may connect. */
  private originAllowed(origin: string, request: IncomingMessage): boolean {
    const allowed = new Set<string>();
    if (this.config.http.publicUrl) allowed.add(new URL(this.config.http.publicUrl).origin);
    const host = request.headers.host;
    if (host) {
      allowed.add(`http://${host}`);
      allowed.add(`https://${host}`);
    }
    return allowed.has(origin);
  }

  private pingAll(server: Server): void {
    for (const socket of server.clients) {
      if (!this.alive.has(socket)) {
        socket.terminate();
        continue;
      }
      this.alive.delete(socket);
      socket.ping();
    }
  }
}
