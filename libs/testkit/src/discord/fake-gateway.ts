import { randomBytes } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import {
  ApplicationFlags,
  type GatewayDispatchEvents,
  GatewayCloseCodes,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { type DiscordStore } from './discord-store';
import { findMember, guildCreatePayload, isRecord } from './payloads';

/** One gateway session (what IDENTIFY creates and RESUME continues). */
export interface GatewaySession {
  id: string;
  shardId: number;
  shardCount: number;
  intents: number;
  token: string;
  /** Last sequence number sent. */
  seq: number;
  socket: WebSocket | null;
}

/** A payload the bot sent over the gateway. */
export interface ReceivedGatewayPayload {
  /** Shard of the connection; null before IDENTIFY/RESUME. */
  shardId: number | null;
  op: number;
  d: unknown;
  at: number;
}

export interface IdentifyRecord {
  shard: [number, number];
  intents: number;
  token: string;
  properties: unknown;
  at: number;
}

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Connection {
  socket: WebSocket;
  url: string;
  session: GatewaySession | null;
}

export interface FakeGatewayOptions {
  store: DiscordStore;
  shardCount: number;
  heartbeatIntervalMs: number;
  /** The URL sent as `resume_gateway_url` in READY. */
  resumeUrl: () => string;
  token?: string;
  /** Called for op 4 (Update Voice State) after it is recorded. */
  onVoiceStateRequest: (shardId: number, d: Record<string, unknown>) => void;
}

/** How many dispatches a session keeps for RESUME replays. */
const REPLAY_BUFFER = 1000;

/** The gateway half of the fake: HELLO/IDENTIFY/READY, heartbeats, RESUME, sharding and test controls. */
export class FakeGateway {
  identifyCount = 0;
  resumeCount = 0;
  /** Set to false to stop answering heartbeats (discord.js then treats the connection as a zombie). */
  ackHeartbeats = true;
  readonly received: ReceivedGatewayPayload[] = [];
  readonly identifies: IdentifyRecord[] = [];
  /** URLs the bot connected to (the `/gateway/bot` URL first, the resume URL after a reconnect). */
  readonly connectionUrls: string[] = [];

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly sessionByShard = new Map<number, GatewaySession>();
  private readonly replay = new Map<string, DispatchPayload[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: FakeGatewayOptions) {}

  get shardCount(): number {
    return this.options.shardCount;
  }

  /** The shard Discord routes a guild to: `(guild_id >> 22) % shard_count`. */
  shardFor(guildId: string): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(this.options.shardCount));
  }

  session(shardId: number): GatewaySession | undefined {
    return this.sessionByShard.get(shardId);
  }

  /** Whether each shard has a live, identified connection. */
  get connected(): boolean {
    for (let shard = 0; shard < this.options.shardCount; shard += 1) {
      if (!this.sessionByShard.get(shard)?.socket) return false;
    }
    return true;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req.url ?? '/'));
  }

  /**
   * Sends a dispatch to the shard that owns `guild_id` (or `shardId`, or shard 0). Dispatches to a
   * shard whose connection dropped are kept for the RESUME replay. Returns the sequence number used,
   * or null when the shard has no session.
   */
  dispatch(t: GatewayDispatchEvents | string, d: unknown, shardId?: number): number | null {
    const shard = shardId ?? this.routeOf(t, d);
    const session = this.sessionByShard.get(shard);
    if (!session) return null;
    return this.sendDispatch(session, t, d);
  }

  /** Guild events carry the guild as `id`, everything else guild-scoped as `guild_id`; the rest goes to shard 0. */
  private routeOf(t: string, d: unknown): number {
    if (!isRecord(d)) return 0;
    const guildId = t.startsWith('GUILD_') && typeof d.id === 'string' && !('guild_id' in d) ? d.id : d.guild_id;
    return typeof guildId === 'string' ? this.shardFor(guildId) : 0;
  }

  /** Closes the shard connections with a close code (4000: discord.js resumes; 1000: re-identifies). */
  closeGateway(code: number, shardId?: number): void {
    for (const connection of this.connectionsOf(shardId)) connection.socket.close(code, 'FakeDiscord: closed by test');
  }

  /** Op 7: discord.js closes with 4200, reconnects to `resume_gateway_url` and RESUMEs. */
  sendReconnect(shardId?: number): void {
    for (const connection of this.connectionsOf(shardId))
      this.send(connection.socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Op 9: resumable lets the client RESUME on the same socket; otherwise the session is gone. */
  invalidateSession(resumable: boolean, shardId?: number): void {
    for (const connection of this.connectionsOf(shardId)) {
      const session = connection.session;
      if (session && !resumable) this.forget(session);
      // Either way the socket is no longer authenticated: a resumable session is RESUMEd on it.
      connection.session = null;
      this.send(connection.socket, { op: GatewayOpcodes.InvalidSession, d: resumable });
    }
  }

  /** Calls `listener` after every gateway event the fake handled (used by the wait helpers). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private connectionsOf(shardId?: number): Connection[] {
    return [...this.connections].filter(
      (c) => c.session !== null && (shardId === undefined || c.session.shardId === shardId),
    );
  }

  private onConnection(socket: WebSocket, url: string): void {
    const connection: Connection = { socket, url, session: null };
    this.connections.add(connection);
    this.connectionUrls.push(url);
    const params = new URL(url, 'ws://127.0.0.1').searchParams;
    socket.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => socket.terminate());
    if (params.get('v') !== '10') {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if ((params.get('encoding') ?? 'json') !== 'json') {
      socket.close(GatewayCloseCodes.DecodeError, 'Only encoding=json is faked');
      return;
    }
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (session && session.socket === connection.socket) {
      session.socket = null;
      // Closing with 1000/1001 ends the session on Discord's side; other codes keep it resumable.
      if (code === 1000 || code === 1001) this.forget(session);
    }
    this.changed();
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Binary frames are not faked');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(rawToString(data));
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
      return;
    }
    const { op, d } = payload;
    this.received.push({ shardId: connection.session?.shardId ?? null, op, d, at: Date.now() });
    // Opcodes are plain numbers on the wire; unknown ones fall to the default branch.
    this.handleOp(connection, op, d);
    this.changed();
  }

  private handleOp(connection: Connection, op: GatewayOpcodes, d: unknown): void {
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        if (this.ackHeartbeats) this.send(connection.socket, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.identify(connection, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(connection, d);
        return;
      case GatewayOpcodes.VoiceStateUpdate: {
        const session = this.authenticated(connection);
        if (session && isRecord(d)) this.options.onVoiceStateRequest(session.shardId, d);
        return;
      }
      case GatewayOpcodes.RequestGuildMembers: {
        const session = this.authenticated(connection);
        if (session) this.answerGuildMembers(session, d);
        return;
      }
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
      case GatewayOpcodes.RequestChannelInfo:
        this.authenticated(connection);
        return;
      case GatewayOpcodes.Dispatch:
      case GatewayOpcodes.HeartbeatAck:
      case GatewayOpcodes.Hello:
      case GatewayOpcodes.InvalidSession:
      case GatewayOpcodes.Reconnect:
      default:
        // Server-only or unknown opcodes.
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
    }
  }

  /** The connection's session, or null after closing it with 4003 as Discord does before IDENTIFY. */
  private authenticated(connection: Connection): GatewaySession | null {
    if (!connection.session) connection.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
    return connection.session;
  }

  private identify(connection: Connection, d: unknown): void {
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
      return;
    }
    if (!isRecord(d) || typeof d.token !== 'string' || typeof d.intents !== 'number') {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Invalid IDENTIFY payload');
      return;
    }
    if (this.options.token !== undefined && d.token !== this.options.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
      return;
    }
    const [shardId, shardCount] = readShard(d.shard);
    if (shardId < 0 || shardId >= shardCount) {
      connection.socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard');
      return;
    }
    if (shardCount < this.options.shardCount) {
      connection.socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required');
      return;
    }

    const previous = this.sessionByShard.get(shardId);
    if (previous) this.forget(previous);
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shardId,
      shardCount,
      intents: d.intents,
      token: d.token,
      seq: 0,
      socket: connection.socket,
    };
    connection.session = session;
    this.sessions.set(session.id, session);
    this.sessionByShard.set(shardId, session);
    this.replay.set(session.id, []);
    this.identifyCount += 1;
    this.identifies.push({
      shard: [shardId, shardCount],
      intents: d.intents,
      token: d.token,
      properties: d.properties,
      at: Date.now(),
    });

    const { store } = this.options;
    const guilds = [...store.guilds.values()].filter((g) => this.shardFor(g.id) === shardId);
    this.sendDispatch(session, 'READY', {
      v: 10,
      user_settings: {},
      user: store.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.options.resumeUrl(),
      shard: [shardId, shardCount],
      application: { id: store.applicationId, flags: ApplicationFlags.GatewayGuildMembersLimited },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    const withVoiceStates = (d.intents & GatewayIntentBits.GuildVoiceStates) !== 0;
    for (const guild of guilds) {
      this.sendDispatch(
        session,
        'GUILD_CREATE',
        guildCreatePayload(guild, { botUserId: store.botUser.id, withVoiceStates }),
      );
    }
  }

  private resume(connection: Connection, d: unknown): void {
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
      return;
    }
    const session = isRecord(d) && typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const tokenOk = isRecord(d) && session !== undefined && d.token === session.token;
    if (!session || !tokenOk) {
      // Unknown or invalidated session: Discord answers op 9 d:false and the client re-identifies.
      this.send(connection.socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    const seq = isRecord(d) && typeof d.seq === 'number' ? d.seq : 0;
    if (seq > session.seq) {
      connection.socket.close(GatewayCloseCodes.InvalidSeq, 'Invalid seq');
      return;
    }
    if (session.socket && session.socket !== connection.socket) session.socket.terminate();
    session.socket = connection.socket;
    connection.session = session;
    this.resumeCount += 1;
    for (const payload of this.replay.get(session.id) ?? []) {
      if (payload.s > seq) this.send(connection.socket, payload);
    }
    this.sendDispatch(session, 'RESUMED', null);
  }

  private answerGuildMembers(session: GatewaySession, d: unknown): void {
    if (!isRecord(d) || typeof d.guild_id !== 'string') return;
    const guild = this.options.store.guilds.get(d.guild_id);
    if (!guild) return;
    const userIds = Array.isArray(d.user_ids) ? d.user_ids.filter((id): id is string => typeof id === 'string') : null;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const members = userIds
      ? userIds.map((id) => findMember(guild, id)).filter((m) => m !== undefined)
      : guild.members.filter((m) => m.user.username.toLowerCase().startsWith(query));
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : members.length;
    const notFound = userIds ? userIds.filter((id) => !findMember(guild, id)) : [];
    this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: structuredClone(members.slice(0, limit)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: notFound,
      ...(typeof d.nonce === 'string' ? { nonce: d.nonce } : {}),
    });
  }

  private sendDispatch(session: GatewaySession, t: string, d: unknown): number {
    session.seq += 1;
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    const buffer = this.replay.get(session.id);
    if (buffer) {
      buffer.push(payload);
      if (buffer.length > REPLAY_BUFFER) buffer.shift();
    }
    if (session.socket) this.send(session.socket, payload);
    return session.seq;
  }

  private forget(session: GatewaySession): void {
    this.sessions.delete(session.id);
    this.replay.delete(session.id);
    if (this.sessionByShard.get(session.shardId) === session) this.sessionByShard.delete(session.shardId);
  }

  private send(socket: WebSocket, payload: object): void {
    // discord.js without zlib-sync asks for no compression: plain text JSON frames.
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function readShard(value: unknown): [number, number] {
  if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
    return [value[0], value[1]];
  }
  return [0, 1];
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
