import { type EventEmitter, once } from 'node:events';
import { Kazagumo } from 'kazagumo';
import {
  Connector,
  Constants,
  LoadType,
  type NodeOption,
  type Player,
  Shoukaku,
  type ShoukakuOptions,
  type TrackEndEvent,
} from 'shoukaku';
import { WebSocket } from 'ws';
import { FakeLavalinkNode } from './fake-lavalink-node';
import { type PlayerPayload, type ServerMessage, type TrackPayload } from './payloads';
import {
  STREAM_LENGTH,
  TrackCatalogue,
  generatePlaylist,
  generateTracks,
  soundcloudTrack,
  youtubeTrack,
} from './track-catalogue';
import { decodeTrack, encodeTrack } from './track-codec';

const BOT_ID = '100000000000000001';
const GUILD_ID = '200000000000000002';
const CHANNEL_ID = '300000000000000003';

const DAFT_PUNK = youtubeTrack({ identifier: '5NV6Rdv1a3I', author: 'Daft Punk', title: 'Get Lucky', length: 248_000 });
const AROUND = youtubeTrack({
  identifier: 's9MszVE7aR4',
  author: 'Daft Punk',
  title: 'Around the World',
  length: 240_000,
});
const ROBYN = youtubeTrack({ identifier: 'CcNo07Xp8aQ', author: 'Robyn', title: 'Dancing On My Own', length: 288_000 });

/**
 * What discord.js does for shoukaku, minus Discord: answers a voice join (gateway op 4) with the
 * bot's VOICE_STATE_UPDATE, then VOICE_SERVER_UPDATE, in that order.
 */
class LoopbackConnector extends Connector {
  readonly packets: unknown[] = [];

  constructor(private readonly botId = BOT_ID) {
    super({});
  }

  getId(): string {
    return this.botId;
  }

  sendPacket(_shardId: number, payload: unknown): void {
    this.packets.push(payload);
    const { d } = payload as {
      d: { guild_id: string; channel_id: string | null; self_deaf: boolean; self_mute: boolean };
    };
    if (!d.channel_id) return;
    // Shoukaku starts listening for the voice events right after sending, so answer on a later tick.
    setImmediate(() => {
      this.raw({
        t: 'VOICE_STATE_UPDATE',
        d: { ...d, user_id: this.botId, session_id: 'discord-voice-session' },
      });
      this.raw({
        t: 'VOICE_SERVER_UPDATE',
        d: { guild_id: d.guild_id, token: 'voice-token', endpoint: 'rotterdam1.discord.media:443' },
      });
    });
  }

  listen(nodes: NodeOption[]): void {
    setImmediate(() => this.ready(nodes));
  }
}

const fastOptions: ShoukakuOptions = { reconnectTries: 2, reconnectInterval: 0.02, restTimeout: 5 };

/** Shoukaku reconnects from its close handler even after removeNode: detach its sockets instead. */
function disposeShoukaku(shoukaku: Shoukaku): void {
  for (const node of shoukaku.nodes.values()) {
    const ws = node.ws;
    ws?.removeAllListeners();
    ws?.on('error', () => undefined);
    ws?.terminate();
    node.ws = null;
    node.state = Constants.State.DISCONNECTED;
  }
  shoukaku.nodes.clear();
}

async function nextEvent<T extends unknown[]>(emitter: EventEmitter, event: string): Promise<T> {
  return (await once(emitter, event)) as T;
}

async function readyShoukaku(
  fake: FakeLavalinkNode,
  options: ShoukakuOptions = {},
): Promise<{ shoukaku: Shoukaku; connector: LoopbackConnector }> {
  const connector = new LoopbackConnector();
  const shoukaku = new Shoukaku(connector, [fake.nodeOption], { ...fastOptions, ...options });
  shoukaku.on('error', () => undefined);
  await nextEvent(shoukaku, 'ready');
  return { shoukaku, connector };
}

