import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { oggOpusPackets } from './ogg-opus';
import { freeLoopbackPort } from './real-lavalink-node';

const run = promisify(execFile);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `ogg` and `webm` hold Opus (Lavalink's passthrough path); `mp3` is decoded and re-encoded. */
export type MediaFormat = 'ogg' | 'webm' | 'mp3';

export interface MediaSpec {
  artist: string;
  title: string;
  durationSeconds: number;
  format: MediaFormat;
  /** Sine frequency in Hz, so songs differ audibly and in their packets (default from the index). */
  frequency?: number;
  /** A YouTube-like 11-character id for this song (default: generated). */
  id?: string;
}

/** How the server answers for a song: 404, bytes that are not audio, or a stream that stops after 16 KiB and hangs. */
export type Sabotage = 'missing' | 'garbage' | 'stall';

export interface MediaFile extends Required<MediaSpec> {
  /** File name on the media server, e.g. `song-0.ogg`. */
  name: string;
  path: string;
  /** `http://127.0.0.1:<port>/media/<name>` once the server is started. */
  url: string;
  durationMs: number;
}

const CONTENT_TYPES: Record<MediaFormat, string> = { ogg: 'audio/ogg', webm: 'audio/webm', mp3: 'audio/mpeg' };

let ffmpegChecked: Promise<string | null> | undefined;

/** Null when `ffmpeg` runs here, else why not. */
export async function ffmpegMissing(): Promise<string | null> {
  ffmpegChecked ??= run('ffmpeg', ['-hide_banner', '-version']).then(
    () => null,
    () => 'ffmpeg is not installed (Debian: apt-get install ffmpeg)',
  );
  return ffmpegChecked;
}

function encoderArgs(format: MediaFormat): string[] {
  switch (format) {
    case 'ogg':
      return ['-c:a', 'libopus', '-b:a', '96k', '-frame_duration', '20', '-f', 'ogg'];
    case 'webm':
      return ['-c:a', 'libopus', '-b:a', '96k', '-frame_duration', '20', '-f', 'webm'];
    case 'mp3':
      return ['-c:a', 'libmp3lame', '-b:a', '128k', '-id3v2_version', '3', '-f', 'mp3'];
  }
}

function randomVideoId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return [...randomBytes(11)].map((byte) => alphabet[byte % 64]).join('');
}

/**
 * Real audio for the real-node tier: files generated with ffmpeg at test time (a tone with a slow
 * tremolo, so frames are never digital silence), tagged with artist and title, served over HTTP on
 * loopback with Range support, plus the failures a media server can produce.
 */
export class MediaLibrary {
  readonly files: MediaFile[] = [];
  /** Every request the server saw, in order: path, query string and arrival (`performance` ms, as voice frames). */
  readonly requests: { path: string; query: string; time: number }[] = [];
  /**
   * How long the catalogue waits before it answers a search of the bench search plugin (`ytsearch:`,
   * `ytmsearch:`, `scsearch:`), as a slow YouTube would; 0 by default. Changeable at any time.
   */
  searchDelayMs = 0;

