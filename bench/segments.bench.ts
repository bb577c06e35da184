// Non-music segments on the fakes, with the app booted in-process exactly as the e2e specs do: a
// YouTube song whose SponsorBlock answer (a local stand-in) marks a 1 s non-music part every 2 s.
// Each part is skipped by a seek; the lag is the song's time when the seek reached the fake
// Lavalink minus the start of the part, from the node's own record of the start and the seeks.
import { ChannelType } from 'discord.js';
import { startTestServer, TEST_MONGODB_URI_ENV } from '@accord/testkit/db';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { SponsorBlockStandIn } from '@accord/testkit/sponsorblock';
import { seekLags } from '../apps/accord/test/support/segment-seeks';
import { eventually, startTestBot } from '../apps/accord/test/support/test-bot';
import { percentile, round, type BenchResult } from './bench-result';

const PARTS = 20;
const songs = ['One More Time', 'Aerodynamic', 'Digital Love'].map((title) =>
  youtubeTrack({ author: 'Daft Punk', title, length: PARTS * 2_000 + 10_000 }),
);
const starts = Array.from({ length: PARTS }, (_, k) => k * 2_000);

async function seekLagsMs(): Promise<number[]> {
  const standIn = new SponsorBlockStandIn(
    songs.map((song) => ({
      videoId: song.identifier,
      videoDuration: song.length / 1000,
      segments: starts.map((start) => ({ category: 'music_offtopic', start: start / 1000, end: start / 1000 + 1 })),
    })),
  );
  await standIn.start();
  const user = UserFactory.create({ username: 'listener' });
  const guild = GuildFactory.create({ members: [MemberFactory.create({ user })] });
  const bot = await startTestBot({
    guilds: [guild],
    lavalinkCatalogue: songs,
    env: { SPONSORBLOCK_URL: standIn.url },
  });
  const node = bot.lavalink[0];
  const guildId = guild.id;
  const channelId = guild.channels.find((channel) => channel.type === ChannelType.GuildText)!.id;
  const lags: number[] = [];
  try {
    await eventually(() => node.sessionList().length === 1);
    bot.discord.joinVoice(guildId, user.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guildId).some((state) => state.user_id === user.id));
    for (const [index, song] of songs.entries()) {
      const before = node.playerPatches.length;
      bot.discord.slashCommand({
        guildId,
        channelId,
        userId: user.id,
        name: 'play',
        options: { query: `${song.author} - ${song.title}` },
      });
      await eventually(() => node.player(guildId)?.track?.identifier === song.identifier, 20_000);
      const startedAt = node.playerPatches.slice(before).find((patch) => patch.body.track?.encoded)!.time;
      await eventually(
        () => seekLags(node.playerPatches, guildId, startedAt, starts).length === PARTS,
        PARTS * 2_000 + 10_000,
      );
      // The first song warms the code paths up.
      if (index > 0) lags.push(...seekLags(node.playerPatches, guildId, startedAt, starts));
      node.finishTrack(guildId);
    }
  } finally {
    await bot.close();
    await standIn.stop();
  }
  return lags;
}

export async function run(): Promise<BenchResult[]> {
  const server = await startTestServer();
  process.env[TEST_MONGODB_URI_ENV] = server.uri;
  try {
    const lags = await seekLagsMs();
    return [
      { name: 'segments.seek_lag.p50_ms', value: round(percentile(lags, 50)), unit: 'ms', better: 'lower' },
      { name: 'segments.seek_lag.p99_ms', value: round(percentile(lags, 99)), unit: 'ms', better: 'lower' },
    ];
  } finally {
    await server.stop();
  }
}
