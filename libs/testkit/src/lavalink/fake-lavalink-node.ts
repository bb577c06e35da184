import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { cpus } from 'node:os';
import { type Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FakePlayer, type FakePlayerSnapshot } from './fake-player';
import {
  type ErrorPayload,
  type ExceptionSeverity,
  type LinkLoadFailure,
  type FiltersPayload,
  type InfoPayload,
  type PlayerEventPayload,
  type PlayerPayload,
  type ServerMessage,
  type SessionPayload,
  type StatsPayload,
  type TrackPayload,
  type VoiceStatePayload,
} from './payloads';
import { type CatalogueTrack, TrackCatalogue } from './track-catalogue';
import { decodeTrack } from './track-codec';

export interface FakeLavalinkNodeOptions {
  /** Node name handed to shoukaku (default `fake-lavalink`). */
  name?: string;
  /** Lavalink `server.password` (default `youshallnotpass`). */
  password?: string;
  /** Fixed port; a free one is picked when omitted. */
  port?: number;
  /** Shared catalogue, or tracks to build one from. */
  catalogue?: TrackCatalogue | CatalogueTrack[];
  /** Delay of every `loadtracks` answer, to make searches cost something. */
  searchLatencyMs?: number;
  /** Lavalink `playerUpdateInterval` in ms (default 5000). */
  playerUpdateIntervalMs?: number;
  /** Interval of `stats` messages in ms (default 60000). */
  statsIntervalMs?: number;
  /** Virtual-time speed of every player (default 1). */
  timeScale?: number;
  /** Filters disabled in application.yml: a PATCH naming one gets 400. */
  disabledFilters?: string[];
}

/** Emitted synchronously, so a listener can act "while the client is away". */
export interface FakeLavalinkNodeEvents {
  /** The socket of a resumable session closed; its players run on and events queue. */
  sessionPaused: [sessionId: string];
  sessionResumed: [sessionId: string];
  /** A session ended: socket closed without resuming, resume timeout, or node shut down. */
  sessionDestroyed: [sessionId: string];
}

/** Shoukaku's `NodeOption`. */
export interface FakeNodeOption {
  name: string;
  url: string;
  auth: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  time: number;
}

export interface PlayerPatchBody {
  track?: { encoded?: string | null; identifier?: string; userData?: Record<string, unknown> };
  position?: number;
  endTime?: number | null;
  volume?: number;
  paused?: boolean;
  filters?: FiltersPayload;
  voice?: VoiceStatePayload;
  [key: string]: unknown;
}

export interface RecordedPatch {
  sessionId: string;
  guildId: string;
  noReplace: boolean;
  body: PlayerPatchBody;
  status: number;
  time: number;
}

export interface RecordedHandshake {
  userId: string | undefined;
  clientName: string | undefined;
  sessionIdHeader: string | undefined;
  status: number;
  resumed: boolean;
  time: number;
}

export interface SentMessage {
  sessionId: string;
  message: ServerMessage;
  time: number;
}