  private dir: string | undefined;
  private readonly sabotaged = new Map<string, Sabotage>();
  private readonly playlists = new Map<string, { name: string; files: MediaFile[] }>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private deadPort: number | undefined;

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('MediaLibrary has not been started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Answers 404. */
  get missingUrl(): string {
    return `${this.baseUrl}/media/missing.mp3`;
  }

  /** 200 with bytes that are not audio (an undecodable file). */
  get garbageUrl(): string {
    return `${this.baseUrl}/media/garbage.mp3`;
  }

  /** Answers 403: a server that will not send the file. */
  get forbiddenUrl(): string {
    return `${this.baseUrl}/media/forbidden.mp3`;
  }

  /** A dead link: a loopback port nothing listens on (the connection is refused). */
  get deadUrl(): string {
    if (this.deadPort === undefined) throw new Error('MediaLibrary has not been started');
    return `http://127.0.0.1:${this.deadPort}/media/gone.mp3`;
  }

  /** Generates the files (in parallel, two at a time) and starts the HTTP server. */
  async start(specs: MediaSpec[]): Promise<void> {
    const missing = await ffmpegMissing();
    if (missing) throw new Error(`MediaLibrary: ${missing}`);
    this.dir = await mkdtemp(join(tmpdir(), 'accord-media-'));
    // Random bytes without 0xFF: served as audio/mpeg, lavaplayer scans the first 1,000 bytes for an
    // MP3 frame sync (0xFF 0xEx), which random bytes hold now and then, and then accepts a "live" MP3.
    await writeFile(
      join(this.dir, 'garbage.mp3'),
      randomBytes(64 * 1024).map((byte) => (byte === 0xff ? 0 : byte)),
    );
    this.deadPort = await freeLoopbackPort();
    const server = createServer((req, res) => void this.onRequest(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    this.server = server;
    const pending = specs.map((spec, index) => ({ spec, index }));
    const worker = async (): Promise<void> => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        this.files[next.index] = await this.generate(next.spec, next.index);
      }
    };
    await Promise.all([worker(), worker()]);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      for (const socket of this.sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    }
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** A playlist the search plugin answers for `https://www.youtube.com/playlist?list=<id>`. */
  addPlaylist(id: string, name: string, files: MediaFile[]): void {
    this.playlists.set(id, { name, files });
  }

  /** From now on the server answers `name` (or its song) this way; `null` restores it. */
  sabotage(file: MediaFile | string, how: Sabotage | null): void {
    const name = typeof file === 'string' ? file : file.name;
    if (how) this.sabotaged.set(name, how);
    else this.sabotaged.delete(name);
  }

  file(titleOrId: string): MediaFile {
    const found = this.files.find((file) => file.title === titleOrId || file.id === titleOrId);
    if (!found) throw new Error(`MediaLibrary has no song "${titleOrId}"`);
    return found;
  }

  /** The Opus packets of an `ogg` song, as Lavalink's passthrough sends them. */
  async opusPackets(file: MediaFile): Promise<Buffer[]> {
    if (file.format !== 'ogg') throw new Error(`opusPackets reads Ogg files only, not ${file.format}`);
    return oggOpusPackets(await readFile(file.path));
  }

  /**
   * Songs matching a free-text query, best first: every word of the query must appear in
   * "artist title" (case-insensitive). What the test-only search plugin asks for.
   */
  search(query: string): MediaFile[] {
    const words = query
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    return this.files.filter((file) => {
      const haystack = `${file.artist} ${file.title}`.toLowerCase();
      return words.length > 0 && words.every((word) => haystack.includes(word));
    });
  }

  private async generate(spec: MediaSpec, index: number): Promise<MediaFile> {
    const dir = this.dir as string;
    const name = `song-${index}.${spec.format}`;
    const path = join(dir, name);
    const frequency = spec.frequency ?? 220 + 55 * index;
    await run(
      'ffmpeg',
      [
        '-hide_banner', '-loglevel', 'error', '-y',
        '-f', 'lavfi', '-i', `aevalsrc=exprs='0.4*sin(2*PI*(${frequency}+2*t)*t)':s=48000:d=${spec.durationSeconds}`,
        '-ac', '2', '-ar', '48000',
        '-metadata', `artist=${spec.artist}`, '-metadata', `title=${spec.title}`,
        ...encoderArgs(spec.format), path,
      ], // prettier-ignore
      { timeout: 120_000 },
    );
    return {
      ...spec,
      frequency,
      id: spec.id ?? randomVideoId(),
      name,
      path,
      url: `${this.baseUrl}/media/${name}`,
      durationMs: spec.durationSeconds * 1000,
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push({ path: url.pathname, query: url.search, time: performance.timeOrigin + performance.now() });
    // The test-only Lavalink plugin asks these, one URL a line (a playlist's name first).
    const plugin = /^\/plugin\/(search|video|playlist)$/.exec(url.pathname)?.[1];
    if (plugin) {
      if (plugin === 'search' && this.searchDelayMs > 0) await sleep(this.searchDelayMs);
      let lines: string[] = [];
      if (plugin === 'search') lines = this.search(url.searchParams.get('q') ?? '').map((file) => file.url);
      if (plugin === 'video') lines = this.files.filter((f) => f.id === url.searchParams.get('id')).map((f) => f.url);
      const playlist = plugin === 'playlist' ? this.playlists.get(url.searchParams.get('list') ?? '') : undefined;
      if (playlist) lines = [playlist.name, ...playlist.files.map((file) => file.url)];
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(lines.join('\n'));
      return;
    }
    if (url.pathname === '/search') {
      const results = this.search(url.searchParams.get('q') ?? '').map((file) => ({
        id: file.id,
        url: file.url,
        artist: file.artist,
        title: file.title,
      }));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(results));
      return;
    }
    if (url.pathname.startsWith('/id/')) {
      const file = this.files.find((entry) => entry.id === url.pathname.slice(4));
      if (!file) res.writeHead(404).end();
      else res.writeHead(302, { Location: file.url }).end();
      return;
    }
    const name = /^\/media\/([\w.-]+)$/.exec(url.pathname)?.[1];
    if (name === 'forbidden.mp3') {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    const sabotage = name ? this.sabotaged.get(name) : undefined;
    if (sabotage === 'stall') {
      // Headers and a little audio, then nothing: the decoder starves and the track gets stuck.
      const stalled = this.files.find((entry) => entry.name === name);
      res.writeHead(200, { 'Content-Type': stalled ? CONTENT_TYPES[stalled.format] : 'audio/mpeg' });
      if (stalled) createReadStream(stalled.path, { start: 0, end: 16 * 1024 - 1 }).pipe(res, { end: false });
      return;
    }
    const file = sabotage === 'missing' ? undefined : this.files.find((entry) => entry.name === name);
    const garbage = sabotage === 'garbage' || name === 'garbage.mp3';
    const path = garbage && this.dir ? join(this.dir, 'garbage.mp3') : file?.path;
    if (!path) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    const size = (await stat(path)).size;
    const type = file && !garbage ? CONTENT_TYPES[file.format] : 'audio/mpeg';
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : size - Number(range[2]);
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, {
        'Content-Type': type,
        'Content-Length': end - start + 1,
        'Content-Range': `bytes ${start}-${end}/${size}`,
        'Accept-Ranges': 'bytes',
      });
      createReadStream(path, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  }
}
