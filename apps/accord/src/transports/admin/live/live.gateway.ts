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
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AdminSessionService } from '../auth/admin-session.service';
import type { ActiveSession } from '../auth/admin-session.types';
import { LiveClientRegistry } from './live-client.registry';
import { LiveHubService } from './live-hub.service';

export const LIVE_PATH = '/api/v1/ws';
const HEARTBEAT_MS = 30_000;

type VerifyCallback = (result: boolean, code?: number, message?: string) => void;

/**
 * The panel's live socket. The upgrade is refused (401) without a valid session cookie, and (403)
 * from a page of another origin; messages are `{ event, data }` JSON (see `@accord/contracts`
 * `LiveClientMessage`). A socket that stops answering pings is closed.
 */
@WebSocketGateway({ path: LIVE_PATH, maxPayload: 4_096 })
export class LiveGateway
  implements OnGatewayInit<Server>, OnGatewayConnection<WebSocket>, OnGatewayDisconnect<WebSocket>
{
  private readonly logger = new Logger(LiveGateway.name);
  private readonly pending = new WeakMap<IncomingMessage, ActiveSession>();
  private readonly alive = new WeakSet<WebSocket>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly sessions: AdminSessionService,
    private readonly registry: LiveClientRegistry,
    private readonly hub: LiveHubService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    // ws reads `verifyClient` on every upgrade; it needs this instance, so it is set here.
    server.options.verifyClient = (info: { origin: string; req: IncomingMessage }, done: VerifyCallback) =>
      void this.verify(info, done);
    this.heartbeat = setInterval(() => this.pingAll(server), HEARTBEAT_MS);
    this.heartbeat.unref();
    server.on('close', () => clearInterval(this.heartbeat));
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
