// Soak of the bot alone: the production build (dist/apps/accord/main.js) runs as its own process with
// the image's Node flags, while the fake Discord, the fake Lavalink node and the test database stay
// here, so the memory figures are the bot's only. 20 guilds, each with its owner in voice and a guest
// who comes and goes; autoplay (on by default) chooses a song whenever the queue runs out, and when its
// song has not started 1.5 s after the end the owner asks for one with /play (a refill, counted). Songs are
// 2.5-4.5 min long and each one is run to its end on the fake Lavalink's virtual clock, so a virtual
// hour is an hour of track time played in every guild (about 17 songs a guild, 340 over the 20).
// Between rounds of songs the usual churn: a skip, a like, a guest leaving or joining, a song added
// with /play, and the panel's queue, history and stats pages read over HTTP.
// Memory is sampled from the bot's process every quarter of a virtual hour: VmRSS from /proc, then the
// heap used after a full GC through the V8 inspector (the bot starts with `--inspect` on loopback).
// The first quarter of the run (at least one virtual hour) is the warm-up; the slopes are least
// squares over the rest.
//   SOAK_BOT_HOURS   virtual hours to play (default 24); the run stops earlier at
//   SOAK_BOT_WALL_S  seconds of playing (default 420), so the bench stays within 10 minutes.
//   SOAK_BOT_SNAPSHOTS=1  heap snapshots at the end of the warm-up and at the end, and the
//                    constructors whose objects grew most between them (printed); the snapshots are
//                    written to SOAK_BOT_SNAPSHOT_DIR (the system's temporary folder by default) as
//                    soak-bot-warm.heapsnapshot and soak-bot-end.heapsnapshot, for
//                    bench/heap-retainers.ts or Chrome's DevTools.
//   SOAK_BOT_DB_PROFILE=1  the bot reaches the database through a proxy that times each command on
//                    the wire; the shapes that took the database's time are printed with each sample.
//   SOAK_BOT_LOG_LEVEL  the bot's LOG_LEVEL, its log on this process's output (silent by default).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { FakeLavalinkNode, generateTracks, type CatalogueTrack } from '@accord/testkit/lavalink';
import { artistKey, trackKey } from '@accord/track-identity';
import { createConnection } from 'mongoose';
import { encodeTaste } from '../apps/accord/src/domain/preferences/profiles/profile.codec';
import {
  applySignal,
  DEFAULT_TASTE_SETTINGS,
  emptyProfile,
} from '../apps/accord/src/domain/preferences/profiles/taste-profile';
import { slope } from '../apps/accord/test/support/soak';
import { round, type BenchResult } from './bench-result';
import { imageNodeFlags } from './image-node-flags';
import { constructorCounts, growth, Inspector, type ConstructorFigures } from './inspector';
import { freePort, healthy } from './local-bot';
import { MongoWireProfile } from './mongo-wire-profile';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'accord', 'main.js');
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';
const GUILDS = 20;
const TASTE_SIZE = 150;
const HOURS = Number(process.env.SOAK_BOT_HOURS ?? 24);
const WALL_MS = Number(process.env.SOAK_BOT_WALL_S ?? 420) * 1000;
const SNAPSHOTS = process.env.SOAK_BOT_SNAPSHOTS === '1';
const SNAPSHOT_DIR = process.env.SOAK_BOT_SNAPSHOT_DIR ?? tmpdir();
const DB_PROFILE = process.env.SOAK_BOT_DB_PROFILE === '1';
const SAMPLE_EVERY_HOURS = 0.25;
const MIN_LENGTH_MS = 2.5 * 60_000;
const MAX_LENGTH_MS = 4.5 * 60_000;
/** Songs ending at the same moment: real rooms are out of step. */
const CONCURRENCY = 10;
/**
 * How long a listener waits, after a song's end, for autoplay's next song before asking for one
 * with /play (counted as a refill).
 */
const AUTOPLAY_WAIT_MS = 1_500;
/** Guilds that see one piece of churn after each round of songs. */
const CHURN_PER_ROUND = 5;
/** After a round, the database has caught up once no command of the bot waited this long. */
const SETTLE_QUIET_MS = 300;
const SETTLE_TIMEOUT_MS = 30_000;

interface Room {
  guild: FakeGuildDefinition;
  /** The owner: always in voice, asks for songs, likes, skips, reads the panel. */
  ownerId: string;
  /** Comes and goes. */
  guestId: string;
  guestInVoice: boolean;
  voiceChannelId: string;
  textChannelId: string;
  taste: CatalogueTrack[];
  /** The next song of `taste` to ask for. */
  nextAsk: number;
  /** Track time played in this guild (ms of virtual time). */
  playedMs: number;
  cookie: string;
}

