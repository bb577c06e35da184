import { getConnectionToken } from '@nestjs/mongoose';
import type { APIEmbed } from 'discord.js';
import type { Connection } from 'mongoose';
import type { GuildSettingsDto, PlayerStateDto } from '@accord/contracts';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type CatalogueTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { SponsorBlockStandIn, type SponsorBlockMode } from '@accord/testkit/sponsorblock';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { ADMIN_ENV, loginWithPassword, type PanelClient } from './support/admin-session';
import { eventually, nowPlayingMessageOf, readyForCommands, startTestBot, type TestBot } from './support/test-bot';
import { seekLags } from './support/segment-seeks';

/** The issue's bound: the seek reaches Lavalink within this long of the segment's start (track time). */
const MAX_LAG_MS = 250;

const oneMoreTime = youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 60_000 });
const genesis = youtubeTrack({ author: 'Justice', title: 'Genesis', length: 60_000 });
const withOutro = youtubeTrack({ author: 'Kavinsky', title: 'Odd Look', length: 60_000 });
const afterOutro = youtubeTrack({ author: 'Kavinsky', title: 'Protovision', length: 60_000 });
const misbehaving: Array<[SponsorBlockMode | 'slow', CatalogueTrack]> = [
  ['down', youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 60_000 })],
  ['slow', youtubeTrack({ author: 'Air', title: 'La Femme d Argent', length: 60_000 })],
  ['malformed', youtubeTrack({ author: 'Justice', title: 'DANCE', length: 60_000 })],
  ['huge', youtubeTrack({ author: 'Daft Punk', title: 'Aerodynamic', length: 60_000 })],
];
const catalogue = [oneMoreTime, genesis, withOutro, afterOutro, ...misbehaving.map(([, track]) => track)];
const ana = UserFactory.create({ username: 'ana' });
const standIn = new SponsorBlockStandIn([
  {
    videoId: oneMoreTime.identifier,
    videoDuration: 60,
    segments: [
      { category: 'music_offtopic', start: 0, end: 3 },
      { category: 'music_offtopic', start: 6, end: 9.5 },
      // Fetched and cached with the rest, but this guild does not skip sponsors.
      { category: 'sponsor', start: 20, end: 25 },
    ],
  },
  // Talking from 0:50 to the end.
  { videoId: withOutro.identifier, videoDuration: 60, segments: [{ category: 'music_offtopic', start: 50, end: 60 }] },
  ...[genesis, ...misbehaving.map(([, track]) => track)].map((track) => ({
    videoId: track.identifier,
    videoDuration: 60,
    segments: [{ category: 'music_offtopic', start: 0, end: 4 }],
  })),
]);

