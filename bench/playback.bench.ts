// Playback timings on the fakes, with the app booted in-process exactly as the e2e specs do:
// the gap between Lavalink's TrackEnd and the PATCH that starts the next track (with the fake's
// search latency at 500 ms, look-ahead on and off), /play of a pinned song to its PATCH, and the
// event-loop delay while a 1,000-track playlist loads.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ChannelType } from 'discord.js';
import { parseTitle, trackKey } from '@accord/track-identity';
import { startTestServer, TEST_MONGODB_URI_ENV } from '@accord/testkit/db';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { generatePlaylist, generateTracks, type CatalogueTrack } from '@accord/testkit/lavalink';
import { PlaybackService } from '../apps/accord/src/domain/playback/playback.service';
import type { PlayableTrack } from '../apps/accord/src/domain/playback/playback.types';
import { eventually, startTestBot, type TestBot } from '../apps/accord/test/support/test-bot';
import { percentile, round, type BenchResult } from './bench-result';

const catalogue = generateTracks({ count: 60, seed: 11 });

async function bootBot(env: Record<string, string>, searchLatencyMs = 0): Promise<{ bot: TestBot; userId: string }> {
  const user = UserFactory.create({ username: 'listener' });
  const guild = GuildFactory.create({ members: [MemberFactory.create({ user })] });
  const bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue, searchLatencyMs, env });
  await eventually(() => bot.lavalink[0].sessionList().length === 1);
  bot.discord.joinVoice(guild.id, user.id, GuildFactory.voiceChannel(guild).id);
  await eventually(() => bot.discord.voiceStates(guild.id).some((state) => state.user_id === user.id));
  return { bot, userId: user.id };
}

/** Metadata-only entries (as from a Spotify playlist or an autoplay pick): each needs a search. */
function lazyTrack(track: CatalogueTrack): PlayableTrack {
  return {
    title: track.title,
    author: track.author,
    durationMs: track.length,
    isStream: false,
    isSeekable: true,
    query: `${track.author} - ${track.title}`,
    trackKey: trackKey(parseTitle({ title: `${track.author} - ${track.title}` })),
  };
}

async function trackGaps(lookAheadS: number, transitions: number): Promise<number[]> {
  const { bot, userId } = await bootBot({ PLAYBACK_LOOKAHEAD_S: String(lookAheadS) }, 500);
  const playback = bot.app.get(PlaybackService);
  const guildId = bot.guild.id;
  const node = bot.lavalink[0];
  const gaps: number[] = [];
  try {
    await playback.enqueue(
      {
        guildId,
        userId,
        voiceChannelId: GuildFactory.voiceChannel(bot.guild).id,
        textChannelId: GuildFactory.textChannel(bot.guild).id,
      },
      catalogue.slice(0, transitions + 1).map(lazyTrack),
    );
    for (let i = 0; i < transitions; i += 1) {
      await eventually(() => node.player(guildId)?.track);
      // With look-ahead the next entry is resolved while the current one plays: wait for that.
      if (lookAheadS > 0) await eventually(() => playback.snapshot(guildId)?.queue[0]?.track.encoded, 20_000);
      const before = node.playerPatches.length;
      const endedAt = Date.now();
      node.finishTrack(guildId);
      const patch = await eventually(
        () => node.playerPatches.slice(before).find((candidate) => candidate.body.track?.encoded),
        20_000,
      );
      gaps.push(patch.time - endedAt);
    }
  } finally {
    await bot.close();
  }
  return gaps;
}

async function playPinned(rounds: number): Promise<number[]> {
  const { bot, userId } = await bootBot({});
  const guildId = bot.guild.id;
  const node = bot.lavalink[0];
  const channelId = bot.guild.channels.find((channel) => channel.type === ChannelType.GuildText)!.id;
  const query = `${catalogue[0].author} - ${catalogue[0].title}`;
  const playback = bot.app.get(PlaybackService);
  const times: number[] = [];
  try {
    for (let i = 0; i <= rounds; i += 1) {
      const before = node.playerPatches.length;
      const sentAt = Date.now();
      bot.discord.slashCommand({ guildId, channelId, userId, name: 'play', options: { query } });
      const patch = await eventually(() =>
        node.playerPatches.slice(before).find((candidate) => candidate.body.track?.encoded),
      );
      // The first round pins the song; the rest are what users of a known song see.
      if (i > 0) times.push(patch.time - sentAt);
      node.finishTrack(guildId);
      await eventually(() => playback.snapshot(guildId)?.current === null);
    }
  } finally {
    await bot.close();
  }
  return times;
}

async function playlistLoopDelay(count: number): Promise<number> {
  const { bot, userId } = await bootBot({});
  const guildId = bot.guild.id;
  const channelId = bot.guild.channels.find((channel) => channel.type === ChannelType.GuildText)!.id;
  const playlist = generatePlaylist(bot.lavalink[0].catalogue, { count, name: 'Bench mix' });
  const playback = bot.app.get(PlaybackService);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  try {
    histogram.enable();
    bot.discord.slashCommand({
      guildId,
      channelId,
      userId,
      name: 'play',
      options: { query: `https://www.youtube.com/playlist?list=${playlist.id}` },
    });
    await eventually(() => (playback.snapshot(guildId)?.queue.length ?? 0) >= count - 1, 60_000);
    histogram.disable();
  } finally {
    await bot.close();
  }
  return histogram.percentile(99) / 1e6;
}

export async function run(): Promise<BenchResult[]> {
  const server = await startTestServer();
  process.env[TEST_MONGODB_URI_ENV] = server.uri;
  try {
    const withLookAhead = await trackGaps(600, 30);
    const withoutLookAhead = await trackGaps(0, 8);
    const pinned = await playPinned(30);
    const loopDelay = await playlistLoopDelay(1_000);
    return [
      {
        name: 'playback.gap.lookahead.median_ms',
        value: round(percentile(withLookAhead, 50)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'playback.gap.lookahead.p99_ms',
        value: round(percentile(withLookAhead, 99)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'playback.gap.no_lookahead.median_ms',
        value: round(percentile(withoutLookAhead, 50)),
        unit: 'ms',
        better: 'lower',
      },
      { name: 'playback.play_pinned.median_ms', value: round(percentile(pinned, 50)), unit: 'ms', better: 'lower' },
      { name: 'playback.playlist_1000.loop_delay_p99_ms', value: round(loopDelay), unit: 'ms', better: 'lower' },
    ];
  } finally {
    await server.stop();
  }
}
