import { WebSocket } from 'ws';

/** A message the client received, with its arrival time. */
export interface ReceivedMessage {
  time: number;
  message: Record<string, unknown> & { op: string };
}

export interface RestResponse {
  status: number;
  /** Parsed JSON, the plain text, or `undefined` for an empty body. */
  body: unknown;
  text: string;
}

/**
 * A bare Lavalink v4 client for protocol specs (no shoukaku): one WebSocket session and REST calls
 * with the same password, every received message recorded. Works against the fake and the real node.
 */
export class LavalinkTestClient {
  readonly messages: ReceivedMessage[] = [];
  sessionId = '';
  resumed = false;
  handshakeStatus = 0;
  private ws: WebSocket | undefined;

  constructor(
    private readonly node: { url: string; auth: string },
    private readonly userId = '1000000000000000001',
  ) {}

  /** Opens the WebSocket (resuming `resumeSessionId` if given) and waits for `ready`. */
  async connect(options: { resumeSessionId?: string; password?: string } = {}): Promise<void> {
    const headers: Record<string, string> = {
      Authorization: options.password ?? this.node.auth,
      'User-Id': this.userId,
      'Client-Name': 'accord-conformance/1.0',
    };
    if (options.resumeSessionId) headers['Session-Id'] = options.resumeSessionId;
    const ws = new WebSocket(`ws://${this.node.url}/v4/websocket`, { headers });
    this.ws = ws;
    const from = this.messages.length;
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ReceivedMessage['message'];
      this.messages.push({ time: Date.now(), message });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('upgrade', (response) => {
        this.handshakeStatus = response.statusCode ?? 0;
      });
      ws.once('unexpected-response', (_request, response) => {
        this.handshakeStatus = response.statusCode ?? 0;
        reject(new Error(`Handshake answered ${response.statusCode}`));
      });
      ws.once('error', reject);
      ws.once('open', () => resolve());
    });
    const ready = await this.waitFor((m) => m.op === 'ready', { after: from });
    this.sessionId = String(ready.message.sessionId);
    this.resumed = ready.message.resumed === true;
  }

  /** Closes the socket with a close frame and waits until it is closed. */
  async close(code = 1000): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(code);
    });
  }

  async rest(
    method: string,
    path: string,
    options: { body?: unknown; password?: string | null } = {},
  ): Promise<RestResponse> {
    const headers: Record<string, string> = {};
    const password = options.password === undefined ? this.node.auth : options.password;
    if (password !== null) headers.Authorization = password;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`http://${this.node.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text.length > 0 ? text : undefined;
    try {
      if (text.length > 0) body = JSON.parse(text) as unknown;
    } catch {
      // plain text
    }
    return { status: response.status, body, text };
  }

  loadTracks(identifier: string): Promise<RestResponse> {
    return this.rest('GET', `/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`);
  }

  patchPlayer(guildId: string, body: unknown, noReplace = false): Promise<RestResponse> {
    const query = noReplace ? '?noReplace=true' : '';
    return this.rest('PATCH', `/v4/sessions/${this.sessionId}/players/${guildId}${query}`, { body });
  }

  /** Messages received since index `after` (default all) that match. */
  received(predicate: (message: ReceivedMessage['message']) => boolean, after = 0): ReceivedMessage[] {
    return this.messages.slice(after).filter((entry) => predicate(entry.message));
  }

  events(guildId: string, type?: string): ReceivedMessage['message'][] {
    return this.messages
      .map((entry) => entry.message)
      .filter((m) => m.op === 'event' && m.guildId === guildId && (type === undefined || m.type === type));
  }

  /** Waits for the first message after index `after` (default: any) that matches. */
  async waitFor(
    predicate: (message: ReceivedMessage['message']) => boolean,
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<ReceivedMessage> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.messages.slice(options.after ?? 0).find((entry) => predicate(entry.message));
      if (found) return found;
      if (Date.now() > deadline) throw new Error('LavalinkTestClient.waitFor timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  waitForEvent(
    guildId: string,
    type: string,
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<ReceivedMessage> {
    return this.waitFor((m) => m.op === 'event' && m.guildId === guildId && m.type === type, options);
  }
}