async function joinAndPlay(shoukaku: Shoukaku, track: TrackPayload): Promise<Player> {
  const player = await shoukaku.joinVoiceChannel({ guildId: GUILD_ID, channelId: CHANNEL_ID, shardId: 0 });
  const started = nextEvent(player, 'start');
  await player.playTrack({ track: { encoded: track.encoded, userData: { requester: 'u1' } } });
  await started;
  return player;
}

/** A bare Lavalink client, for checks the real clients cannot express. */
async function rawSession(
  fake: FakeLavalinkNode,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; sessionId: string; messages: ServerMessage[] }> {
  const ws = new WebSocket(`ws://${fake.url}/v4/websocket`, {
    headers: { Authorization: 'youshallnotpass', 'User-Id': BOT_ID, 'Client-Name': 'raw/1.0', ...headers },
  });
  const messages: ServerMessage[] = [];
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as ServerMessage));
  await fake.waitFor(() => messages.find((m) => m.op === 'ready'));
  const ready = messages.find((m) => m.op === 'ready');
  return { ws, sessionId: ready?.op === 'ready' ? ready.sessionId : '', messages };
}

async function rest(
  fake: FakeLavalinkNode,
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = 'youshallnotpass',
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (auth !== null) headers.Authorization = auth;
  const response = await fetch(`http://${fake.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe(FakeLavalinkNode.name, () => {
  let sut: FakeLavalinkNode;
  let shoukakus: Shoukaku[];

  beforeEach(async () => {
    sut = new FakeLavalinkNode({ catalogue: [DAFT_PUNK, AROUND, ROBYN] });
    shoukakus = [];
    await sut.start();
  });

  afterEach(async () => {
    shoukakus.forEach(disposeShoukaku);
    await sut.stop();
  });

  async function connect(options: ShoukakuOptions = {}): Promise<Shoukaku> {
    const { shoukaku } = await readyShoukaku(sut, options);
    shoukakus.push(shoukaku);
    return shoukaku;
  }

  describe('handshake', () => {
    it('lets shoukaku connect and sends ready then stats', async () => {
      const shoukaku = await connect();

      const node = shoukaku.nodes.get(sut.name);
      expect(node?.state).toBe(Constants.State.CONNECTED);
      expect(node?.sessionId).toMatch(/^[a-z0-9]{16}$/);
      await sut.waitFor(() => node?.stats);
      expect(node?.stats?.players).toBe(0);
      expect(sut.handshakes[0]).toMatchObject({ userId: BOT_ID, status: 101, resumed: false });
      expect(sut.handshakes[0].clientName).toMatch(/^shoukaku\//);
    });

    it('runs several nodes at once, sharing one catalogue', async () => {
      const second = new FakeLavalinkNode({ name: 'second', catalogue: sut.catalogue });
      await second.start();
      const connector = new LoopbackConnector();
      const shoukaku = new Shoukaku(connector, [sut.nodeOption, second.nodeOption], fastOptions);
      shoukakus.push(shoukaku);
      const ready = new Set<string>();
      shoukaku.on('ready', (name) => ready.add(name));

      await sut.waitFor(() => ready.size === 2);
      const result = await shoukaku.nodes.get('second')?.rest.resolve(DAFT_PUNK.identifier);

      expect(result?.loadType).toBe(LoadType.TRACK);
      expect(second.port).not.toBe(sut.port);
      disposeShoukaku(shoukaku);
      await second.stop();
    });

    it('refuses a wrong password and shoukaku reports the error', async () => {
      const connector = new LoopbackConnector();
      const shoukaku = new Shoukaku(connector, [{ ...sut.nodeOption, auth: 'wrong' }], {
        ...fastOptions,
        reconnectTries: 1,
      });
      shoukakus.push(shoukaku);
      const errors: unknown[] = [];
      shoukaku.on('error', (_name, error) => errors.push(error));

      await sut.waitFor(() => errors.some((e) => e instanceof Error && e.message.includes('401')));

      expect(sut.handshakes.every((h) => h.status === 401)).toBe(true);
      expect(sut.sessionList()).toEqual([]);
    });

    it('answers 400 to a missing or zero User-Id', async () => {
      for (const userId of [undefined, '', '0']) {
        const headers: Record<string, string> = { Authorization: 'youshallnotpass' };
        if (userId !== undefined) headers['User-Id'] = userId;
        const ws = new WebSocket(`ws://${sut.url}/v4/websocket`, { headers });
        const status = await new Promise<number>((resolve) => {
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('error', () => undefined);
        });
        ws.terminate();
        expect(status).toBe(400);
      }
    });

    it('guards REST with the password (401/403 without a body) and answers Lavalink error bodies', async () => {
      const missing = await rest(sut, 'GET', '/v4/info', undefined, null);
      const wrong = await rest(sut, 'GET', '/v4/info', undefined, 'nope');
      const unknownSession = await rest(sut, 'GET', '/v4/sessions/nosuchsession/players');

      expect(missing.status).toBe(401);
      expect(wrong.status).toBe(403);
      expect(wrong.json).toBeUndefined();
      expect(unknownSession).toMatchObject({ status: 404, json: { message: 'Session not found' } });

      sut.setPassword('rotated');
      expect((await rest(sut, 'GET', '/v4/version')).status).toBe(403);
      expect(await rest(sut, 'GET', '/v4/stats', undefined, 'rotated')).toMatchObject({
        status: 200,
        json: { players: 0, frameStats: null, cpu: { systemLoad: expect.any(Number) as number } },
      });
    });
  });

  describe('track loading', () => {
    it('answers node.rest.resolve with ranked search results', async () => {
      const shoukaku = await connect();

      const result = await shoukaku.nodes.get(sut.name)?.rest.resolve('ytsearch:daft punk lucky');

      expect(result?.loadType).toBe('search');
      const titles = result?.loadType === LoadType.SEARCH ? result.data.map((t) => t.info.title) : [];
      expect(titles).toEqual(['Get Lucky', 'Around the World']);
      expect(sut.loadTrackCalls).toEqual(['ytsearch:daft punk lucky']);
    });

    it('loads links, bare ids, playlists, empty and error outcomes', () => {
      const catalogue = new TrackCatalogue([DAFT_PUNK, ROBYN]).addPlaylist({
        id: 'PLfakeplaylist01',
        name: 'Dance',
        tracks: [DAFT_PUNK.identifier, ROBYN.identifier],
      });
      catalogue.failLoad('ytsearch:broken', 'Something went wrong');

      expect(catalogue.load(`https://www.youtube.com/watch?v=${ROBYN.identifier}`)).toMatchObject({
        loadType: 'track',
        data: {
          info: {
            title: 'Dancing On My Own',
            sourceName: 'youtube',
            uri: `https://www.youtube.com/watch?v=${ROBYN.identifier}`,
          },
        },
      });
      expect(catalogue.load(DAFT_PUNK.identifier).loadType).toBe('track');
      expect(catalogue.load(`https://youtu.be/${DAFT_PUNK.identifier}`).loadType).toBe('track');
      expect(catalogue.load(`https://www.youtube.com/watch?v=${ROBYN.identifier}&list=PLfakeplaylist01`)).toMatchObject(
        { loadType: 'playlist', data: { info: { name: 'Dance', selectedTrack: 1 } } },
      );
      expect(catalogue.load('https://www.youtube.com/watch?v=zzzzzzzzzzz')).toEqual({ loadType: 'empty', data: null });
      expect(catalogue.load('ytsearch:nothing like this')).toEqual({ loadType: 'empty', data: null });
      expect(catalogue.load('ytsearch:broken')).toMatchObject({
        loadType: 'error',
        data: { message: 'Something went wrong', severity: 'common' },
      });
    });

    it('finds SoundCloud uploads with scsearch only, and YouTube videos with the YouTube searches only', () => {
      const upload = soundcloudTrack({ author: 'Daft Punk', title: 'One More Time', length: 321_000 });
      const catalogue = new TrackCatalogue([DAFT_PUNK, upload]);

      expect(catalogue.load('scsearch:daft punk one more time')).toMatchObject({
        loadType: 'search',
        data: [
          {
            info: {
              identifier: upload.identifier,
              sourceName: 'soundcloud',
              uri: 'https://soundcloud.com/daft-punk/one-more-time',
            },
          },
        ],
      });
      const youtube = catalogue.load('ytsearch:daft punk one more time');
      expect(youtube.loadType === 'search' && youtube.data.map((track) => track.info.sourceName)).toEqual(['youtube']);
    });

    it('fails every load with a given exception and cause until the outcomes are cleared', () => {
      const catalogue = new TrackCatalogue([DAFT_PUNK]);
      const cause = 'java.lang.RuntimeException: Not success status code: 403';
      catalogue.failLoad(DAFT_PUNK.identifier, 'This video is unavailable', 'common', cause);
      catalogue.failEveryLoad('All clients failed to load the item.', 'suspicious');

      expect(catalogue.load(DAFT_PUNK.identifier)).toMatchObject({
        loadType: 'error',
        data: {
          message: 'This video is unavailable',
          cause,
          causeStackTrace: expect.stringContaining(cause) as string,
        },
      });
      expect(catalogue.load('ytmsearch:daft punk')).toMatchObject({
        loadType: 'error',
        data: {
          message: 'All clients failed to load the item.',
          severity: 'suspicious',
          cause: 'com.sedmelluq.discord.lavaplayer.tools.FriendlyException: All clients failed to load the item.',
        },
      });
      catalogue.clearOutcomes();
      expect(catalogue.load('ytmsearch:daft punk').loadType).toBe('search');
    });

    it('encodes tracks it can decode again, over /decodetrack too', async () => {
      const track = new TrackCatalogue().toPayload(youtubeTrack({ author: 'Sigur Rós', title: 'Hoppípolla 🎵' }));

      expect(track.encoded.startsWith('QAAA')).toBe(true);
      expect(decodeTrack(track.encoded)).toEqual(track.info);
      expect(encodeTrack(decodeTrack(track.encoded))).toBe(track.encoded);
      const stream = new TrackCatalogue().toPayload(
        youtubeTrack({ author: 'Lofi Girl', title: 'radio', isStream: true }),
      );
      expect(decodeTrack(stream.encoded)).toMatchObject({ isStream: true, length: STREAM_LENGTH, isSeekable: false });
      const decoded = await rest(sut, 'GET', `/v4/decodetrack?encodedTrack=${encodeURIComponent(track.encoded)}`);
      expect(decoded.json).toMatchObject({ encoded: track.encoded, info: { title: 'Hoppípolla 🎵' } });
    });

    it('generates large catalogues with unique ids and a playlist to load', () => {
      const catalogue = new TrackCatalogue(generateTracks({ count: 1_000 }));
      const playlist = generatePlaylist(catalogue, { count: 1_000 });

      expect(new Set(catalogue.tracks.map((t) => t.identifier)).size).toBe(2_000);
      const loaded = catalogue.load(`https://www.youtube.com/playlist?list=${playlist.id}`);
      expect(loaded.loadType === 'playlist' && loaded.data.tracks.length).toBe(1_000);
    });

    it('serves kazagumo searches, which list the players first', async () => {
      sut.catalogue.addPlaylist({
        id: 'PLfakeplaylist02',
        name: 'Robot Rock',
        tracks: [DAFT_PUNK.identifier, AROUND.identifier],
      });
      sut.failLoad('ytsearch:broken', 'boom');
      const kazagumo = new Kazagumo(
        { defaultSearchEngine: 'youtube', send: () => undefined },
        new LoopbackConnector(),
        [sut.nodeOption],
        fastOptions,
      );
      shoukakus.push(kazagumo.shoukaku);
      kazagumo.shoukaku.on('error', () => undefined);
      await nextEvent(kazagumo.shoukaku, 'ready');

      const search = await kazagumo.search('robyn dancing', { requester: { id: 'u1' } });
      const playlist = await kazagumo.search('https://www.youtube.com/playlist?list=PLfakeplaylist02');
      const broken = await kazagumo.search('broken');

      expect(search.type).toBe('SEARCH');
      expect(search.tracks[0]).toMatchObject({ title: 'Dancing On My Own', author: 'Robyn', sourceName: 'youtube' });
      expect(playlist).toMatchObject({ type: 'PLAYLIST', playlistName: 'Robot Rock' });
      expect(broken.tracks).toEqual([]);
      const paths = sut.requests.map((r) => r.path);
      expect(paths.filter((p) => p.endsWith('/players'))).toHaveLength(3);
      expect(paths.indexOf(paths.find((p) => p.endsWith('/players')) ?? '')).toBeLessThan(
        paths.indexOf('/v4/loadtracks'),
      );
    });
  });

  describe('playback', () => {
    it('plays through shoukaku and reports the end with reason finished', async () => {
      const shoukaku = await connect();
      const track = sut.catalogue.toPayload(DAFT_PUNK);

      const player = await joinAndPlay(shoukaku, track);
      const ended = nextEvent<[TrackEndEvent]>(player, 'end');
      sut.finishTrack(GUILD_ID);

      expect((await ended)[0]).toMatchObject({
        type: 'TrackEndEvent',
        reason: 'finished',
        track: { encoded: track.encoded },
      });
      expect(sut.patches(GUILD_ID)).toEqual([
        {
          voice: {
            token: 'voice-token',
            endpoint: 'rotterdam1.discord.media:443',
            sessionId: 'discord-voice-session',
            channelId: CHANNEL_ID,
          },
        },
        { track: { encoded: track.encoded, userData: { requester: 'u1' } } },
      ]);
      expect(sut.player(GUILD_ID)).toMatchObject({ track: null, connected: true });
    });

    it("holds back a guild's events until they are released, then delivers them in order", async () => {
      const shoukaku = await connect();
      const player = await joinAndPlay(shoukaku, sut.catalogue.toPayload(DAFT_PUNK));
      const ends: TrackEndEvent[] = [];
      player.on('end', (event) => ends.push(event));

      sut.holdEvents(GUILD_ID);
      sut.finishTrack(GUILD_ID);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(sut.player(GUILD_ID)?.track).toBeNull();
      expect(ends).toEqual([]);

      expect(sut.releaseEvents(GUILD_ID)).toBe(1);
      await sut.waitFor(() => ends.length === 1);
      expect(ends[0]).toMatchObject({ type: 'TrackEndEvent', reason: 'finished' });
    });

    it('leaves player PATCHes unanswered and unapplied while held, then applies them in arrival order', async () => {
      const shoukaku = await connect();
      const player = await joinAndPlay(shoukaku, sut.catalogue.toPayload(DAFT_PUNK));

      sut.holdPlayerPatches(GUILD_ID);
      let answered = 0;
      const pause = player.setPaused(true).then(() => answered++);
      await sut.waitFor(() => sut.waitingPatches(GUILD_ID).length === 1);
      const resume = player.setPaused(false).then(() => answered++);
      await sut.waitFor(() => sut.waitingPatches(GUILD_ID).length === 2);
      expect(answered).toBe(0);
      expect(sut.player(GUILD_ID)?.paused).toBe(false);
      expect(sut.waitingPatches(GUILD_ID)).toEqual([{ paused: true }, { paused: false }]);

      expect(sut.releasePlayerPatches(GUILD_ID)).toBe(2);
      await Promise.all([pause, resume]);
      expect(sut.patches(GUILD_ID).slice(-2)).toEqual([{ paused: true }, { paused: false }]);
      expect(sut.player(GUILD_ID)?.paused).toBe(false);
      expect(sut.waitingPatches(GUILD_ID)).toEqual([]);
    });

    it('replaces, seeks, changes volume and filters, and stops like Lavalink', async () => {
      const shoukaku = await connect();
      const player = await joinAndPlay(shoukaku, sut.catalogue.toPayload(DAFT_PUNK));
      const reasons: string[] = [];
      player.on('end', (event) => reasons.push(event.reason));

      const restarted = nextEvent(player, 'start');
      await player.playTrack({ track: { encoded: sut.catalogue.toPayload(ROBYN).encoded } });
      await restarted;
      await player.playTrack({ track: { encoded: sut.catalogue.toPayload(AROUND).encoded } }, true);
      const updated = nextEvent(player, 'update');
      await player.seekTo(60_000);
      await updated;
      expect(player.position).toBeGreaterThanOrEqual(60_000);
      expect(sut.player(GUILD_ID)?.track?.title).toBe('Dancing On My Own');
      expect(sut.isPassthrough(GUILD_ID)).toBe(true);

      await player.setGlobalVolume(150);
      expect(sut.isPassthrough(GUILD_ID)).toBe(false);
      await player.setGlobalVolume(100);
      await player.setTimescale({ speed: 1.2 });
      expect(sut.isPassthrough(GUILD_ID)).toBe(false);
      await player.clearFilters();
      expect(sut.isPassthrough(GUILD_ID)).toBe(true);

      await player.setPaused(true);
      const pausedAt = sut.player(GUILD_ID)?.position;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(sut.player(GUILD_ID)).toMatchObject({ paused: true, position: pausedAt });

      await player.stopTrack();
      await sut.waitFor(() => reasons.length === 2);
      expect(reasons).toEqual(['replaced', 'stopped']);
    });

    it('reports exceptions, stuck tracks and voice closes to shoukaku', async () => {
      const shoukaku = await connect();
      const player = await joinAndPlay(shoukaku, sut.catalogue.toPayload(ROBYN));
      const seen: string[] = [];
      for (const name of ['exception', 'stuck', 'closed', 'end'] as const) {
        player.on(name, (event: { type: string; reason?: string; code?: number }) =>
          seen.push(`${event.type}:${event.code ?? event.reason ?? ''}`),
        );
      }

      sut.stickTrack(GUILD_ID);
      sut.closeVoice(GUILD_ID, 4014);
      sut.failTrack(GUILD_ID, 'This video is unavailable');
      await sut.waitFor(() => seen.length === 4);

      expect(seen).toEqual([
        'TrackStuckEvent:',
        'WebSocketClosedEvent:4014',
        'TrackExceptionEvent:',
        'TrackEndEvent:loadFailed',
      ]);
    });

    it('follows Lavalink REST player semantics', async () => {
      const { ws, sessionId, messages } = await rawSession(sut);
      const base = `/v4/sessions/${sessionId}/players/${GUILD_ID}`;
      const encoded = sut.catalogue.toPayload(DAFT_PUNK).encoded;

      const blankVoice = await rest(sut, 'PATCH', base, { voice: { token: '', endpoint: 'x', sessionId: 'y' } });
      const loud = await rest(sut, 'PATCH', base, { volume: 1001 });
      const played = await rest(sut, 'PATCH', base, { track: { encoded }, position: 5_000, paused: true });
      const ignored = await rest(sut, 'PATCH', `${base}?noReplace=true`, {
        track: { encoded: sut.catalogue.toPayload(ROBYN).encoded },
      });
      const deleted = await rest(sut, 'DELETE', base);
      const deletedAgain = await rest(sut, 'DELETE', base);
      const gone = await rest(sut, 'GET', base);

      expect(blankVoice.status).toBe(400);
      expect(loud.json).toMatchObject({ volume: 1000 }); // clamped, as Lavalink does
      expect(played.json).toMatchObject({
        paused: true,
        track: { info: { position: 5_000 } },
        state: { connected: false },
      });
      expect((ignored.json as PlayerPayload).track?.info.identifier).toBe(DAFT_PUNK.identifier);
      expect([deleted.status, deletedAgain.status, gone.status]).toEqual([204, 204, 404]);
      await sut.waitFor(() => messages.some((m) => m.op === 'event' && m.type === 'TrackEndEvent'));
      expect(messages.filter((m) => m.op === 'event').map((m) => (m.op === 'event' ? m.type : ''))).toEqual([
        'TrackStartEvent',
        'TrackEndEvent',
      ]);
      ws.close();
    });

    it('ends a track by itself in virtual time, and at endTime', async () => {
      await sut.stop();
      sut = new FakeLavalinkNode({ catalogue: [DAFT_PUNK], timeScale: 10_000 });
      await sut.start();
      const { ws, sessionId, messages } = await rawSession(sut);
      const path = `/v4/sessions/${sessionId}/players/${GUILD_ID}`;
      const encoded = sut.catalogue.toPayload(DAFT_PUNK).encoded;
      const ends = (): ServerMessage[] => messages.filter((m) => m.op === 'event' && m.type === 'TrackEndEvent');

      await rest(sut, 'PATCH', path, { track: { encoded }, endTime: 100_000 });
      await sut.waitFor(() => ends().length === 1);
      await rest(sut, 'PATCH', path, { track: { encoded } });
      await sut.waitFor(() => ends().length === 2);

      expect(ends()).toMatchObject([
        { reason: 'finished', track: { info: { position: 100_000 } } },
        { reason: 'finished', track: { info: { position: DAFT_PUNK.length } } },
      ]);
      ws.close();
    });
  });

  describe('resuming and failures', () => {
    it('resumes a session: same id, queued events, players kept', async () => {
      const shoukaku = await connect({ resume: true, resumeTimeout: 10 });
      const player = await joinAndPlay(shoukaku, sut.catalogue.toPayload(DAFT_PUNK));
      const node = shoukaku.nodes.get(sut.name);
      const firstSession = node?.sessionId;
      await sut.waitFor(() => sut.sessionList()[0]?.resuming);
      const ends: TrackEndEvent[] = [];
      player.on('end', (event) => ends.push(event));

      const resumed = nextEvent<[string, boolean]>(shoukaku, 'ready');
      // The track ends while the client is away: Lavalink queues the event for the resumed socket.
      sut.once('sessionPaused', () => sut.finishTrack(GUILD_ID));
      node?.ws?.close(1000, 'bot restarting'); // shoukaku reconnects with Session-Id on its own

      expect((await resumed)[1]).toBe(true);
      expect(node?.sessionId).toBe(firstSession);
      expect(sut.handshakes.at(-1)).toMatchObject({ sessionIdHeader: firstSession, resumed: true });
      const replay = sut.sentMessages.map(({ message }) => (message.op === 'event' ? message.type : message.op));
      expect(replay.slice(replay.lastIndexOf('ready'))).toEqual(['ready', 'TrackEndEvent', 'playerUpdate']);
      await sut.waitFor(() => ends.length === 1);
      expect(ends[0].reason).toBe('finished');
      expect(sut.player(GUILD_ID)).toMatchObject({ guildId: GUILD_ID, connected: true });
      const players = await node?.rest.getPlayers();
      expect(players?.map((p) => p.guildId)).toEqual([GUILD_ID]);
    });

    it('destroys the players when the socket closes without resuming', async () => {
      const { ws, sessionId } = await rawSession(sut);
      await rest(sut, 'PATCH', `/v4/sessions/${sessionId}/players/${GUILD_ID}`, { volume: 80 });

      ws.close();

      await sut.waitFor(() => sut.sessionList().length === 0);
      expect(sut.player(GUILD_ID)).toBeUndefined();
    });

    it('comes back on the same port after kill() and shoukaku reconnects to a fresh session', async () => {
      const shoukaku = await connect({ resume: true, reconnectTries: 50, reconnectInterval: 0.02 });
      await joinAndPlay(shoukaku, sut.catalogue.toPayload(DAFT_PUNK));
      const node = shoukaku.nodes.get(sut.name);
      const port = sut.port;
      const firstSession = node?.sessionId;

      await sut.kill();
      expect(sut.listening).toBe(false);
      const back = nextEvent<[string, boolean]>(shoukaku, 'ready');
      await sut.restart();

      expect((await back)[1]).toBe(false);
      expect(sut.port).toBe(port);
      expect(node?.sessionId).not.toBe(firstSession);
      expect(sut.player(GUILD_ID)).toBeUndefined();
      expect(sut.catalogue.get(DAFT_PUNK.identifier)).toBeDefined();
    });
  });
});
