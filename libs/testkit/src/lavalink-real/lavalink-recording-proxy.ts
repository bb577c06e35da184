import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { type Duplex } from 'node:stream';

export interface ProxiedExchange {
  time: number;
  method: string;
  path: string;
  status: number;
  /** The request body, and the response body of a non-2xx answer (for failure messages). */
  requestBody: string;
  responseBody?: string;
}

/**
 * An HTTP proxy on loopback between a client (the bot) and a real Lavalink node: it forwards REST
 * calls and the WebSocket upgrade untouched and records every REST exchange with its status, so a
 * spec can fail on any 4xx the real node answered during a normal flow.
 */
export class LavalinkRecordingProxy {
  readonly exchanges: ProxiedExchange[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket | Duplex>();

  constructor(private readonly target: { host: string; port: number }) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('LavalinkRecordingProxy has not been started');
    return `127.0.0.1:${address.port}`;
  }

  /** Exchanges the node answered with a 4xx. */
  clientErrors(): ProxiedExchange[] {
    return this.exchanges.filter((exchange) => exchange.status >= 400 && exchange.status < 500);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => this.forward(req, res));
    server.on('connection', (socket) => this.keep(socket));
    server.on('upgrade', (req, socket, head) => this.tunnel(req, socket, head));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  private keep(socket: Socket | Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks);
      const upstream = request(
        { host: this.target.host, port: this.target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const status = answer.statusCode ?? 0;
            const responseBody = Buffer.concat(body);
            this.exchanges.push({
              time: Date.now(),
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              status,
              requestBody: requestBody.toString('utf8'),
              responseBody: status >= 300 ? responseBody.toString('utf8') : undefined,
            });
            res.writeHead(status, answer.headers).end(responseBody);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(requestBody);
    });
  }

  private tunnel(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.keep(socket);
    const upstream = connect(this.target.port, this.target.host, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.keep(upstream);
    const close = (): void => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
    upstream.on('close', close);
    socket.on('close', close);
  }
}
