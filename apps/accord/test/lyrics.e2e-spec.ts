import { getConnectionToken } from '@nestjs/mongoose';
import { Locale, type APIEmbed } from 'discord.js';
import type { Connection } from 'mongoose';
import type { GuildLyricsDto } from '@accord/contracts';
import type { InteractionHandle } from '@accord/testkit/discord';
import {
  GuildFactory,
  MemberFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
  type FakeGuildDefinition,
} from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { LRCLIB_FIXTURES, recordedLrclib, type RecordedLrclib } from '@accord/testkit/lrclib';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { ADMIN_ENV, loginWithDiscord, loginWithPassword, type PanelClient } from './support/admin-session';
import { eventually, readyForCommands, startTestBot, type TestBot } from './support/test-bot';
import { seenAnswerOf, type SeenAnswer } from './support/interaction-answer';

const catalogue = [
  youtubeTrack({ author: 'The Quiet Harbours', title: 'Tidewater Lights', length: 215_000 }),
  youtubeTrack({ author: 'Velvet Static', title: 'Low Tide Engine', length: 254_000 }),
  youtubeTrack({ author: 'Nobody Recorded', title: 'Unsung Tune', length: 199_000 }),
  youtubeTrack({ author: 'Marrow Lane', title: 'Glass Orchard', length: 187_000 }),
];

const ana = UserFactory.create({ username: 'ana' });

interface LyricsRow {
  key: string;
  found: boolean;
  sourceId?: number;
  artist?: string;
  title?: string;
  syncedLyrics?: string | null;
  retryAt?: Date;
}