interface Sample {
  virtualHours: number;
  rssKb: number;
  heapKb: number;
}

function world(): { rooms: Room[]; catalogue: CatalogueTrack[] } {
  const tracks = generateTracks({ count: GUILDS * TASTE_SIZE, seed: 41 });
  const span = MAX_LENGTH_MS - MIN_LENGTH_MS;
  const catalogue = tracks.map((track, index) => ({
    ...track,
    length: MIN_LENGTH_MS + Math.round((((index * 7919) % 1000) / 1000) * span),
  }));
  const rooms = Array.from({ length: GUILDS }, (_, index): Room => {
    const owner = UserFactory.create({ username: `owner${index}` });
    const guest = UserFactory.create({ username: `guest${index}` });
    const guild = GuildFactory.create({ owner, members: [MemberFactory.create({ user: guest })] });
    return {
      guild,
      ownerId: owner.id,
      guestId: guest.id,
      guestInVoice: false,
      voiceChannelId: GuildFactory.voiceChannel(guild).id,
      textChannelId: GuildFactory.textChannel(guild).id,
      taste: catalogue.slice(index * TASTE_SIZE, (index + 1) * TASTE_SIZE),
      nextAsk: 0,
      playedMs: 0,
      cookie: '',
    };
  });
  return { rooms, catalogue };
}

/**
 * Each owner arrives with a listening history, as the in-process soak's listeners do: their taste
 * songs heard 1-3 times, built with the preferences module's own functions and stored as its
 * repository stores a profile, before the bot starts.
 */
async function seedProfiles(databaseUri: string, rooms: readonly Room[]): Promise<void> {
  const connection = await createConnection(databaseUri).asPromise();
  try {
    const now = Date.now();
    for (const room of rooms) {
      let profile = emptyProfile(room.ownerId, now);
      for (const [rank, song] of room.taste.entries()) {
        for (let heard = 0; heard <= rank % 3; heard += 1) {
          profile = applySignal(
            profile,
            {
              kind: 'heard',
              trackKey: trackKey({ artist: song.author, title: song.title }),
              artistKey: artistKey(song.author),
              artistName: song.author,
              title: song.title,
            },
            now,
            DEFAULT_TASTE_SETTINGS,
          );
        }
      }
      await connection.collection<{ _id: string }>('profiles').updateOne(
        { _id: room.ownerId },
        {
          $set: {
            taste: encodeTaste(profile),
            playCount: profile.playCount,
            discoveriesLiked: profile.discoveriesLiked,
            updatedAt: profile.updatedAt,
          },
        },
        { upsert: true },
      );
    }
  } finally {
    await connection.close();
  }
}

/** Writes a heap snapshot of the bot where SOAK_BOT_SNAPSHOT_DIR says, and returns its text. */
async function saveSnapshot(inspector: Inspector, name: string): Promise<string> {
  const text = await inspector.heapSnapshot();
  const file = join(SNAPSHOT_DIR, `soak-bot-${name}.heapsnapshot`);
  writeFileSync(file, text);
  process.stdout.write(`  heap snapshot: ${file}\n`);
  return text;
}

function vmRssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`soak-bot: ${message} within ${timeoutMs / 1000} s`);
    await sleep(25);
  }
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(run));
  }
}

