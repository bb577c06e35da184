import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxyOptions {
  /** Where the proxy forwards to. */
  targetHost: string;
  targetPort: number;
  /** 0 (default) picks a free loopback port. */
  port?: number;
}

/**
 * A TCP proxy on loopback that a test puts between the app and a server it must not stop (the
 * shared test database): `cut()` resets every open connection and every new one until `restore()`,
 * which is what the app sees when the server host goes away and comes back.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly links = new Set<{ client: Socket; upstream: Socket }>();
  private isCut = false;
  private accepted = 0;
  private refused = 0;

  constructor(private readonly options: TcpProxyOptions) {
    this.server = createServer((client) => this.onConnection(client));
  }

  /** A proxy for the `host:port` of a URI such as `mongodb://127.0.0.1:27017/db`. */
  static forUri(uri: string, port?: number): TcpProxy {
    const { hostname, port: targetPort } = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:'));
    if (!targetPort) throw new Error(`TcpProxy: ${uri} names no port`);
    return new TcpProxy({ targetHost: hostname.replace(/^\[|\]$/g, ''), targetPort: Number(targetPort), port });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get port(): number {
    const address = this.server.address() as AddressInfo | null;
    if (!address) throw new Error('TcpProxy: not started');
    return address.port;
  }

  /** `uri` with its host and port replaced by the proxy's. */
  proxiedUri(uri: string): string {
    return uri.replace(/^(mongodb:\/\/(?:[^@/]*@)?)([^/?]+)/, `$1127.0.0.1:${this.port}`);
  }

  /** Resets every open connection and refuses (resets) new ones until `restore()`. */
  cut(): void {
    this.isCut = true;
    this.resetAll();
  }

  restore(): void {
    this.isCut = false;
  }

  get cutNow(): boolean {
    return this.isCut;
  }

  /** Connections forwarded so far. */
  get acceptedCount(): number {
    return this.accepted;
  }

  /** Connections reset on arrival while cut. */
  get refusedCount(): number {
    return this.refused;
  }

  get openCount(): number {
    return this.links.size;
  }

  private onConnection(client: Socket): void {
    if (this.isCut) {
      this.refused += 1;
      client.on('error', () => undefined).resetAndDestroy();
      return;
    }
    this.accepted += 1;
    const upstream = createConnection({ host: this.options.targetHost, port: this.options.targetPort });
    const link = { client, upstream };
    this.links.add(link);
    const close = (): void => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private resetAll(): void {
    for (const link of [...this.links]) {
      this.links.delete(link);
      link.client.on('error', () => undefined).resetAndDestroy();
      link.upstream.destroy();
    }
  }
}
