// The bot on the real Lavalink 4.2.2, measured at the testkit's voice server: `/play` of a pinned
// song to its first frame, and the silence between two queued songs as a listener hears it (next
// song resolved ahead, and searched only when due with a 500 ms search). Needs Java, ffmpeg and the
// Lavalink jar (see libs/testkit/src/lavalink-real).
import { startTestServer, TEST_MONGODB_URI_ENV } from '@accord/testkit/db';
import { realLavalinkAvailability, type MediaSpec, type VoiceFrame } from '@accord/testkit/lavalink-real';
import { enqueueByName, sigkillBotMidSong, startRealBot, type RealBot } from '../apps/accord/test/real/real-bot';
import { percentile, round, type BenchResult } from './bench-result';

const SONGS = 8;
const PINNED_ROUNDS = 5;
/** Songs queued unresolved for the look-ahead-off figure, and how long each search takes. */
const LAZY_SONGS = 5;
const SEARCH_DELAY_MS = 500;
/** One Opus frame: koe sends one every 20 ms. */
const FRAME_MS = 20;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nowMs = (): number => performance.timeOrigin + performance.now();

function songs(): MediaSpec[] {
  const queue = Array.from({ length: SONGS }, (_, index) => ({
    artist: `Bench Band ${index}`,
    title: `Song Number ${index}`,
    durationSeconds: 4,
    format: 'ogg' as const,
  }));
  // WebM, as YouTube serves it (lavaplayer cannot start an Ogg track at a position).
  return [...queue, { artist: 'Failover Band', title: 'Moving Song', durationSeconds: 120, format: 'webm' }];
}

/** Index of the song each frame comes from (-1 for none). */
async function songOf(bench: RealBot): Promise<(frame: VoiceFrame) => number> {
  const owner = new Map<string, number>();
  for (const [index, file] of bench.media.files.entries()) {
    if (file.format !== 'ogg') continue;
    for (const packet of await bench.media.opusPackets(file)) owner.set(packet.toString('base64'), index);
  }
  return (frame) => owner.get(frame.opus.toString('base64')) ?? -1;
}

/** A song change as the voice endpoint heard it: the gap, and the packets sent in it. */
interface TrackChange {
  gapMs: number;
  /** Opus silence frames (0xF8 0xFF 0xFE) that arrived in the gap. */
  silenceFrames: number;
  /** RTP sequence numbers used between the two audio frames: the silence frames, and any packet lost. */
  packetsBetween: number;
}

/** Each change from one song to the next (by `song` index, 0 to `count - 1`) in the frames heard. */
function trackChanges(bench: RealBot, song: (frame: VoiceFrame) => number, count: number): TrackChange[] {
  const frames = bench.voice.framesFor(bench.guild.id);
  const changes: TrackChange[] = [];
  for (let index = 1; index < count; index++) {
    const last = frames.filter((frame) => song(frame) === index - 1).at(-1);
    const first = frames.find((frame) => song(frame) === index);
    if (!last || !first) continue;
    const between = bench.voice.framesFor(bench.guild.id, { from: last.time, to: first.time, includeSilence: true });
    changes.push({
      gapMs: first.time - last.time,
      silenceFrames: between.filter((frame) => frame.silence).length,
      packetsBetween: (first.sequence - last.sequence - 1 + 65_536) % 65_536,
    });
  }
  return changes;
}

/**
 * Look-ahead off (`PLAYBACK_LOOKAHEAD_S=0`) and every search answered after 500 ms: unresolved
 * entries are searched when the song before them ends, so the change costs a search.
 */
