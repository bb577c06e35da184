import { createDecipheriv, randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:https';
import { type AddressInfo, type Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { testCertificates } from './test-ca';

/** Opus's three-byte silence frame, which voice clients send when they stop speaking. */
export const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);

export interface VoiceFrame {
  guildId: string;
  /** Arrival time (ms, `performance.now()` based, so gaps are sub-millisecond accurate). */
  time: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  /** The decrypted Opus packet. */
  opus: Buffer;
  /** The packet is Opus's silence frame. */
  silence: boolean;
}

export interface VoiceConnectionRecord {
  guildId: string;
  userId: string;
  sessionId: string;
  token: string;
  ssrc: number;
  maxDaveProtocolVersion: number | undefined;
  mode: string | undefined;
  opened: number;
  closed: number | undefined;
  /** SPEAKING (op 5) values the client sent, with their time. */
  speaking: { time: number; speaking: number }[];
}

export interface FakeVoiceServerOptions {
  /** Modes READY offers, in order (default: aead_aes256_gcm_rtpsize first). */
  modes?: string[];
  heartbeatIntervalMs?: number;
}

interface Connection {
  ws: WebSocket;
  record: VoiceConnectionRecord | undefined;
  secretKey: Buffer | undefined;
  seq: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * A Discord voice server on loopback for the real Lavalink: the voice gateway v8 over TLS (test CA),
 * UDP IP discovery, `aead_aes256_gcm_rtpsize` transport encryption without DAVE, and a recording of
 * every RTP packet per guild, decrypted.
 */
export class FakeVoiceServer {
  readonly frames: VoiceFrame[] = [];
  readonly connections: VoiceConnectionRecord[] = [];
  /** Packets that failed to decrypt or came from an unknown SSRC. */
  rejectedPackets = 0;

  private https: Server | undefined;
  private wss: WebSocketServer | undefined;
  private udp: UdpSocket | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly live = new Set<Connection>();
  private readonly bySsrc = new Map<number, Connection>();
  private nextSsrc = 1000 + Math.floor(Math.random() * 1000);

  constructor(private readonly options: FakeVoiceServerOptions = {}) {}

  /** `host:port` for VOICE_SERVER_UPDATE (and Lavalink's `voice.endpoint`). */
  get endpoint(): string {
    return `127.0.0.1:${(this.https?.address() as AddressInfo).port}`;
  }

  get udpPort(): number {
    return (this.udp?.address() as AddressInfo).port;
  }

  async start(): Promise<void> {
    const certs = await testCertificates();
    const udp = createSocket('udp4');
    udp.on('message', (message, remote) => this.onUdp(message, remote));
    await new Promise<void>((done) => udp.bind(0, '127.0.0.1', () => done()));
    this.udp = udp;
    // The TCP listener is up before anything else, so Lavalink's connect never meets a refusal.
    const https = createServer({ key: certs.serverKey, cert: certs.serverCert });
    https.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    https.on('tlsClientError', () => undefined);
    const wss = new WebSocketServer({ server: https });
    wss.on('connection', (ws) => this.onSocket(ws));
    await new Promise<void>((done) => https.listen(0, '127.0.0.1', () => done()));
    this.https = https;
    this.wss = wss;
  }

  async stop(): Promise<void> {
    for (const connection of this.live) connection.ws.terminate();
    this.live.clear();
    this.wss?.close();
    for (const socket of this.sockets) socket.destroy();
    const https = this.https;
    this.https = undefined;
    if (https) await new Promise<void>((done) => https.close(() => done()));
    const udp = this.udp;
    this.udp = undefined;
    if (udp) await new Promise<void>((done) => udp.close(() => done()));
  }

  /** Closes the voice gateway of `guildId` from the server side (e.g. 4014, 4006); returns how many it closed. */
  closeVoice(guildId: string, code = 4014, reason = 'Disconnected.'): number {
    let closed = 0;
    for (const connection of this.live) {
      if (connection.record?.guildId !== guildId) continue;
      connection.ws.close(code, reason);
      closed++;
    }
    return closed;
  }

  /** Whether a voice gateway for `guildId` is open and has its session description. */
  isConnected(guildId: string): boolean {
    return [...this.live].some((c) => c.record?.guildId === guildId && c.secretKey !== undefined);
  }

  framesFor(guildId: string, options: { from?: number; to?: number; includeSilence?: boolean } = {}): VoiceFrame[] {
    return this.frames.filter(
      (frame) =>
        frame.guildId === guildId &&
        (options.includeSilence || !frame.silence) &&
        (options.from === undefined || frame.time >= options.from) &&
        (options.to === undefined || frame.time <= options.to),
    );
  }

  /** Resolves with the frames once `count` audio frames (after `from`) arrived for `guildId`. */
  async waitForFrames(
    guildId: string,
    count: number,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<VoiceFrame[]> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
      const frames = this.framesFor(guildId, { from: options.from });
      if (frames.length >= count) return frames;
      if (Date.now() > deadline) {
        throw new Error(`FakeVoiceServer: ${frames.length}/${count} frames for guild ${guildId} before the deadline`);
      }
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /** Silences between consecutive audio frames longer than `thresholdMs` (default 40 ms: one frame lost). */
  silences(guildId: string, thresholdMs = 40): { from: number; to: number; ms: number }[] {
    const frames = this.framesFor(guildId);
    const gaps: { from: number; to: number; ms: number }[] = [];
    for (let i = 1; i < frames.length; i++) {
      const ms = frames[i].time - frames[i - 1].time;
      if (ms > thresholdMs) gaps.push({ from: frames[i - 1].time, to: frames[i].time, ms });
    }
    return gaps;
  }

  /** SPEAKING values (op 5) the client sent for `guildId`, across its connections. */
  speaking(guildId: string): { time: number; speaking: number }[] {
    return this.connections.filter((c) => c.guildId === guildId).flatMap((c) => c.speaking);
  }

  private onSocket(ws: WebSocket): void {
    const connection: Connection = { ws, record: undefined, secretKey: undefined, seq: 0 };
    this.live.add(connection);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.live.delete(connection);
      if (connection.record) {
        connection.record.closed = now();
        this.bySsrc.delete(connection.record.ssrc);
      }
    });
    ws.on('message', (data, isBinary) => {
      // binary DAVE opcodes are not expected with dave_protocol_version 0
      if (!isBinary) this.onMessage(connection, data as Buffer);
    });
    this.send(connection, 8, { heartbeat_interval: this.options.heartbeatIntervalMs ?? 13_750 });
  }

  private send(connection: Connection, op: number, d: unknown): void {
    if (connection.ws.readyState !== WebSocket.OPEN) return;
    connection.seq += 1;
    connection.ws.send(JSON.stringify({ op, d, seq: connection.seq }));
  }

  private onMessage(connection: Connection, data: Buffer): void {
    let message: { op?: number; d?: Record<string, unknown> };
    try {
      message = JSON.parse(data.toString('utf8')) as typeof message;
    } catch {
      return;
    }
    const d = message.d ?? {};
    switch (Number(message.op)) {
      case 0: {
        const ssrc = this.nextSsrc++;
        connection.record = {
          guildId: String(d.server_id),
          userId: String(d.user_id),
          sessionId: String(d.session_id),
          token: String(d.token),
          ssrc,
          maxDaveProtocolVersion:
            typeof d.max_dave_protocol_version === 'number' ? d.max_dave_protocol_version : undefined,
          mode: undefined,
          opened: now(),
          closed: undefined,
          speaking: [],
        };
        this.connections.push(connection.record);
        this.bySsrc.set(ssrc, connection);
        this.send(connection, 2, {
          ssrc,
          ip: '127.0.0.1',
          port: this.udpPort,
          modes: this.options.modes ?? ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'],
          heartbeat_interval: 1, // ignored by clients; HELLO's interval counts
        });
        break;
      }
      case 1: {
        const selected = (d.data ?? {}) as Record<string, unknown>;
        const mode = typeof selected.mode === 'string' ? selected.mode : '';
        connection.secretKey = randomBytes(32);
        if (connection.record) connection.record.mode = mode;
        this.send(connection, 4, {
          mode,
          secret_key: [...connection.secretKey],
          dave_protocol_version: 0,
          audio_codec: 'opus',
          media_session_id: randomBytes(16).toString('hex'),
        });
        break;
      }
      case 3:
        this.send(connection, 6, { t: d.t });
        break;
      case 5:
        connection.record?.speaking.push({ time: now(), speaking: Number(d.speaking ?? 0) });
        break;
      case 7: // resume
        this.send(connection, 9, null);
        break;
      default:
        break;
    }
  }

  private onUdp(message: Buffer, remote: RemoteInfo): void {
    // IP discovery: type 1, length 70, SSRC, 64 bytes of address, port.
    if (message.length === 74 && message.readUInt16BE(0) === 1) {
      const reply = Buffer.alloc(74);
      reply.writeUInt16BE(2, 0);
      reply.writeUInt16BE(70, 2);
      reply.writeUInt32BE(message.readUInt32BE(4), 4);
      reply.write(remote.address, 8, 'latin1');
      reply.writeUInt16BE(remote.port, 72);
      this.udp?.send(reply, remote.port, remote.address);
      return;
    }
    if (message.length < 12 || (message[0] & 0xc0) !== 0x80) return;
    const time = now();
    const ssrc = message.readUInt32BE(8);
    const connection = this.bySsrc.get(ssrc);
    const opus = connection?.secretKey ? this.decrypt(message, connection.secretKey, connection.record?.mode) : null;
    if (!connection?.record || !opus) {
      this.rejectedPackets += 1;
      return;
    }
    this.frames.push({
      guildId: connection.record.guildId,
      time,
      sequence: message.readUInt16BE(2),
      timestamp: message.readUInt32BE(4),
      ssrc,
      opus,
      silence: opus.equals(OPUS_SILENCE),
    });
  }

  /** `aead_aes256_gcm_rtpsize`: AAD is the RTP header (with the extension's 4-byte preamble), nonce suffix of 4 bytes. */
  private decrypt(packet: Buffer, key: Buffer, mode: string | undefined): Buffer | null {
    if (mode !== 'aead_aes256_gcm_rtpsize') return null;
    const csrcCount = packet[0] & 0x0f;
    const hasExtension = (packet[0] & 0x10) !== 0;
    let headerLength = 12 + 4 * csrcCount;
    let extensionWords = 0;
    if (hasExtension) {
      extensionWords = packet.readUInt16BE(headerLength + 2);
      headerLength += 4;
    }
    if (packet.length < headerLength + 16 + 4) return null;
    const nonce = Buffer.alloc(12);
    packet.copy(nonce, 0, packet.length - 4);
    const tag = packet.subarray(packet.length - 20, packet.length - 4);
    const ciphertext = packet.subarray(headerLength, packet.length - 20);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(packet.subarray(0, headerLength));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      return plain.subarray(extensionWords * 4);
    } catch {
      return null;
    }
  }
}

