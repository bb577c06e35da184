import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  neighbourVideoId,
  skipSegmentsVideoJson,
  videoHash,
  type SkipSegmentsVideoJson,
  type SponsorBlockVideoSpec,
} from './sponsorblock-shapes';

/** How the stand-in misbehaves: `down` answers 503, `malformed` a 200 that is no skipSegments answer, `huge` a 2 MB one. */
export type SponsorBlockMode = 'normal' | 'down' | 'malformed' | 'huge';

export interface SponsorBlockRequest {
  path: string;
  /** The 4-character hash prefix asked about. */
  prefix: string;
  categories: string[];
  actionTypes: string[];
  time: number;
}

/**
 * A local SponsorBlock on loopback (point `SPONSORBLOCK_URL` at `url`): `GET /api/skipSegments/<prefix>`
 * answered from `videos` in the real API's shape (every video of the bucket, a neighbour included;
 * 404 when none has a segment of the categories asked), with failure modes and latency for drills.
 */
export class SponsorBlockStandIn {
  readonly requests: SponsorBlockRequest[] = [];
  private readonly videos = new Map<string, SponsorBlockVideoSpec>();
  private server: Server | undefined;
  private mode: SponsorBlockMode = 'normal';
  private latencyMs = 0;
  private port = 0;

  constructor(videos: SponsorBlockVideoSpec[] = []) {
    for (const video of videos) this.add(video);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Adds a video, and a neighbour in its hash bucket with segments of its own. */
  add(video: SponsorBlockVideoSpec): this {
    this.videos.set(video.videoId, video);
    const neighbour = neighbourVideoId(video.videoId);
    if (!this.videos.has(neighbour)) {
      this.videos.set(neighbour, {
        videoId: neighbour,
        videoDuration: 300,
        segments: [
          { category: 'music_offtopic', start: 0, end: 30 },
          { category: 'sponsor', start: 60, end: 90 },
        ],
      });
    }
    return this;
  }

  setMode(mode: SponsorBlockMode): void {
    this.mode = mode;
  }

  /** Every answer waits this long (a slow SponsorBlock). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The answer to `GET /api/skipSegments/<prefix>` for these categories (null: 404). */
  answer(prefix: string, categories: string[], actionTypes: string[] = ['skip']): SkipSegmentsVideoJson[] | null {
    const bucket = [...this.videos.values()]
      .filter((video) => videoHash(video.videoId).startsWith(prefix))
      .map((video) => skipSegmentsVideoJson(video, categories, actionTypes))
      .filter((video) => video.segments.length > 0);
    return bucket.length > 0 ? bucket : null;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://sponsorblock.local');
    const match = /^\/api\/skipSegments\/([0-9a-f]{4,32})$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) return void res.writeHead(404).end('Not Found');
    const categories = parseList(url.searchParams.get('categories')) ?? ['sponsor'];
    const actionTypes = parseList(url.searchParams.get('actionTypes')) ?? ['skip'];
    this.requests.push({ path: url.pathname, prefix: match[1], categories, actionTypes, time: Date.now() });
    const reply = (): void => {
      if (res.destroyed) return;
      switch (this.mode) {
        case 'down':
          return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
        case 'malformed':
          return void res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ videoID: 'nope', segments: 'later' }));
        case 'huge': {
          // Streamed without a length, as a proxy would: the client has to stop reading itself.
          res.writeHead(200, { 'content-type': 'application/json' });
          const filler = JSON.stringify({ videoID: 'filler00000', hash: '0'.repeat(64), segments: [] });
          res.write('[');
          for (let i = 0; i < 30_000; i++) res.write(`${i > 0 ? ',' : ''}${filler}`);
          return void res.end(']');
        }
        case 'normal': {
          const answer = this.answer(match[1], categories, actionTypes);
          if (!answer) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        }
      }
    };
    if (this.latencyMs > 0) setTimeout(reply, this.latencyMs).unref();
    else reply();
  }
}

function parseList(value: string | null): string[] | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : null;
  } catch {
    return null;
  }
}