export interface SessionInfo {
  id: string;
  userId: string;
  clientName: string | undefined;
  connected: boolean;
  resuming: boolean;
  timeout: number;
  guildIds: string[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

class Session {
  socket: WebSocket | null = null;
  /** Socket gone, resuming on: players run on and events queue until a client resumes. */
  paused = false;
  resuming = false;
  timeout = 60;
  readonly players = new Map<string, FakePlayer>();
  readonly queue: ServerMessage[] = [];
  expiry: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly clientName: string | undefined,
  ) {}
}

const ALL_FILTERS = [
  'volume', 'equalizer', 'karaoke', 'timescale', 'tremolo', 'vibrato', 'distortion', 'rotation', 'channelMix', 'lowPass',
]; // prettier-ignore
const SNOWFLAKE = /^\d{1,20}$/;

const INFO: InfoPayload = {
  version: { semver: '4.0.8', major: 4, minor: 0, patch: 8, preRelease: null, build: null },
  buildTime: Date.UTC(2024, 8, 1),
  git: { branch: 'main', commit: 'fake000', commitTime: Date.UTC(2024, 8, 1) },
  jvm: '17.0.12',
  lavaplayer: '2.2.2',
  sourceManagers: ['youtube', 'soundcloud', 'http'],
  filters: ALL_FILTERS,
  plugins: [{ name: 'youtube-plugin', version: '1.11.2' }],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim().length === 0;
}

/**
 * A Lavalink v4 node on loopback for tests: the WebSocket and REST protocol that shoukaku and
 * kazagumo use, players in virtual time, a fake YouTube catalogue, recordings and failure drills.
 */
export class FakeLavalinkNode extends EventEmitter<FakeLavalinkNodeEvents> {
  readonly name: string;
  readonly catalogue: TrackCatalogue;
  /** Every REST request, in arrival order (handshakes are in `handshakes`). */
  readonly requests: RecordedRequest[] = [];
  readonly playerPatches: RecordedPatch[] = [];
  /** `identifier` of every `loadtracks` call, in order. */
  readonly loadTrackCalls: string[] = [];
  readonly handshakes: RecordedHandshake[] = [];
  /** Every message the node delivered over a WebSocket (queued ones count when replayed). */
  readonly sentMessages: SentMessage[] = [];

  private password: string;
  private fixedPort: number | undefined;
  private readonly searchLatencyMs: number;
  private readonly playerUpdateIntervalMs: number;
  private readonly statsIntervalMs: number;
  private readonly timeScale: number;
  private readonly disabledFilters: Set<string>;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<Socket | Duplex>();
  private readonly sessions = new Map<string, Session>();
  private readonly resumedByRequest = new WeakMap<IncomingMessage, Session | null>();
  private timers: NodeJS.Timeout[] = [];
  /** Per guild, what `holdEvents` keeps back until `releaseEvents`. */
  private readonly held = new Map<string, Array<{ session: Session; message: ServerMessage }>>();
  /** Per guild, the player PATCHes `holdPlayerPatches` keeps unanswered until `releasePlayerPatches`. */
  private readonly heldPatches = new Map<string, Array<{ body: unknown; answer: () => void }>>();
  private startedAt = Date.now();
  private load = { systemLoad: 0.05, lavalinkLoad: 0.01 };

  constructor(options: FakeLavalinkNodeOptions = {}) {
    super();
    this.name = options.name ?? 'fake-lavalink';
    this.password = options.password ?? 'youshallnotpass';
    this.fixedPort = options.port;
    this.catalogue =
      options.catalogue instanceof TrackCatalogue ? options.catalogue : new TrackCatalogue(options.catalogue ?? []);
    this.searchLatencyMs = options.searchLatencyMs ?? 0;
    this.playerUpdateIntervalMs = options.playerUpdateIntervalMs ?? 5_000;
    this.statsIntervalMs = options.statsIntervalMs ?? 60_000;
    this.timeScale = options.timeScale ?? 1;
    this.disabledFilters = new Set(options.disabledFilters ?? []);
  }

  // ---------------------------------------------------------------- lifecycle

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    const port = address?.port ?? this.fixedPort;
    if (port === undefined) throw new Error('FakeLavalinkNode has not been started');
    return port;
  }

  /** `host:port`, as shoukaku's NodeOption.url wants it (no scheme, no path). */
  get url(): string {
    return `${this.host}:${this.port}`;
  }

