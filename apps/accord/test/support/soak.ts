import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { generateTracks, type CatalogueTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import type { INestApplicationContext } from '@nestjs/common';
import { artistKey, trackKey } from '@accord/track-identity';
import type { Client } from 'discord.js';
import { DISCORD_CLIENT } from '../../src/adapters/discord-client/discord-client.provider';
import { LavalinkConnectionService } from '../../src/adapters/lavalink/lavalink-connection.service';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import { TasteProfileService } from '../../src/domain/preferences/profiles/taste-profile.service';

/** One guild of the soak: a listener sitting in its voice channel. */
export interface SoakRoom {
  guild: FakeGuildDefinition;
  listenerId: string;
  voiceChannelId: string;
  textChannelId: string;
  /** The songs this listener likes: autoplay picks among them. */
  taste: CatalogueTrack[];
}

export interface SoakWorld {
  rooms: SoakRoom[];
  catalogue: CatalogueTrack[];
}

/** What the process looks like at one point of the soak. */
export interface SoakSample {
  virtualHours: number;
  plays: number;
  rssKb: number;
  heapUsedKb: number;
  /** Pending timers (`Timeout` in `process.getActiveResourcesInfo()`). */
  timers: number;
  /** Listeners registered on the discord.js client, shoukaku and kazagumo. */
  listeners: number;
}

export interface SoakOutcome {
  samples: SoakSample[];
  /** Tracks that ran to their end (each one play document closed as finished). */
  finished: number;
  virtualHours: number;
}

/**
 * `guilds` rooms, each with one listener whose taste is `tasteSize` songs of its own, and the
 * catalogue of every one of those songs (lengths drawn between `minLengthMs` and `maxLengthMs`).
 */
export function soakWorld(options: {
  guilds: number;
  tasteSize: number;
  minLengthMs: number;
  maxLengthMs: number;
}): SoakWorld {
  const tracks = generateTracks({ count: options.guilds * options.tasteSize, seed: 24 });
  const span = options.maxLengthMs - options.minLengthMs;
  const catalogue = tracks.map((track, index) => ({
    ...track,
    length: options.minLengthMs + Math.round((((index * 7919) % 1000) / 1000) * span),
  }));
  const rooms = Array.from({ length: options.guilds }, (_, index) => {
    const listener = UserFactory.create({ username: `listener${index}` });
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: listener })] });
    return {
      guild,
      listenerId: listener.id,
      voiceChannelId: GuildFactory.voiceChannel(guild).id,
      textChannelId: GuildFactory.textChannel(guild).id,
      taste: catalogue.slice(index * options.tasteSize, (index + 1) * options.tasteSize),
    };
  });
  return { rooms, catalogue };
}

/**
 * Gives every listener a taste profile (through the real preferences module), seats them in voice
 * and asks for one song in each room; autoplay carries on from there.
 */
export async function startSoak(app: INestApplicationContext, discord: FakeDiscord, world: SoakWorld): Promise<void> {
  const profiles = app.get(TasteProfileService);
  const playback = app.get(PlaybackService);
  const lavalink = app.get(LavalinkService);
  for (const room of world.rooms) {
    await profiles.apply(
      room.listenerId,
      room.taste.flatMap((song, rank) =>
        Array.from({ length: 1 + (rank % 3) }, () => ({
          kind: 'heard' as const,
          trackKey: trackKey({ artist: song.author, title: song.title }),
          artistKey: artistKey(song.author),
          artistName: song.author,
          title: song.title,
        })),
      ),
    );
    discord.joinVoice(room.guild.id, room.listenerId, room.voiceChannelId);
  }
  for (const room of world.rooms) {
    const first = room.taste[0];
    const found = await lavalink.load(`${first.author} ${first.title}`, 'ytsearch');
    if (found.type !== 'search' || found.tracks.length === 0) throw new Error(`soak: no result for ${first.title}`);
    await playback.enqueue(
      {
        guildId: room.guild.id,
        userId: room.listenerId,
        voiceChannelId: room.voiceChannelId,
        textChannelId: room.textChannelId,
      },
      [found.tracks[0]],
    );
  }
}

/**
 * Plays `virtualHours` of music in every room: each round runs every room's track to its end in
 * Lavalink's virtual time and waits until the next one (autoplay's pick) plays. Samples the
 * process every `sampleEveryRounds` rounds.
 */
export async function driveSoak(options: {
  app: INestApplicationContext;
  node: FakeLavalinkNode;
  rooms: SoakRoom[];
  virtualHours: number;
  sampleEveryRounds: number;
  countPlays: () => Promise<number>;
  /**
   * Songs ending at the same moment. Real rooms are out of step; ending all twenty at once would
   * measure a burst of simultaneous autoplay picks instead.
   */
  concurrency?: number;
  roundTimeoutMs?: number;
}): Promise<SoakOutcome> {
  const { node, rooms } = options;
  const targetMs = options.virtualHours * 3_600_000;
  const playedMs = new Map(rooms.map((room) => [room.guild.id, 0]));
  const samples: SoakSample[] = [];
  let finished = 0;
  let round = 0;
  const slowest = (): number => Math.min(...playedMs.values());

  await Promise.all(rooms.map((room) => node.waitFor(() => node.player(room.guild.id)?.track, { timeoutMs: 30_000 })));
  const concurrency = options.concurrency ?? 5;
  while (slowest() < targetMs) {
    await inBatches(rooms, concurrency, async (room) => {
      const guildId = room.guild.id;
      if (playedMs.get(guildId)! >= targetMs) return;
      const player = node.player(guildId);
      if (!player?.track) throw new Error(`soak: nothing plays in guild ${guildId}`);
      const before = player.encoded;
      playedMs.set(guildId, playedMs.get(guildId)! + player.track.length - player.position);
      // Past its end: Lavalink reports TrackEnd(finished) as when a song plays out.
      node.advance(guildId, player.track.length - player.position + 1);
      finished += 1;
      await node.waitFor(
        () => {
          const now = node.player(guildId);
          return now?.track && now.encoded !== before && !now.paused;
        },
        {
          timeoutMs: options.roundTimeoutMs ?? 20_000,
          message: `round ${round + 1}: no next song in guild ${guildId}`,
        },
      );
    });
    round += 1;
    if (round % options.sampleEveryRounds === 0) {
      samples.push(await sample(options.app, slowest() / 3_600_000, await options.countPlays()));
    }
  }
  samples.push(await sample(options.app, slowest() / 3_600_000, await options.countPlays()));
  return { samples, finished, virtualHours: slowest() / 3_600_000 };
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(run));
  }
}

/** Least-squares slope of `y` over `x`. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  const numerator = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const denominator = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

let collectGarbage: (() => void) | undefined;

/** A full GC, so that heap and RSS samples show what is retained rather than what is not collected yet. */
export function gc(): void {
  if (!collectGarbage) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collectGarbage = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collectGarbage = runInNewContext('gc') as () => void;
    }
  }
  collectGarbage();
}

/** Samples memory (after a full GC), pending timers and event listeners. */
export async function sample(app: INestApplicationContext, virtualHours: number, plays: number): Promise<SoakSample> {
  // Let the writes of the round settle before measuring.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const memory = process.memoryUsage();
  const client = app.get<Client>(DISCORD_CLIENT);
  return {
    virtualHours,
    plays,
    rssKb: Math.round(memory.rss / 1024),
    heapUsedKb: Math.round(memory.heapUsed / 1024),
    timers: process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length,
    listeners:
      client.eventNames().reduce((count, name) => count + client.listenerCount(name), 0) +
      app.get(LavalinkConnectionService).eventListenerCount(),
  };
}
