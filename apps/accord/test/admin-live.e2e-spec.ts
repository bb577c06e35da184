import type { CatalogTrackDto, LiveServerMessage, TrackCandidatesDto } from '@accord/contracts';
import { GuildFactory, MemberFactory, RoleFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { PermissionFlagsBits } from 'discord.js';
import WebSocket from 'ws';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { TrackResolverService } from '../src/domain/catalog/track-resolver.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import type { PlayableTrack } from '../src/domain/playback/playback.types';
import { ADMIN_ENV, loginWithDiscord, type PanelClient } from './support/admin-session';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Daft Punk', title: 'Daft Punk - One More Time (Official Video)', length: 320_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });
const oscar = UserFactory.create({ username: 'oscar' });
const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
const main = GuildFactory.create({
  roles: [managers],
  members: [
    MemberFactory.create({ user: ana, roles: [managers.id] }),
    MemberFactory.create({ user: ben }),
    MemberFactory.create({ user: oscar }),
  ],
});
const other = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });

type LiveData<E extends LiveServerMessage['event']> = Extract<LiveServerMessage, { event: E }>['data'];

/** A live socket that keeps every frame, and waits for the next one that matches. */
class LiveProbe {
  readonly frames: LiveServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private seen = 0;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString()) as LiveServerMessage));
    socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  send(event: string, data: unknown): void {
    this.socket.send(JSON.stringify({ event, data }));
  }

  /** The next frame (after those already taken) that matches. */
  async next<E extends LiveServerMessage['event']>(
    event: E,
    matches: (data: LiveData<E>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<LiveData<E>> {
    const test = matches as (data: unknown) => boolean;
    const frame = await eventually<LiveServerMessage>(() => {
      for (let index = this.seen; index < this.frames.length; index += 1) {
        const candidate = this.frames[index];
        if (candidate.event === event && test(candidate.data)) {
          this.seen = index + 1;
          return candidate;
        }
      }
      return undefined;
    }, timeoutMs);
    return frame.data as LiveData<E>;
  }
}

describe('Admin live WebSocket (end to end on the fakes)', () => {
  let bot: TestBot;
  let url: string;
  let voiceChannelId: string;
  let textChannelId: string;
  let anaClient: PanelClient;
  const sockets: WebSocket[] = [];

  const tracks = async (...queries: string[]): Promise<PlayableTrack[]> => {
    const found: PlayableTrack[] = [];
    for (const query of queries) {
      const result = await bot.app.get(LavalinkService).load(query, 'ytsearch');
      if (result.type !== 'search') throw new Error(`no result for ${query}`);
      found.push(result.tracks[0]);
    }
    return found;
  };
  const connect = async (client: PanelClient, headers: Record<string, string> = {}): Promise<LiveProbe> => {
    const socket = new WebSocket(url, { headers: { cookie: client.cookie, ...headers } });
    sockets.push(socket);
    const probe = new LiveProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return probe;
  };
  const refusedUpgrade = (headers: Record<string, string>): Promise<number> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.on('error', () => undefined);
      socket.once('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      socket.once('open', () => reject(new Error('the upgrade was accepted')));
    });

  beforeAll(async () => {
    voiceChannelId = GuildFactory.voiceChannel(main).id;
    textChannelId = GuildFactory.textChannel(main).id;
    bot = await startTestBot({
      guilds: [main, other],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, OWNER_IDS: oscar.id, LOG_LEVEL: 'warn' },
    });
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    url = `${(await bot.app.getUrl()).replace('http', 'ws')}/api/v1/ws`;
    bot.discord.joinVoice(main.id, ana.id, voiceChannelId);
    anaClient = await loginWithDiscord(bot, ana.id);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await bot?.close();
  });

  it('refuses the upgrade without a session (401) and from a page of another site (403)', async () => {
    expect(await refusedUpgrade({})).toBe(401);
    expect(await refusedUpgrade({ cookie: 'accord_session=forged.value' })).toBe(401);
    expect(await refusedUpgrade({ cookie: anaClient.cookie, origin: 'https://evil.example' })).toBe(403);
  });

  it('streams now-playing ticks and queue changes of a guild the user manages', async () => {
    const live = await connect(anaClient);
    live.send('subscribe', { channel: `guild:${main.id}` });
    expect(await live.next('subscribed')).toEqual({ channel: `guild:${main.id}` });
    expect(await live.next('player')).toMatchObject({ guildId: main.id, active: false });

    const requester = { guildId: main.id, userId: ana.id, voiceChannelId, textChannelId };
    await bot.app.get(PlaybackService).enqueue(requester, await tracks('One More Time'));
    const first = await live.next('nowPlaying', (data) => data.nowPlaying?.entry.track.title === 'One More Time');
    const tick = await live.next('nowPlaying', (data) => (data.nowPlaying?.positionMs ?? 0) > 0, 3_000);
    const later = await live.next('nowPlaying', () => true, 3_000);

    expect(first.guildId).toBe(main.id);
    expect(later.nowPlaying!.positionMs).toBeGreaterThan(tick.nowPlaying!.positionMs);

    await bot.app.get(PlaybackService).enqueue(requester, await tracks('D.A.N.C.E.', 'Nightcall'));
    const queue = await live.next('queue', (data) => data.total === 2);
    expect(queue.head.map((entry) => [entry.position, entry.track.title])).toEqual([
      [1, 'D.A.N.C.E.'],
      [2, 'Nightcall'],
    ]);

    await anaClient.request({ method: 'DELETE', url: `/api/v1/guilds/${main.id}/queue/1` });
    expect((await live.next('queue', (data) => data.total === 1)).head[0].track.title).toBe('Nightcall');

    bot.discord.joinVoice(main.id, ben.id, voiceChannelId);
    const listeners = await live.next('listeners', (data) => data.listeners.length === 2);
    expect(listeners.listeners.map((listener) => listener.id).sort()).toEqual([ana.id, ben.id].sort());
  });

  it("refuses another guild's channel and the owner channel to a non-owner, and a malformed channel", async () => {
    const live = await connect(anaClient);

    live.send('subscribe', { channel: `guild:${other.id}` });
    live.send('subscribe', { channel: 'owner' });
    live.send('subscribe', { channel: 'everything' });

    const errors = await eventually(() => {
      const found = live.frames.filter((frame) => frame.event === 'error');
      return found.length === 3 && found.map((frame) => frame.data);
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'GUILD_NOT_MANAGED', channel: `guild:${other.id}` }),
        expect.objectContaining({ code: 'OWNER_ONLY', channel: 'owner' }),
        expect.objectContaining({ code: 'INVALID_CHANNEL' }),
      ]),
    );
    expect(live.frames.some((frame) => frame.event === 'subscribed')).toBe(false);
  });

  it('gives owners node stats and live log lines', async () => {
    const owner = await connect(await loginWithDiscord(bot, oscar.id));
    owner.send('subscribe', { channel: 'owner' });
    const nodes = await owner.next('nodes');

    await bot.app.inject({ method: 'GET', url: '/api/v1/auth/discord/callback?code=x&state=y' });
    const log = await owner.next('log', (entry) => entry.message.includes('OAUTH_STATE_MISMATCH'));

    expect(nodes).toEqual([
      expect.objectContaining({ name: 'node-1', state: 'connected', guilds: expect.any(Array) as unknown }),
    ]);
    expect(log).toMatchObject({ level: 'warn', context: 'AuthService' });
  });

  it('tells owners when a song is re-pinned to another video on the panel', async () => {
    const ownerClient = await loginWithDiscord(bot, oscar.id);
    const owner = await connect(ownerClient);
    owner.send('subscribe', { channel: 'owner' });
    await owner.next('subscribed');
    const resolved = await bot.app.get(TrackResolverService).resolve('Daft Punk - One More Time', ana.id);
    if (!resolved.ok || resolved.value.kind !== 'track') throw new Error(JSON.stringify(resolved));
    const [song] = (
      await ownerClient.request({ method: 'GET', url: '/api/v1/tracks?q=Daft%20Punk%20One%20More%20Time' })
    ).json<CatalogTrackDto[]>();
    const { candidates } = (
      await ownerClient.request({ method: 'GET', url: `/api/v1/tracks/${song.id}/candidates` })
    ).json<TrackCandidatesDto>();
    const other = candidates.find((candidate) => !candidate.current);
    if (!other) throw new Error(`one candidate only: ${JSON.stringify(candidates)}`);

    const pinned = await ownerClient.request({
      method: 'POST',
      url: `/api/v1/tracks/${song.id}/pin`,
      payload: { youtubeId: other.youtubeId },
    });

    expect(pinned.statusCode).toBe(200);
    expect(await owner.next('trackRepinned', (data) => data.trackId === song.id)).toEqual({
      trackId: song.id,
      key: song.key,
      previousYoutubeId: song.youtubeId,
      youtubeId: other.youtubeId,
      by: 'user',
      at: expect.any(String) as unknown,
    });
  });

  it('answers ping, and closes the socket when its session logs out', async () => {
    const client = await loginWithDiscord(bot, ana.id);
    const live = await connect(client);
    live.send('ping', {});
    await live.next('pong');

    await client.request({ method: 'POST', url: '/api/v1/auth/logout' });

    const closed = await eventually(() => live.closed ?? undefined);
    expect(closed.code).toBe(4001);
  });
});