  get nodeOption(): FakeNodeOption {
    return { name: this.name, url: this.url, auth: this.password };
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  async start(): Promise<void> {
    if (this.server) throw new Error('FakeLavalinkNode is already started');
    const server = createServer((req, res) => void this.onRequest(req, res));
    const wss = new WebSocketServer({ noServer: true });
    wss.on('headers', (headers, req) => {
      headers.push(`Session-Resumed: ${this.resumedByRequest.get(req) ? 'true' : 'false'}`, 'Lavalink-Api-Version: 4');
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.server = server;
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.fixedPort ?? 0, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.fixedPort = (server.address() as AddressInfo).port;
    this.startedAt = Date.now();
    this.timers = [
      setInterval(() => this.broadcastPlayerUpdates(), this.playerUpdateIntervalMs),
      setInterval(() => this.broadcastStats(), this.statsIntervalMs),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /** Closes everything; sessions and players are dropped without events. */
  async stop(): Promise<void> {
    await this.shutdown();
  }

  /** A crashed process: sockets cut without a close frame, port closed, sessions gone. */
  async kill(): Promise<void> {
    await this.shutdown();
  }

  /** Listens again on the same port with fresh sessions; catalogue, password and recordings stay. */
  async restart(): Promise<void> {
    if (this.server) await this.shutdown();
    await this.start();
  }

  /** New password for new connections and REST calls (open sockets stay open). */
  setPassword(password: string): void {
    this.password = password;
  }

  /** CPU load reported in stats (shoukaku's penalties grow with `systemLoad`). */
  setLoad(load: { systemLoad: number; lavalinkLoad?: number }): void {
    this.load = { systemLoad: load.systemLoad, lavalinkLoad: load.lavalinkLoad ?? this.load.lavalinkLoad };
  }

  /** Closes client sockets from the server side with a close frame; resuming applies as usual. */
  disconnectClients(code = 1001, reason = 'Server closing'): void {
    for (const session of this.sessions.values()) session.socket?.close(code, reason);
  }

  // ---------------------------------------------------------------- test controls

  /** Ends the current track now with `finished` (the client may start the next one). */
  finishTrack(guildId: string): void {
    this.requirePlayer(guildId).stop('finished');
  }

  /** Moves the playhead forward by `ms` of virtual time and reports it in a playerUpdate. */
  advance(guildId: string, ms: number): void {
    const player = this.requirePlayer(guildId);
    player.advance(ms);
    this.sendPlayerUpdate(player);
  }

  /** Puts the playhead at `position` ms and reports it in a playerUpdate. */
  setPosition(guildId: string, position: number): void {
    const player = this.requirePlayer(guildId);
    player.seek(position);
    this.sendPlayerUpdate(player);
  }

  /** TrackExceptionEvent (with `cause`, a Java exception's `toString()`, if given), then TrackEndEvent with `loadFailed`. */
  failTrack(guildId: string, message: string, severity: ExceptionSeverity = 'common', cause?: string): void {
    this.requirePlayer(guildId).fail(message, severity, cause);
  }

  /**
   * Holds back what the node would send about `guildId`'s player (events and playerUpdates) until
   * `releaseEvents`, as a busy network or event loop would: the client acts on a stale picture
   * meanwhile (a track ended here that it still thinks plays).
   */
  holdEvents(guildId: string): void {
    if (!this.held.has(guildId)) this.held.set(guildId, []);
  }

  /** Delivers what `holdEvents` held back, in order, and stops holding; returns how many it held. */
  releaseEvents(guildId: string): number {
    const held = this.held.get(guildId) ?? [];
    this.held.delete(guildId);
    for (const { session, message } of held) this.send(session, message);
    return held.length;
  }

  /**
   * Leaves the PATCHes of `guildId`'s player unanswered (and not yet applied) until
   * `releasePlayerPatches`, as a slow network would: the client waits on its request meanwhile.
   */
  holdPlayerPatches(guildId: string): void {
    if (!this.heldPatches.has(guildId)) this.heldPatches.set(guildId, []);
  }

  /** The bodies of the PATCHes `holdPlayerPatches` keeps waiting now, in arrival order. */
  waitingPatches(guildId: string): PlayerPatchBody[] {
    return (this.heldPatches.get(guildId) ?? []).map(({ body }) => (isRecord(body) ? body : {}));
  }

  /** Applies and answers the held PATCHes in arrival order, and stops holding; returns how many it held. */
  releasePlayerPatches(guildId: string): number {
    const held = this.heldPatches.get(guildId) ?? [];
    this.heldPatches.delete(guildId);
    for (const { answer } of held) answer();
    return held.length;
  }

  stickTrack(guildId: string, thresholdMs = 10_000): void {
    this.requirePlayer(guildId).stick(thresholdMs);
  }

  /** Discord's voice socket closed (4014: the bot was moved out/disconnected, 4006: session no longer valid). */
  closeVoice(guildId: string, code = 4014, reason = 'Disconnected.', byRemote = true): void {
    const player = this.requirePlayer(guildId);
    player.closeVoice(code, reason, byRemote);
    this.sendPlayerUpdate(player); // Lavalink reports the player right after WebSocketClosedEvent
  }

  /** Same as `catalogue.failLoad`: `loadtracks` for exactly this identifier answers `error`. */
  failLoad(identifier: string, message: string, severity: ExceptionSeverity = 'common', cause?: string): void {
    this.catalogue.failLoad(identifier, message, severity, cause);
  }

  /** Same as `catalogue.failEveryLoad`: every `loadtracks` answers `error` until `catalogue.clearOutcomes()`. */
  failEveryLoad(message: string, severity: ExceptionSeverity = 'suspicious', cause?: string): void {
    this.catalogue.failEveryLoad(message, severity, cause);
  }

  /** Same as `catalogue.failLink`: a direct link fails the way the real node's HTTP source fails it. */
  failLink(url: string, failure: LinkLoadFailure): void {
    this.catalogue.failLink(url, failure);
  }

  emptyLoad(identifier: string): void {
    this.catalogue.emptyLoad(identifier);
  }

  // ---------------------------------------------------------------- observation

  /** A snapshot of the player for `guildId` (the newest session's, if several bots share a guild). */
  player(guildId: string): FakePlayerSnapshot | undefined {
    return this.findPlayer(guildId)?.snapshot();
  }

  /** Volume exactly 100 and no active filter: Lavalink can pass Opus through untouched. */
  isPassthrough(guildId: string): boolean {
    return this.requirePlayer(guildId).isPassthrough();
  }

  /** PATCH bodies sent to players, in order, optionally for one guild. */
  patches(guildId?: string): PlayerPatchBody[] {
    return this.playerPatches.filter((patch) => guildId === undefined || patch.guildId === guildId).map((p) => p.body);
  }

  /** Player events delivered to clients, optionally for one guild. */
  events(guildId?: string): PlayerEventPayload[] {
    return this.sentMessages
      .map((sent) => sent.message)
      .filter((message): message is PlayerEventPayload => message.op === 'event')
      .filter((event) => guildId === undefined || event.guildId === guildId);
  }

  sessionList(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => ({
      id: session.id,
      userId: session.userId,
      clientName: session.clientName,
      connected: !session.paused,
      resuming: session.resuming,
      timeout: session.timeout,
      guildIds: [...session.players.keys()],
    }));
  }

  stats(): StatsPayload {
    const players = [...this.sessions.values()].flatMap((session) => [...session.players.values()]);
    const playing = players.filter((player) => player.playing).length;
    return {
      players: players.length,
      playingPlayers: playing,
      uptime: Date.now() - this.startedAt,
      memory: { free: 120_000_000, used: 80_000_000, allocated: 200_000_000, reservable: 512_000_000 },
      cpu: { cores: cpus().length, systemLoad: this.load.systemLoad, lavalinkLoad: this.load.lavalinkLoad },
      frameStats: players.length > 0 ? { sent: 3_000 * playing, nulled: 0, deficit: 0 } : null,
    };
  }

  clearRecordings(): void {
    this.requests.length = 0;
    this.playerPatches.length = 0;
    this.loadTrackCalls.length = 0;
    this.handshakes.length = 0;
    this.sentMessages.length = 0;
  }

  /** Polls `predicate` until it returns something truthy, and resolves with it. */
  async waitFor<T>(
    predicate: () => T | undefined | null | false,
    options: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
  ): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 2_000);
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) {
        throw new Error(`FakeLavalinkNode.waitFor timed out${options.message ? `: ${options.message}` : ''}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
    }
  }

  // ---------------------------------------------------------------- WebSocket

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const userId = header(req, 'user-id');
    const clientName = header(req, 'client-name');
    const sessionIdHeader = header(req, 'session-id');
    const record = (status: number, resumed: boolean): void => {
      this.handshakes.push({ userId, clientName, sessionIdHeader, status, resumed, time: Date.now() });
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/v4/websocket') return this.rejectUpgrade(socket, 404, record);
    if (header(req, 'authorization') !== this.password) return this.rejectUpgrade(socket, 401, record);
    if (!userId || userId === '0' || !SNOWFLAKE.test(userId)) return this.rejectUpgrade(socket, 400, record);

    const candidate = sessionIdHeader ? this.sessions.get(sessionIdHeader) : undefined;
    // The client may be back before this side saw its old socket close; a closing socket counts as gone.
    const resumable =
      candidate?.resuming && (candidate.paused || candidate.socket?.readyState !== WebSocket.OPEN) ? candidate : null;
    if (resumable) this.pauseSession(resumable);
    this.resumedByRequest.set(req, resumable);
    const wss = this.wss as WebSocketServer;
    wss.handleUpgrade(req, socket, head, (ws) => {
      record(101, resumable !== null);
      this.onSocket(ws, resumable ?? new Session(this.newSessionId(), userId, clientName), resumable !== null);
    });
  }

  private rejectUpgrade(socket: Duplex, status: number, record: (status: number, resumed: boolean) => void): void {
    record(status, false);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  }

  private onSocket(ws: WebSocket, session: Session, resumed: boolean): void {
    ws.on('error', () => undefined); // a client vanishing mid-frame is not the node's problem
    ws.on('close', () => this.onSocketClosed(session, ws));
    clearTimeout(session.expiry);
    session.expiry = undefined;
    session.paused = false;
    session.socket = ws;
    this.sessions.set(session.id, session);
    if (resumed) this.emit('sessionResumed', session.id);
    this.send(session, { op: 'ready', resumed, sessionId: session.id });
    if (resumed) {
      // Lavalink replays what happened while the client was away, then shows where each player is;
      // no stats on resume.
      for (const message of session.queue.splice(0)) this.send(session, message);
      for (const player of session.players.values()) this.sendPlayerUpdate(player);
    } else {
      this.send(session, { op: 'stats', ...this.stats() });
    }
  }

  private onSocketClosed(session: Session, ws: WebSocket): void {
    if (session.socket !== ws || this.sessions.get(session.id) !== session) return;
    session.socket = null;
    if (session.resuming) this.pauseSession(session);
    else this.destroySession(session);
  }

  private pauseSession(session: Session): void {
    if (session.paused) return;
    session.paused = true;
    session.socket = null;
    session.expiry = setTimeout(() => this.destroySession(session), session.timeout * 1000);
    session.expiry.unref();
    this.emit('sessionPaused', session.id);
  }

  private destroySession(session: Session): void {
    clearTimeout(session.expiry);
    for (const player of session.players.values()) player.destroy(false);
    session.players.clear();
    session.queue.length = 0;
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    this.emit('sessionDestroyed', session.id);
  }

  private send(session: Session, message: ServerMessage): void {
    const held = 'guildId' in message ? this.held.get(message.guildId) : undefined;
    if (held) {
      held.push({ session, message });
      return;
    }
    const socket = session.socket;
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      this.sentMessages.push({ sessionId: session.id, message, time: Date.now() });
    } else if (session.paused && this.sessions.get(session.id) === session) {
      // Lavalink queues every message (playerUpdate and stats too) while a session is parked.
      session.queue.push(message);
    }
  }

  private sendPlayerUpdate(player: FakePlayer): void {
    const session = this.sessions.get(player.sessionId);
    if (session) this.send(session, { op: 'playerUpdate', guildId: player.guildId, state: player.state() });
  }

  private broadcastPlayerUpdates(): void {
    for (const session of this.sessions.values()) {
      // Lavalink schedules these from track start to track end only (queued while parked).
      if (!session.socket && !session.paused) continue;
      for (const player of session.players.values()) if (player.track) this.sendPlayerUpdate(player);
    }
  }

  private broadcastStats(): void {
    const stats = this.stats();
    for (const session of this.sessions.values()) {
      if (session.socket || session.paused) this.send(session, { op: 'stats', ...stats });
    }
  }

  private newSessionId(): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let id: string;
    do {
      id = [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
    } while (this.sessions.has(id));
    return id;
  }

  private async shutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const session of [...this.sessions.values()]) this.destroySession(session);
    for (const client of this.wss?.clients ?? []) client.terminate();
    this.wss?.close();
    this.wss = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- REST

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const record: RecordedRequest = { method, path: url.pathname, query, body: undefined, status: 0, time: Date.now() };
    this.requests.push(record);
    try {
      const raw = await this.readBody(req);
      record.body = raw;
      const auth = header(req, 'authorization');
      if (auth === undefined || auth !== this.password) {
        // Lavalink answers a missing password 401 and a wrong one 403, both without a body.
        record.status = auth === undefined ? 401 : 403;
        res.writeHead(record.status, { 'Content-Length': '0' }).end();
        return;
      }
      const result = await this.route(method, url, raw);
      record.status = result === undefined ? 204 : 200;
      if (result === undefined) {
        res.writeHead(204).end();
      } else if (typeof result === 'string') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end(result);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
      }
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      record.status = status;
      const body: ErrorPayload = {
        timestamp: Date.now(),
        status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        path: url.pathname,
      };
      if (query.trace === 'true' && error instanceof Error) body.trace = error.stack ?? message;
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    }
  }

  private async readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.length === 0) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  private async route(method: string, url: URL, body: unknown): Promise<unknown> {
    const path = url.pathname;
    const allow = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new HttpError(405, `Request method '${method}' is not supported`);
    };
    if (path === '/version' || path === '/v4/version') {
      allow('GET');
      return INFO.version.semver;
    }
    if (path === '/v4/info') {
      allow('GET');
      return { ...INFO, filters: ALL_FILTERS.filter((filter) => !this.disabledFilters.has(filter)) };
    }
    if (path === '/v4/stats') {
      allow('GET');
      return { ...this.stats(), frameStats: null };
    }
    if (path === '/v4/loadtracks') {
      allow('GET');
      return this.loadTracks(url.searchParams.get('identifier'));
    }
    if (path === '/v4/decodetrack') {
      allow('GET');
      const encoded = url.searchParams.get('encodedTrack') ?? url.searchParams.get('track');
      if (!encoded) throw new HttpError(400, 'No track to decode provided');
      return this.decode(encoded);
    }
    if (path === '/v4/decodetracks') {
      allow('POST');
      if (!Array.isArray(body) || body.length === 0) throw new HttpError(400, 'No tracks to decode provided');
      return body.map((encoded) => this.decode(typeof encoded === 'string' ? encoded : ''));
    }
    const players = /^\/v4\/sessions\/([^/]+)\/players(?:\/([^/]+))?$/.exec(path);
    if (players) {
      const session = this.requireSession(players[1]);
      const guildId = players[2];
      if (guildId === undefined) {
        allow('GET');
        return [...session.players.values()].map((player) => player.toPayload());
      }
      if (!SNOWFLAKE.test(guildId)) throw new HttpError(400, `Invalid guild id: ${guildId}`);
      allow('GET', 'PATCH', 'DELETE');
      if (method === 'GET') {
        const player = session.players.get(guildId);
        if (!player) throw new HttpError(404, 'Player not found');
        return player.toPayload();
      }
      if (method === 'DELETE') {
        const player = session.players.get(guildId);
        player?.destroy(true);
        session.players.delete(guildId);
        return undefined;
      }
      const waiting = this.heldPatches.get(guildId);
      if (waiting) await new Promise<void>((answer) => waiting.push({ body, answer }));
      return this.patchPlayer(session, guildId, url.searchParams.get('noReplace') === 'true', body);
    }
    const sessionMatch = /^\/v4\/sessions\/([^/]+)$/.exec(path);
    if (sessionMatch) {
      allow('PATCH');
      return this.patchSession(this.requireSession(sessionMatch[1]), body);
    }
    throw new HttpError(404, 'Not Found');
  }

  private async loadTracks(identifier: string | null): Promise<unknown> {
    if (identifier === null) throw new HttpError(400, "Required request parameter 'identifier' is not present");
    this.loadTrackCalls.push(identifier);
    if (this.searchLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.searchLatencyMs));
    return this.catalogue.load(identifier);
  }

  private decode(encoded: string): TrackPayload {
    try {
      return { encoded, info: decodeTrack(encoded), pluginInfo: {}, userData: {} };
    } catch {
      throw new HttpError(400, `Invalid encoded track: ${encoded.slice(0, 32)}`);
    }
  }

  private patchSession(session: Session, body: unknown): SessionPayload {
    if (!isRecord(body)) throw new HttpError(400, 'Invalid session update');
    if (body.resuming !== undefined) {
      if (typeof body.resuming !== 'boolean') throw new HttpError(400, 'resuming must be a boolean');
      session.resuming = body.resuming;
    }
    if (body.timeout !== undefined) {
      if (typeof body.timeout !== 'number') throw new HttpError(400, 'timeout must be a number');
      session.timeout = body.timeout;
    }
    return { resuming: session.resuming, timeout: session.timeout };
  }

  /** Lavalink's PATCH order: voice, pause, volume, seek, filters, then the track (which wins pause and position). */
  private patchPlayer(session: Session, guildId: string, noReplace: boolean, body: unknown): PlayerPayload {
    const patch: RecordedPatch = {
      sessionId: session.id,
      guildId,
      noReplace,
      body: isRecord(body) ? body : {},
      status: 400,
      time: Date.now(),
    };
    this.playerPatches.push(patch);
    const update = this.parsePatch(body);
    patch.status = 200;

    let player = session.players.get(guildId);
    if (!player) {
      player = new FakePlayer({
        guildId,
        sessionId: session.id,
        timeScale: this.timeScale,
        emit: (event) => this.send(session, event),
      });
      session.players.set(guildId, player);
    }
    if (update.voice) player.setVoice(update.voice);
    if (update.paused !== undefined && !update.hasTrack) player.setPaused(update.paused);
    if (update.volume !== undefined) player.volume = Math.min(1000, Math.max(0, update.volume));
    if (update.position !== undefined && !update.hasTrack) {
      player.seek(update.position);
      this.sendPlayerUpdate(player);
    }
    if (update.endTime !== undefined && !update.hasTrack) player.setEndTime(update.endTime);
    if (update.filters) {
      player.filters = update.filters;
      this.sendPlayerUpdate(player);
    }
    if (update.hasTrack && !(noReplace && player.track)) {
      if (update.track) {
        player.play(update.track, { position: update.position, endTime: update.endTime, paused: update.paused });
        this.sendPlayerUpdate(player); // Lavalink reports the player as soon as a track starts
      } else {
        player.stop('stopped');
        player.setPaused(update.paused ?? false);
      }
    }
    return player.toPayload();
  }

  /** Validates the whole body before anything changes, as Lavalink deserialises it first. */
  private parsePatch(body: unknown): {
    hasTrack: boolean;
    track: TrackPayload | null;
    voice?: VoiceStatePayload;
    paused?: boolean;
    volume?: number;
    position?: number;
    endTime?: number | null;
    filters?: FiltersPayload;
  } {
    if (!isRecord(body)) throw new HttpError(400, 'Invalid player update');
    const trackField = body.track;
    if (trackField !== undefined && !isRecord(trackField)) throw new HttpError(400, 'track must be an object');
    const encodedGiven = (trackField !== undefined && 'encoded' in trackField) || 'encodedTrack' in body;
    const encoded = trackField !== undefined && 'encoded' in trackField ? trackField.encoded : body.encodedTrack;
    const identifier = trackField?.identifier ?? body.identifier;
    if (encodedGiven && identifier !== undefined) {
      throw new HttpError(400, 'Cannot specify both encodedTrack and identifier');
    }
    if (encodedGiven && encoded !== null && typeof encoded !== 'string') {
      throw new HttpError(400, 'track.encoded must be a string or null');
    }
    if (identifier !== undefined && typeof identifier !== 'string') {
      throw new HttpError(400, 'track.identifier must be a string');
    }
    const userData = trackField?.userData;
    if (userData !== undefined && !isRecord(userData)) throw new HttpError(400, 'track.userData must be an object');

    const { paused, volume, position, endTime, filters, voice } = body;
    if (paused !== undefined && typeof paused !== 'boolean') throw new HttpError(400, 'paused must be a boolean');
    // Lavalink clamps the volume to 0..1000 rather than refusing it.
    if (volume !== undefined && (typeof volume !== 'number' || !Number.isInteger(volume))) {
      throw new HttpError(400, 'volume must be an integer');
    }
    if (position !== undefined && (typeof position !== 'number' || position < 0)) {
      throw new HttpError(400, 'position must be a number >= 0');
    }
    if (endTime !== undefined && endTime !== null && typeof endTime !== 'number') {
      throw new HttpError(400, 'endTime must be a number or null');
    }
    if (typeof endTime === 'number' && endTime <= 0) throw new HttpError(400, 'End time must be greater than 0');
    if (filters !== undefined && !isRecord(filters)) throw new HttpError(400, 'filters must be an object');
    const disabled = filters ? Object.keys(filters).filter((key) => this.disabledFilters.has(key)) : [];
    if (disabled.length > 0) {
      throw new HttpError(400, `Following filters are disabled in the config: ${disabled.join(', ')}`);
    }
    let voiceState: VoiceStatePayload | undefined;
    if (voice !== undefined && voice !== null) {
      // A missing key fails to deserialize ("Bad Request"); a null or blank one is refused by name.
      if (!isRecord(voice) || ['token', 'endpoint', 'sessionId', 'channelId'].some((key) => !(key in voice))) {
        throw new HttpError(400, 'Bad Request');
      }
      if ([voice.token, voice.endpoint, voice.sessionId, voice.channelId].some(isBlank)) {
        throw new HttpError(400, 'token, endpoint, sessionId and channelId must be provided in voice state');
      }
      voiceState = {
        token: voice.token as string,
        endpoint: voice.endpoint as string,
        sessionId: voice.sessionId as string,
        channelId: voice.channelId as string,
      };
    }

    let track: TrackPayload | null = null;
    if (typeof encoded === 'string' && encodedGiven) track = this.decode(encoded);
    if (typeof identifier === 'string') {
      const result = this.catalogue.load(identifier);
      if (result.loadType === 'error') throw new HttpError(500, result.data.message);
      if (result.loadType === 'empty') throw new HttpError(400, 'No matches found for identifier');
      if (result.loadType !== 'track') throw new HttpError(400, 'Cannot play a playlist or search result');
      track = result.data;
    }
    if (track && userData) track = { ...track, userData: { ...userData } };

    return {
      hasTrack: encodedGiven || identifier !== undefined,
      track,
      voice: voiceState,
      paused: paused,
      volume: volume,
      position: position,
      endTime: endTime,
      filters: filters ? Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== null)) : undefined,
    };
  }

  private requireSession(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    // A session waiting to be resumed is not reachable over REST in Lavalink either.
    if (!session || session.paused) throw new HttpError(404, 'Session not found');
    return session;
  }

  private findPlayer(guildId: string): FakePlayer | undefined {
    const sessions = [...this.sessions.values()].reverse();
    for (const session of sessions) {
      const player = session.players.get(guildId);
      if (player) return player;
    }
    return undefined;
  }

  private requirePlayer(guildId: string): FakePlayer {
    const player = this.findPlayer(guildId);
    if (!player) throw new Error(`FakeLavalinkNode ${this.name} has no player for guild ${guildId}`);
    return player;
  }
}