async function noLookAheadGaps(): Promise<TrackChange[]> {
  const specs: MediaSpec[] = Array.from({ length: LAZY_SONGS }, (_, index) => ({
    artist: `Lazy Band ${index}`,
    title: `Unresolved Song ${index}`,
    durationSeconds: 4,
    format: 'ogg' as const,
  }));
  const bench = await startRealBot({ songs: specs, env: { PLAYBACK_LOOKAHEAD_S: '0' } });
  try {
    bench.media.searchDelayMs = SEARCH_DELAY_MS;
    const song = await songOf(bench);
    await enqueueByName(bench, specs);
    await bench.discord.waitUntil(
      () => bench.voice.framesFor(bench.guild.id).filter((frame) => song(frame) === LAZY_SONGS - 1).length >= 190,
      { timeoutMs: LAZY_SONGS * (4_000 + 3_000) + 30_000 },
      'the last unresolved song played out',
    );
    // Where the time goes: the search of each song starts when the song before it ends on the node.
    const frames = bench.voice.framesFor(bench.guild.id);
    for (let index = 1; index < LAZY_SONGS; index++) {
      const search = bench.media.requests.find(
        (request) => request.path === '/plugin/search' && request.query.includes(`Song+${index}`),
      );
      const last = frames.filter((frame) => song(frame) === index - 1).at(-1);
      const first = frames.find((frame) => song(frame) === index);
      if (!search || !last || !first) throw new Error(`song ${index} was not searched when due, or not heard`);
      process.stdout.write(
        `  no look-ahead, song ${index}: searched ${(last.time - search.time).toFixed(0)} ms before the last frame ` +
          `of the song before was heard; its first frame ${(first.time - search.time).toFixed(0)} ms after the search\n`,
      );
    }
    return trackChanges(bench, song, LAZY_SONGS);
  } finally {
    await bench.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const found = realLavalinkAvailability();
  if (!found.ok) throw new Error(`real-playback bench needs the real node: ${found.reason}`);
  const server = await startTestServer();
  process.env[TEST_MONGODB_URI_ENV] = server.uri;
  try {
    const results = await playbackFigures();
    const lazy = await noLookAheadGaps();
    results.push({
      name: 'audio.gap.no_lookahead.median_ms',
      value: round(
        percentile(
          lazy.map((change) => change.gapMs),
          50,
        ),
      ),
      unit: 'ms',
      better: 'lower',
    });
    results.push(await botSigkillFigure());
    return results;
  } finally {
    await server.stop();
  }
}

/** The bot process killed with SIGKILL mid-song and started again: frames the listener never heard. */
async function botSigkillFigure(): Promise<BenchResult> {
  const song = { artist: 'Sigkill Band', title: 'Song That Plays On' };
  const bench = await startRealBot({ botProcess: true, songs: [{ ...song, durationSeconds: 120, format: 'ogg' }] });
  try {
    const result = await sigkillBotMidSong(bench, song);
    return { name: 'audio.frames_lost.bot_sigkill', value: result.framesLost, unit: 'frames', better: 'lower' };
  } finally {
    await bench.close();
  }
}

async function playbackFigures(): Promise<BenchResult[]> {
  const bench = await startRealBot({ songs: songs(), nodeCount: 2 });
  try {
    const song = await songOf(bench);
    const query = (index: number): string => `Bench Band ${index} - Song Number ${index}`;

    // Every song once in a row: the queue plays them back to back (look-ahead on).
    for (let index = 0; index < SONGS; index++) await bench.answered(bench.slash('play', { query: query(index) }));
    await bench.discord.waitUntil(
      () => bench.voice.framesFor(bench.guild.id).filter((frame) => song(frame) === SONGS - 1).length >= 190,
      { timeoutMs: SONGS * 4_000 + 30_000 },
      'the last song played out',
    );
    const changes = trackChanges(bench, song, SONGS);
    const gaps = changes.map((change) => change.gapMs);
    // koe sends five silence frames whenever the audio stops (as Discord asks): what is left of
    // the gap beyond them is what the bot and Lavalink add. A gapless change leaves one frame time.
    const beyondSilence = changes.map((change) => change.gapMs - change.silenceFrames * FRAME_MS);

    // The songs are pinned now: `/play` of one of them, to its first frame.
    const firstFrame: number[] = [];
    for (let round_ = 0; round_ < PINNED_ROUNDS; round_++) {
      await bench.answered(bench.slash('stop'));
      await sleep(1_500);
      const index = round_ % SONGS;
      const sent = nowMs();
      await bench.answered(bench.slash('play', { query: query(index) }));
      await bench.discord.waitUntil(
        () => bench.voice.framesFor(bench.guild.id, { from: sent }).find((frame) => song(frame) === index),
        { timeoutMs: 15_000 },
        'the first frame of the pinned song',
      );
      const first = bench.voice.framesFor(bench.guild.id, { from: sent }).find((frame) => song(frame) === index);
      if (first) firstFrame.push(first.time - sent);
    }
    // SIGKILL of the node that plays: silence until the other node's first frame.
    await bench.answered(bench.slash('stop'));
    await bench.answered(bench.slash('play', { query: 'Failover Band - Moving Song' }));
    const started = nowMs();
    await bench.voice.waitForFrames(bench.guild.id, 250, { from: started, timeoutMs: 30_000 });
    // The node that got the latest player PATCH is the one playing.
    const lastPatch = bench.proxies.map((proxy) =>
      Math.max(
        0,
        ...proxy.exchanges.filter((e) => e.method === 'PATCH' && e.path.includes('/players/')).map((e) => e.time),
      ),
    );
    const active = lastPatch.indexOf(Math.max(...lastPatch));
    const oldSsrc = bench.voice.framesFor(bench.guild.id).at(-1)?.ssrc;
    await bench.nodes[active].kill();
    const killedAt = nowMs();
    const resumed = await bench.discord.waitUntil(
      () => bench.voice.framesFor(bench.guild.id, { from: killedAt }).find((frame) => frame.ssrc !== oldSsrc),
      { timeoutMs: 60_000 },
      'frames from the surviving node',
    );
    const lastOld = bench.voice
      .framesFor(bench.guild.id)
      .filter((frame) => frame.ssrc === oldSsrc)
      .at(-1);
    const failoverMs = resumed.time - (lastOld?.time ?? killedAt);

    return [
      { name: 'audio.resume.node_failover_ms', value: round(failoverMs), unit: 'ms', better: 'lower' },
      { name: 'audio.gap.track_change.median_ms', value: round(percentile(gaps, 50)), unit: 'ms', better: 'lower' },
      { name: 'audio.gap.track_change.p99_ms', value: round(percentile(gaps, 99)), unit: 'ms', better: 'lower' },
      {
        name: 'audio.gap.track_change.silence_frames',
        value: percentile(
          changes.map((change) => change.silenceFrames),
          50,
        ),
        unit: 'frames',
        better: 'lower',
      },
      {
        name: 'audio.gap.track_change.packets_between',
        value: percentile(
          changes.map((change) => change.packetsBetween),
          50,
        ),
        unit: 'packets',
        better: 'lower',
      },
      {
        name: 'audio.gap.track_change.beyond_silence_ms',
        value: round(percentile(beyondSilence, 50)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'audio.first_frame.play_pinned_ms',
        value: round(percentile(firstFrame, 50)),
        unit: 'ms',
        better: 'lower',
      },
    ];
  } finally {
    await bench.close();
  }
}