describe('Non-music segments (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let textChannelId: string;
  let owner: PanelClient;

  const guildId = (): string => bot.guild.id;
  const nowPlaying = (): APIEmbed => nowPlayingMessageOf(bot, guildId())?.embeds?.[0] ?? {};
  const request = async (track: CatalogueTrack): Promise<void> => {
    const command = bot.discord.slashCommand({
      guildId: guildId(),
      channelId: textChannelId,
      userId: ana.id,
      name: 'play',
      options: { query: `${track.author} - ${track.title}` },
    });
    await bot.discord.waitForInteractionReply(command.id);
  };
  /** Sends /play and returns when the fake Lavalink started the song (and when the command was sent). */
  const play = async (track: CatalogueTrack): Promise<{ sentAt: number; startedAt: number }> => {
    const patchesBefore = node.playerPatches.length;
    const sentAt = Date.now();
    await request(track);
    await node.waitFor(() => node.player(guildId())?.track?.identifier === track.identifier);
    const start = node.playerPatches.slice(patchesBefore).find((patch) => patch.body.track?.encoded);
    return { sentAt, startedAt: start!.time };
  };
  const stop = async (): Promise<void> => {
    await bot.app.get(PlaybackService).stop(guildId());
    await eventually(() => bot.discord.botVoiceChannel(guildId()) === null);
  };
  const seeksSince = (time: number): number[] =>
    node.playerPatches
      .filter((patch) => patch.guildId === guildId() && patch.time >= time && !patch.body.track)
      .flatMap((patch) => (patch.body.position === undefined ? [] : [patch.body.position]));
  const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    await standIn.start();
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, SPONSORBLOCK_URL: standIn.url },
    });
    owner = await loginWithPassword(bot);
    [node] = bot.lavalink;
    await readyForCommands(bot, guild.id);
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
  });
  afterAll(async () => {
    await bot?.close();
    await standIn.stop();
  });

  it('seeks past a segment at the start and one in the middle, each within 250 ms of its start', async () => {
    const { startedAt } = await play(oneMoreTime);

    await eventually(() => seeksSince(startedAt).length >= 2, 15_000);

    expect(seeksSince(startedAt)).toEqual([3_000, 9_500]);
    const lags = seekLags(node.playerPatches, guildId(), startedAt, [0, 6_000]);
    console.info(`segments e2e: seek lag ${lags.map((lag) => `${lag} ms`).join(', ')}`);
    for (const lag of lags) {
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(MAX_LAG_MS);
    }
    // The sponsor segment at 0:20 is not this guild's to skip.
    await settle(500);
    expect(seeksSince(startedAt)).toEqual([3_000, 9_500]);
  });

  it('notes what was skipped on the now-playing message and in the panel', async () => {
    const embed = await eventually(
      () => nowPlaying().description?.includes('Skipped 0:03 of non-music at 0:06') && nowPlaying(),
    );
    expect(embed.description).toContain('Skipped 0:03 of non-music at 0:00');

    const player = await owner.request({ method: 'GET', url: `/api/v1/guilds/${guildId()}/player` });
    expect(player.json<PlayerStateDto>().current?.skippedSegments).toEqual([
      { category: 'music_offtopic', startMs: 0, endMs: 3_000 },
      { category: 'music_offtopic', startMs: 6_000, endMs: 9_500 },
    ]);
  });

  it('caches the answer per video: the second play asks SponsorBlock nothing and still skips', async () => {
    await stop();
    const asked = standIn.requests.length;
    const stored = await bot.app
      .get<Connection>(getConnectionToken())
      .collection('video_segments')
      .findOne({ _id: oneMoreTime.identifier as never });
    expect(stored).toMatchObject({
      segments: [
        { category: 'music_offtopic', startMs: 0, endMs: 3_000 },
        { category: 'music_offtopic', startMs: 6_000, endMs: 9_500 },
        { category: 'sponsor', startMs: 20_000, endMs: 25_000 },
      ],
      fetchedAt: expect.any(Date) as unknown,
    });

    const { startedAt } = await play(oneMoreTime);
    await eventually(() => seeksSince(startedAt).length >= 1);

    expect(seeksSince(startedAt)[0]).toBe(3_000);
    expect(standIn.requests.length).toBe(asked);
    await stop();
  });

  it('refuses an unknown category and skips nothing once the server turns skipping off', async () => {
    const url = `/api/v1/guilds/${guildId()}/settings`;
    const refused = await owner.request({ method: 'PATCH', url, payload: { skipSegments: ['music_offtopic', 'ads'] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('skipSegments may only hold music_offtopic, intro, outro, sponsor, selfpromo');

    const off = await owner.request({ method: 'PATCH', url, payload: { skipSegments: [] } });
    expect(off.json<GuildSettingsDto>().skipSegments).toEqual([]);
    const { startedAt } = await play(genesis);
    await settle(1_500);

    expect(seeksSince(startedAt)).toEqual([]);
    expect(node.player(guildId())?.position).toBeGreaterThan(1_000);

    const on = await owner.request({ method: 'PATCH', url, payload: { skipSegments: ['music_offtopic'] } });
    expect(on.json<GuildSettingsDto>().skipSegments).toEqual(['music_offtopic']);
    await stop();
  });

  it('ends a song at a part that runs to its end, says so, and plays the next one', async () => {
    await play(withOutro);
    await request(afterOutro);
    const seekedAt = Date.now();
    await bot.app.get(PlaybackService).seek(guildId(), 49_000);

    await node.waitFor(() => node.player(guildId())?.track?.identifier === afterOutro.identifier, { timeoutMs: 5_000 });
    // No seek past the end: the next song was started instead.
    expect(seeksSince(seekedAt)).toEqual([49_000]);
    // The listeners are told why the song stopped short.
    const embed = await eventually(
      () => nowPlaying().description?.includes('Ended Odd Look 0:10 early: the rest is non-music') && nowPlaying(),
    );
    expect(embed.title).toContain('Protovision');
    await stop();
  });

  it.each(misbehaving)(
    'starts the song at once and plays it through when SponsorBlock is %s',
    async (mode, track) => {
      if (mode === 'slow') standIn.setLatency(3_000);
      else standIn.setMode(mode);
      const asked = standIn.requests.length;
      try {
        const { sentAt, startedAt } = await play(track);
        // The song does not wait for SponsorBlock (which was asked).
        expect(startedAt - sentAt).toBeLessThan(1_000);
        await eventually(() => standIn.requests.length > asked);
        await settle(mode === 'slow' ? 3_500 : 1_500);

        expect(seeksSince(startedAt)).toEqual([]);
        expect(node.player(guildId())).toMatchObject({ paused: false, track: { identifier: track.identifier } });
      } finally {
        standIn.setMode('normal');
        standIn.setLatency(0);
        await stop();
      }
    },
    20_000,
  );
});