describe('/lyrics (end to end on the fakes, LRCLIB answers recorded)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let lrclib: RecordedLrclib;
  let main: FakeGuildDefinition;
  let voice: string;
  let owner: PanelClient;

  const slash = (name: string, options?: Record<string, string>): InteractionHandle =>
    bot.discord.slashCommand({
      guildId: main.id,
      channelId: GuildFactory.textChannel(main).id,
      userId: ana.id,
      name,
      options,
    });

  const answerOf = (handle: InteractionHandle, timeoutMs = 15_000): Promise<SeenAnswer> =>
    seenAnswerOf(bot.discord, handle, timeoutMs);

  const embedOf = (message: { embeds?: APIEmbed[] } | undefined): APIEmbed => message?.embeds?.[0] ?? {};
  const customIds = (message: { components?: unknown[] } | undefined): string[] =>
    ((message?.components ?? []) as Array<{ components: Array<{ custom_id?: string }> }>).flatMap((row) =>
      row.components.map((component) => component.custom_id ?? ''),
    );
  const lyricsRows = (): Promise<LyricsRow[]> =>
    bot.app.get<Connection>(getConnectionToken()).collection<LyricsRow>('lyrics').find({}).toArray();
  const playing = (): string | undefined => bot.app.get(PlaybackService).snapshot(main.id)?.current?.entry.track.title;

  /** Plays `query` now (skipping what played before) and waits until Lavalink plays it. */
  const playNow = async (query: string, title: string): Promise<void> => {
    const answer = await answerOf(slash('play', { query }));
    expect(answer.content).toMatch(/Now playing|Queued/);
    if (playing() !== title) await answerOf(slash('skip'));
    await node.waitFor(() => node.player(main.id)?.track?.title === title);
    await eventually(() => playing() === title);
  };

  beforeAll(async () => {
    lrclib = await recordedLrclib({ slowMs: 6_000 });
    const voiceChannel = VoiceChannelFactory.create();
    voice = voiceChannel.id;
    main = GuildFactory.create({
      channels: [TextChannelFactory.create(), voiceChannel],
      members: [MemberFactory.create({ user: ana })],
    });
    bot = await startTestBot({
      guilds: [main],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, LRCLIB_URL: lrclib.url },
    });
    node = bot.lavalink[0];
    await readyForCommands(bot, main.id, 'lyrics');
    owner = await loginWithPassword(bot);
  });
  afterAll(async () => {
    await bot?.close();
    await lrclib?.stop();
  });

  it('is listed by /help', async () => {
    const help = embedOf(await answerOf(slash('help')));
    expect(help.description).toContain('`/lyrics [query]`: Show the lyrics of the song playing, or of another');
  });

  it('refuses clearly when nothing plays and no song is named, asking LRCLIB nothing', async () => {
    const answer = await answerOf(slash('lyrics'));
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toMatch(/^Nothing is playing right now/);
    const api = await owner.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/lyrics` });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ code: 'NOTHING_PLAYING' });
    expect(lrclib.requests).toEqual([]);
  });

  it('shows the current song lyrics paged, credited to LRCLIB, asked by the catalog artist, title and duration', async () => {
    bot.discord.joinVoice(main.id, ana.id, voice);
    await playNow('The Quiet Harbours Tidewater Lights', 'Tidewater Lights');

    const handle = slash('lyrics');
    const answer = await answerOf(handle);
    expect(answer.ephemeral).toBe(false);
    const embed = embedOf(answer);
    expect(embed.title).toBe('The Quiet Harbours – Tidewater Lights');
    expect(embed.footer?.text).toBe('Lyrics from LRCLIB · Page 1/2');
    expect(embed.description?.split('\n')).toHaveLength(40);
    expect(embed.description).toMatch(/^Harbour lights are blinking slow\nEvery boat knows where to go/);
    expect(embed.description!.length).toBeLessThanOrEqual(4_096);
    const [lyricsId] = customIds(answer)[0].split(':').slice(1);
    expect(customIds(answer)).toEqual([`lyrics:${lyricsId}:-1`, `lyrics:${lyricsId}:1`]);

    const get = new URL(lrclib.requests[0], 'http://x');
    expect(get.pathname).toBe('/api/get');
    expect(Object.fromEntries(get.searchParams)).toEqual({
      artist_name: 'The Quiet Harbours',
      track_name: 'Tidewater Lights',
      duration: '215',
    });
    expect(lrclib.userAgents[0]).toMatch(/^Accord\//);

    const message = await eventually(() => bot.discord.originalMessage(handle.id));
    const turned = await bot.discord.waitForInteractionReply(
      bot.discord.button({
        guildId: main.id,
        channelId: GuildFactory.textChannel(main).id,
        userId: ana.id,
        customId: `lyrics:${lyricsId}:1`,
        messageId: message.id,
      }).id,
    );
    expect(turned.type).toBe(7);
    const second = embedOf((turned as { data?: { embeds?: APIEmbed[] } }).data);
    expect(second.footer?.text).toBe('Lyrics from LRCLIB · Page 2/2');
    expect(second.description).toMatch(/Tidewater lights will guide me home$/);
  });

  it('gives the panel the synced lines with their times, credited, only to those who manage the server', async () => {
    const response = await owner.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/lyrics` });
    expect(response.statusCode).toBe(200);
    const body = response.json<GuildLyricsDto>();
    expect(body).toMatchObject({
      entryId: bot.app.get(PlaybackService).snapshot(main.id)?.current?.entry.id,
      found: true,
      artist: 'The Quiet Harbours',
      title: 'Tidewater Lights',
      source: 'LRCLIB',
      instrumental: false,
    });
    expect(body.synced?.slice(0, 2)).toEqual([
      { timeMs: 12_000, text: 'Harbour lights are blinking slow' },
      { timeMs: 14_600, text: 'Every boat knows where to go' },
    ]);
    expect(body.synced).toHaveLength(50);
    expect(body.plain).toBe(LRCLIB_FIXTURES.tidewaterLights.plainLyrics);

    const docs = await bot.app.inject({ method: 'GET', url: '/api/docs-json' });
    type OpenApi = { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(docs.json<OpenApi>().paths['/api/v1/guilds/{guildId}/lyrics']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '403', '409']),
    );

    const anonymous = await bot.app.inject({ method: 'GET', url: `/api/v1/guilds/${main.id}/lyrics` });
    expect(anonymous.statusCode).toBe(401);
    const member = await loginWithDiscord(bot, ana.id);
    const refused = await member.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/lyrics` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'GUILD_NOT_MANAGED' });
  });

  it("answers in the user's Discord language", async () => {
    const answer = await answerOf(
      bot.discord.slashCommand({
        guildId: main.id,
        channelId: GuildFactory.textChannel(main).id,
        userId: ana.id,
        name: 'lyrics',
        locale: Locale.German,
      }),
    );
    expect(embedOf(answer).footer?.text).toBe('Songtext von LRCLIB · Seite 1/2');
    expect(
      ((answer.components ?? []) as Array<{ components: Array<{ label?: string }> }>)[0].components.map((b) => b.label),
    ).toEqual(['Zurück', 'Weiter']);
  });

  it('keeps the answer in MongoDB, so a second ask makes no LRCLIB request', async () => {
    const rows = await lyricsRows();
    expect(rows).toEqual([
      expect.objectContaining({
        found: true,
        sourceId: LRCLIB_FIXTURES.tidewaterLights.id,
        artist: 'The Quiet Harbours',
        title: 'Tidewater Lights',
        syncedLyrics: LRCLIB_FIXTURES.tidewaterLights.syncedLyrics,
      }),
    ]);
    expect(rows[0].key).toMatch(/^song:/);
    const asked = lrclib.requests.length;
    const again = await answerOf(slash('lyrics'));
    expect(embedOf(again).title).toBe('The Quiet Harbours – Tidewater Lights');
    expect(lrclib.requests).toHaveLength(asked);
  });

  it('notes an instrumental song', async () => {
    await playNow('Velvet Static Low Tide Engine', 'Low Tide Engine');
    const embed = embedOf(await answerOf(slash('lyrics')));
    expect(embed.title).toBe('Velvet Static – Low Tide Engine');
    expect(embed.description).toMatch(/Instrumental/);
    expect(embed.footer?.text).toBe('Instrumental · Lyrics from LRCLIB');
  });

  it('says plainly when LRCLIB has none, and remembers the "none" for a few days', async () => {
    await playNow('Nobody Recorded Unsung Tune', 'Unsung Tune');
    const asked = lrclib.requests.length;
    const answer = await answerOf(slash('lyrics'));
    expect(answer.ephemeral).toBe(true);
    expect(embedOf(answer)).toMatchObject({
      title: 'No lyrics found',
      description:
        'LRCLIB has no lyrics for **Nobody Recorded – Unsung Tune**.\nAnother song? Try `/lyrics query: artist - title`.',
    });
    // The exact lookup answered 404 TrackNotFound, then a search found nothing either.
    expect(lrclib.requests.slice(asked).map((path) => path.split('?')[0])).toEqual(['/api/get', '/api/search']);
    const none = (await lyricsRows()).find((row) => !row.found);
    expect(none?.retryAt?.getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 3600_000);

    const again = lrclib.requests.length;
    expect(embedOf(await answerOf(slash('lyrics'))).title).toBe('No lyrics found');
    expect(lrclib.requests).toHaveLength(again);
  });

  it('looks up "artist - title" from the query, whatever plays', async () => {
    const answer = await answerOf(slash('lyrics', { query: 'Marrow Lane - Glass Orchard' }));
    const embed = embedOf(answer);
    expect(embed.title).toBe('Marrow Lane – Glass Orchard');
    expect(embed.description).toBe(LRCLIB_FIXTURES.glassOrchard.plainLyrics);
    expect(embed.footer?.text).toBe('Lyrics from LRCLIB');
    expect(customIds(answer)).toEqual([]);
  });

  it('searches LRCLIB for a free query', async () => {
    const answer = await answerOf(slash('lyrics', { query: 'lighthouse keeper' }));
    expect(embedOf(answer).title).toBe('Northwind Choir – Keeper of the Beam');
    expect(lrclib.requests.at(-1)).toBe('/api/search?q=lighthouse+keeper');
  });

  describe('an LRCLIB answer that is malformed, huge or late', () => {
    afterEach(() => lrclib.setMode('ok'));

    it.each([
      ['malformed', 'Glass Orchard'],
      ['huge', 'Glass Orchard'],
      ['slow', 'Glass Orchard'],
      ['down', 'Glass Orchard'],
    ] as const)('is ignored when %s: none found, nothing cached, playback unaffected', async (mode, title) => {
      if (playing() !== title) await playNow('Marrow Lane Glass Orchard', title);
      const cached = (await lyricsRows()).length;
      const position = bot.app.get(PlaybackService).snapshot(main.id)?.current?.positionMs ?? 0;
      lrclib.setMode(mode);
      const started = Date.now();
      const answer = await answerOf(slash('lyrics'));
      expect(Date.now() - started).toBeLessThan(9_000);
      expect(answer.ephemeral).toBe(true);
      expect(embedOf(answer).title).toBe('No lyrics found');
      expect(await lyricsRows()).toHaveLength(cached);
      expect(node.player(main.id)).toMatchObject({ track: { title }, paused: false });
      await eventually(() => (bot.app.get(PlaybackService).snapshot(main.id)?.current?.positionMs ?? 0) > position);
    });
  });
});
