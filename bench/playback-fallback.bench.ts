// The fallback path on the fakes, with the app booted in-process exactly as the e2e specs do: a
// pinned song's YouTube video fails while playing, no other video of it fits, and the song is
// found on SoundCloud. Measured from Lavalink's TrackEnd(loadFailed) to the PATCH that plays the
// SoundCloud upload, with every `loadtracks` (the two YouTube searches, then `scsearch:`) taking 250 ms.
import { ChannelType } from 'discord.js';
import { startTestServer, TEST_MONGODB_URI_ENV } from '@accord/testkit/db';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { decodeTrack, soundcloudTrack, youtubeTrack } from '@accord/testkit/lavalink';
import { PlaybackService } from '../apps/accord/src/domain/playback/playback.service';
import { eventually, startTestBot } from '../apps/accord/test/support/test-bot';
import { percentile, round, type BenchResult } from './bench-result';

const SEARCH_LATENCY_MS = 250;
const pinned = youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 });
const catalogue = [
  pinned,
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  soundcloudTrack({ author: 'Daft Punk', title: 'One More Time', length: 30_000 }),
  soundcloudTrack({ author: 'Daft Punk', title: 'One More Time', length: 321_000 }),
];

async function fallbackTimes(rounds: number): Promise<number[]> {
  const user = UserFactory.create({ username: 'listener' });
  const guild = GuildFactory.create({ members: [MemberFactory.create({ user })] });
  const bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue, searchLatencyMs: SEARCH_LATENCY_MS });
  const node = bot.lavalink[0];
  const guildId = guild.id;
  const channelId = guild.channels.find((channel) => channel.type === ChannelType.GuildText)!.id;
  const playback = bot.app.get(PlaybackService);
  const times: number[] = [];
  try {
    await eventually(() => node.sessionList().length === 1);
    bot.discord.joinVoice(guildId, user.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guildId).some((state) => state.user_id === user.id));
    for (let i = 0; i <= rounds; i += 1) {
      bot.discord.slashCommand({
        guildId,
        channelId,
        userId: user.id,
        name: 'play',
        options: { query: 'Daft Punk - One More Time' },
      });
      await eventually(() => node.player(guildId)?.track?.identifier === pinned.identifier, 20_000);
      const before = node.playerPatches.length;
      const failedAt = Date.now();
      node.failTrack(guildId, 'This video is unavailable');
      const patch = await eventually(
        () =>
          node.playerPatches
            .slice(before)
            .find(
              (candidate) =>
                candidate.body.track?.encoded && decodeTrack(candidate.body.track.encoded).sourceName === 'soundcloud',
            ),
        20_000,
      );
      // The first round warms the code paths up.
      if (i > 0) times.push(patch.time - failedAt);
      node.finishTrack(guildId);
      await eventually(() => playback.snapshot(guildId)?.current === null);
    }
  } finally {
    await bot.close();
  }
  return times;
}

export async function run(): Promise<BenchResult[]> {
  const server = await startTestServer();
  process.env[TEST_MONGODB_URI_ENV] = server.uri;
  try {
    const times = await fallbackTimes(10);
    return [{ name: 'playback.fallback.resolve_ms', value: round(percentile(times, 50)), unit: 'ms', better: 'lower' }];
  } finally {
    await server.stop();
  }
}