/** Share of `frames` whose Opus payload is byte-identical to one of the source packets. */
export function identicalShare(frames: VoiceFrame[], sourcePackets: Buffer[]): number {
  if (frames.length === 0) return 0;
  const source = new Set(sourcePackets.map((packet) => packet.toString('base64')));
  return frames.filter((frame) => source.has(frame.opus.toString('base64'))).length / frames.length;
}

/** Index in `sourcePackets` of each frame's payload (-1 when it matches none): where playback is in the file. */
export function sourceIndexes(frames: VoiceFrame[], sourcePackets: Buffer[]): number[] {
  const index = new Map<string, number>();
  sourcePackets.forEach((packet, i) => {
    const key = packet.toString('base64');
    if (!index.has(key)) index.set(key, i);
  });
  return frames.map((frame) => index.get(frame.opus.toString('base64')) ?? -1);
}

/**
 * Source packets skipped between consecutive frames that match the source (passthrough): audio the
 * listener never heard. A pause without frames that continues where it stopped loses nothing.
 */
export function framesLost(frames: VoiceFrame[], sourcePackets: Buffer[]): number {
  const indexes = sourceIndexes(frames, sourcePackets).filter((index) => index >= 0);
  let lost = 0;
  for (let i = 1; i < indexes.length; i++) lost += Math.max(0, indexes[i] - indexes[i - 1] - 1);
  return lost;
}