/** Signs the user in to the panel through the fake Discord's OAuth; returns the session cookie. */
async function signIn(base: string, discord: FakeDiscord, userId: string): Promise<string> {
  const start = await fetch(`${base}/api/v1/auth/discord`, { redirect: 'manual' });
  const location = new URL(String(start.headers.get('location')));
  const state = start.headers.getSetCookie().find((cookie) => cookie.startsWith('accord_oauth_state='));
  const code = discord.authorizeOAuth({ userId, redirectUri: location.searchParams.get('redirect_uri') ?? undefined });
  const callback = await fetch(
    `${base}/api/v1/auth/discord/callback?code=${code}&state=${location.searchParams.get('state')}`,
    { redirect: 'manual', headers: { cookie: (state ?? '').split(';')[0] } },
  );
  const session = callback.headers.getSetCookie().find((cookie) => cookie.startsWith('accord_session='));
  if (!session) throw new Error(`soak-bot: sign-in failed (${callback.status})`);
  return session.split(';')[0];
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(MAIN)) throw new Error('dist/apps/accord/main.js is missing: run `npm run build` first');
  const database = await startTestServer();
  const { rooms, catalogue } = world();
  const discord = new FakeDiscord({ guilds: rooms.map((room) => room.guild), heartbeatIntervalMs: 5_000 });
  const node = new FakeLavalinkNode({
    name: 'bench',
    password: 'bench-password',
    catalogue,
    playerUpdateIntervalMs: 5_000,
  });
  await Promise.all([discord.start(), node.start()]);
  const databaseUri = withDatabaseName(database.uri, `accord_soak_bot_${Date.now()}`);
  await seedProfiles(databaseUri, rooms);
  // The bot reaches the database through the bench's wire proxy, which tells when its work is done.
  const served = new URL(database.uri);
  const wire = new MongoWireProfile({ host: served.hostname, port: Number(served.port) }, DB_PROFILE);
  const botDatabaseUri = databaseUri.replace(served.host, `127.0.0.1:${await wire.start()}`);
  const [port, inspectPort, nobody] = [await freePort(), await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [`--inspect=127.0.0.1:${inspectPort}`, '--inspect-publish-uid=http', ...imageNodeFlags(), MAIN],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_CLIENT_SECRET: 'bench-oauth-secret',
        ADMIN_SESSION_SECRET: 'a-session-secret-for-the-bench-only-0123456789',
        PUBLIC_URL: 'http://localhost:3000',
        MONGODB_URI: botDatabaseUri,
        LAVALINK_NODES: `bench:bench-password@${node.url}`,
        HTTP_PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        // Segments and lyrics asked of a loopback port nobody listens on: refused at once, offline.
        SPONSORBLOCK_URL: `http://127.0.0.1:${nobody}`,
        LRCLIB_URL: `http://127.0.0.1:${nobody}`,
        LOG_LEVEL: process.env.SOAK_BOT_LOG_LEVEL ?? 'error',
        LOG_TO_FILE: 'false',
      },
      stdio: ['ignore', process.env.SOAK_BOT_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  let inspector: Inspector | undefined;
  const counts = {
    songs: 0,
    requested: 0,
    skips: 0,
    likes: 0,
    joinsLeaves: 0,
    panelReads: 0,
    refills: 0,
    stuckPaused: 0,
    /** The song that ended or was skipped played again from its start. */
    sameAgain: 0,
    /** Rounds after which the database did not catch up within SETTLE_TIMEOUT_MS. */
    unsettled: 0,
  };
  let pacedMs = 0;

  const command = async (room: Room, userId: string, name: string, options?: Record<string, string>): Promise<void> => {
    const handle = discord.slashCommand({
      guildId: room.guild.id,
      channelId: room.textChannelId,
      userId,
      name,
      ...(options ? { options } : {}),
    });
    await discord.waitForInteractionReply(handle.id, { timeoutMs: 30_000 });
  };
  /**
   * Asks for the owner's next taste song, passing over the one playing and `avoid` (the one that just
   * ended or was skipped): a listener does not ask for the song they are hearing.
   */
  const ask = async (room: Room, userId: string, avoid?: string): Promise<void> => {
    const playing = node.player(room.guild.id)?.track?.title;
    for (let passed = 0; passed < 2; passed++) {
      const title = room.taste[room.nextAsk % room.taste.length].title;
      if (title === avoid || title === playing) room.nextAsk += 1;
    }
    const song = room.taste[room.nextAsk % room.taste.length];
    room.nextAsk += 1;
    counts.requested += 1;
    await command(room, userId, 'play', { query: `${song.author} - ${song.title}` });
  };
  /** Waits for a song other than `before` to play; asks for one when autoplay found none. */
  /**
   * Waits for the song after `before` (which the bench left at `leftAt` ms: its end, or where it was
   * skipped) to play. The same song counts only when it started again from before that point (it was
   * asked for again); a song still playing where it was skipped is not the next one.
   */
  const nextSong = async (
    room: Room,
    before: { encoded: string | null; title?: string; leftAt: number } | undefined,
    posted: number,
  ): Promise<void> => {
    const playing = (): boolean => {
      const now = node.player(room.guild.id);
      return Boolean(now?.track && !now.paused && (now.encoded !== before?.encoded || now.position < before.leftAt));
    };
    // Autoplay says so in the text channel when it ran out of songs for the room.
    const pausedAutoplay = (): boolean =>
      discord
        .messages(room.textChannelId)
        .slice(posted)
        .some((message) => message.content.includes('Autoplay paused'));
    const next = (timeoutMs: number): Promise<boolean> =>
      until(
        () => {
          if (pausedAutoplay()) throw new Error('autoplay paused');
          return playing();
        },
        timeoutMs,
        'next song',
      ).then(
        () => true,
        () => false,
      );
    if (await next(AUTOPLAY_WAIT_MS)) return;
    const player = node.player(room.guild.id);
    if (player?.track && player.paused) {
      // Paused with its listener in voice: counted, and resumed as the listener would.
      counts.stuckPaused += 1;
      await command(room, room.ownerId, 'resume');
      if (await next(10_000)) return;
    }
    counts.refills += 1;
    await ask(room, room.ownerId, before?.title);
    await until(playing, 30_000, `no song plays in guild ${room.guild.id}`).catch((error: Error) => {
      const player = node.player(room.guild.id);
      const said = discord
        .messages(room.textChannelId)
        .slice(-3)
        .map((message) => message.content);
      throw new Error(
        `${error.message} (player: ${JSON.stringify({ track: player?.track?.title, paused: player?.paused, position: player?.position })}; last messages: ${JSON.stringify(said)})`,
      );
    });
  };
  /** The song that ended or was skipped plays again from its start: counted, the first ones described. */
  const sameAgain = (room: Room, before: string | null): void => {
    const now = node.player(room.guild.id);
    if (now?.encoded !== before) return;
    counts.sameAgain += 1;
    const asked = room.taste[Math.max(0, room.nextAsk - 1) % room.taste.length];
    if (counts.sameAgain <= 3) {
      process.stdout.write(
        `  the same song again in ${room.guild.id}: ${now.track?.title} at ${now.position} ms (the bench last asked for ${asked.title})\n`,
      );
    }
  };
  const playOut = async (room: Room): Promise<void> => {
    const player = node.player(room.guild.id);
    const posted = discord.messages(room.textChannelId).length;
    if (!player?.track) return nextSong(room, undefined, posted);
    const before = { encoded: player.encoded, title: player.track.title, leftAt: player.track.length };
    const left = player.track.length - player.position;
    room.playedMs += left;
    // Past its end: Lavalink reports TrackEnd(finished) as when a song plays out.
    node.advance(room.guild.id, left + 1);
    counts.songs += 1;
    await nextSong(room, before, posted);
    sameAgain(room, before.encoded);
  };
  const churn = async (room: Room, kind: number): Promise<void> => {
    switch (kind % 5) {
      case 0: {
        const player = node.player(room.guild.id);
        if (!player?.track) return;
        const half = Math.floor((player.track.length - player.position) / 2);
        room.playedMs += half;
        node.advance(room.guild.id, half);
        counts.skips += 1;
        const posted = discord.messages(room.textChannelId).length;
        const before = { encoded: player.encoded, title: player.track.title, leftAt: player.position };
        await command(room, room.ownerId, 'skip');
        await nextSong(room, before, posted);
        return sameAgain(room, before.encoded);
      }
      case 1:
        counts.likes += 1;
        return command(room, room.ownerId, 'like');
      case 2:
        counts.joinsLeaves += 1;
        if (room.guestInVoice) discord.leaveVoice(room.guild.id, room.guestId);
        else discord.joinVoice(room.guild.id, room.guestId, room.voiceChannelId);
        room.guestInVoice = !room.guestInVoice;
        return;
      case 3:
        return ask(room, room.guestInVoice ? room.guestId : room.ownerId);
      default:
        for (const path of ['queue?offset=0&limit=100', 'history?limit=50', 'stats?days=7']) {
          const response = await fetch(`${base}/api/v1/guilds/${room.guild.id}/${path}`, {
            headers: { cookie: room.cookie },
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`soak-bot: panel ${path} answered ${response.status}`);
          counts.panelReads += 1;
        }
    }
  };
  const slowest = (): number => Math.min(...rooms.map((room) => room.playedMs)) / 3_600_000;
  const sample = async (): Promise<Sample> => {
    // Let the round's writes settle, collect garbage, then read both figures.
    await sleep(200);
    const heapKb = await inspector!.heapUsedAfterGcKb();
    return { virtualHours: slowest(), heapKb, rssKb: vmRssKb(child.pid!) };
  };

  try {
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`soak-bot: the bot exited with ${child.exitCode} during boot`);
        return healthy(port);
      },
      60_000,
      'the bot did not become healthy',
    );
    inspector = await Inspector.connect(inspectPort);
    // Global registration (no dev guild): the commands exist for every guild once registered.
    await until(() => discord.registeredCommands().length > 0, 30_000, 'no commands registered');
    for (const room of rooms) {
      discord.joinVoice(room.guild.id, room.ownerId, room.voiceChannelId);
      room.cookie = await signIn(base, discord, room.ownerId);
    }
    // A song, and once it plays (the bot has joined voice) a second one in the queue.
    await inBatches(rooms, CONCURRENCY, async (room) => {
      await ask(room, room.ownerId);
      await until(() => Boolean(node.player(room.guild.id)?.track), 60_000, `nothing plays in ${room.guild.id}`);
      await ask(room, room.ownerId);
    });

    const samples: Sample[] = [await sample()];
    let warmSnapshot: Map<string, ConstructorFigures> | undefined;
    const started = Date.now();
    let rounds = 0;
    while (slowest() < HOURS && Date.now() - started < WALL_MS) {
      await inBatches(rooms, CONCURRENCY, playOut);
      await Promise.all(
        Array.from({ length: CHURN_PER_ROUND }, (_, n) => {
          const index = (rounds * CHURN_PER_ROUND + n) % rooms.length;
          return churn(rooms[index], rounds + n);
        }),
      );
      rounds += 1;
      // Keep the fakes' own recordings from growing in this process.
      node.clearRecordings();
      // Virtual time must not outrun the database: a real hour gives the bot's queued history writes
      // an hour to land, so the next round waits until its reads and writes have caught up.
      const pacedAt = Date.now();
      if (!(await wire.settled(SETTLE_QUIET_MS, SETTLE_TIMEOUT_MS))) counts.unsettled += 1;
      pacedMs += Date.now() - pacedAt;
      if (slowest() >= samples[samples.length - 1].virtualHours + SAMPLE_EVERY_HOURS) {
        samples.push(await sample());
        const last = samples[samples.length - 1];
        process.stdout.write(
          `  ${last.virtualHours.toFixed(1)} h: rss ${(last.rssKb / 1024).toFixed(1)} MB, heap ${(last.heapKb / 1024).toFixed(1)} MB, ${Math.round((Date.now() - started) / 1000)} s, ${JSON.stringify(counts)}\n`,
        );
        if (DB_PROFILE) {
          process.stdout.write(`  database time by query since the last sample:\n${wire.report(10)}\n`);
          wire.reset();
        }
        if (SNAPSHOTS && !warmSnapshot && last.virtualHours >= 1) {
          warmSnapshot = constructorCounts(await saveSnapshot(inspector, 'warm'));
        }
      }
    }
    const wallS = (Date.now() - started) / 1000;
    samples.push(await sample());
    if (SNAPSHOTS && warmSnapshot) {
      const grown = growth(warmSnapshot, constructorCounts(await saveSnapshot(inspector, 'end')));
      process.stdout.write(
        `  grown since the warm-up (objects, bytes):\n${grown.map((entry) => `    ${entry.name}: +${entry.count}, +${entry.bytes}`).join('\n')}\n`,
      );
    }
    const virtualHours = slowest();
    const warmUp = Math.max(1, virtualHours / 4);
    const steady = samples.filter((each) => each.virtualHours >= warmUp);
    if (steady.length < 3) throw new Error(`soak-bot: ${steady.length} samples after the warm-up, too few for a slope`);
    process.stdout.write(
      `  ${virtualHours.toFixed(1)} virtual hours in ${wallS.toFixed(0)} s (${(pacedMs / 1000).toFixed(0)} s waiting for the database): ${JSON.stringify(counts)}; slope over ${steady.length} samples from ${warmUp.toFixed(1)} h\n`,
    );
    const last = samples[samples.length - 1];
    return [
      {
        name: 'soak.bot.rss_slope_kb_per_virtual_hour',
        value: round(slope(steady.map((each) => ({ x: each.virtualHours, y: each.rssKb }))), 0),
        unit: 'KB/h',
        better: 'lower',
      },
      {
        name: 'soak.bot.heap_slope_kb_per_virtual_hour',
        value: round(slope(steady.map((each) => ({ x: each.virtualHours, y: each.heapKb }))), 0),
        unit: 'KB/h',
        better: 'lower',
      },
      { name: 'soak.bot.virtual_hours', value: round(virtualHours, 1), unit: 'h', better: 'higher' },
      { name: 'soak.bot.rss_mb_end', value: round(last.rssKb / 1024, 1), unit: 'MB', better: 'lower' },
      { name: 'soak.bot.heap_mb_end', value: round(last.heapKb / 1024, 1), unit: 'MB', better: 'lower' },
      {
        name: 'soak.bot.songs_per_wall_second',
        value: round(counts.songs / wallS, 1),
        unit: 'songs',
        better: 'higher',
      },
    ];
  } finally {
    inspector?.close();
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await Promise.all([node.stop(), discord.stop(), wire.stop()]);
    await database.stop();
  }
}
