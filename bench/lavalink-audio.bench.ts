// The real Lavalink 4.2.2 (../shared/lavalink or LAVALINK_JAR) playing ffmpeg-made songs into the
// testkit's fake voice server, driven by a bare protocol client (no bot): memory and CPU of the node
// for the Raspberry Pi guide, the passthrough share, and the silence when a client starts the next
// song on TrackEndEvent. Figures measured through the bot (look-ahead gap, /play to first frame,
// SIGKILL, failover) belong to a bench that drives the app against the real node.
import { readFileSync } from 'node:fs';
import {
  FakeVoiceServer,
  LavalinkTestClient,
  MediaLibrary,
  RealLavalinkNode,
  identicalShare,
  realLavalinkAvailability,
  testCertificates,
  type MediaFile,
} from '@accord/testkit/lavalink-real';
import { percentile, round, type BenchResult } from './bench-result';

const CPU_WINDOW_MS = 10_000;
const GAP_ROUNDS = 12;
const TICKS_PER_SECOND = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nowMs = (): number => performance.timeOrigin + performance.now();

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/** utime + stime of the process, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function cpuPercent(pid: number): Promise<number> {
  const before = cpuSeconds(pid);
  const started = Date.now();
  await sleep(CPU_WINDOW_MS);
  return ((cpuSeconds(pid) - before) / ((Date.now() - started) / 1000)) * 100;
}

export async function run(): Promise<BenchResult[]> {
  const found = realLavalinkAvailability();
  if (!found.ok) throw new Error(`lavalink-audio bench needs the real node: ${found.reason}`);
  const media = new MediaLibrary();
  const voice = new FakeVoiceServer();
  const node = new RealLavalinkNode({ trustStore: (await testCertificates()).trustStore });
  const results: BenchResult[] = [];
  let client: LavalinkTestClient | undefined;
  try {
    await media.start([
      { artist: 'Bench', title: 'Opus Long', durationSeconds: 240, format: 'ogg' },
      { artist: 'Bench', title: 'Mp3 Long', durationSeconds: 240, format: 'mp3' },
      { artist: 'Bench', title: 'Opus A', durationSeconds: 2, format: 'ogg' },
      { artist: 'Bench', title: 'Opus B', durationSeconds: 2, format: 'ogg' },
    ]);
    await voice.start();
    await node.start();
    const pid = node.pid as number;
    await sleep(5_000);
    results.push({ name: 'lavalink.rss_mb.idle', value: round(rssMb(pid)), unit: 'MB', better: 'lower' });
    const idleCpu = await cpuPercent(pid);

    const session = new LavalinkTestClient(node.nodeOption);
    client = session;
    await session.connect();
    const encoded = async (file: MediaFile): Promise<string> =>
      ((await session.loadTracks(file.url)).body as { data: { encoded: string } }).data.encoded;
    const voiceFor = (guildId: string): Record<string, string> => ({
      token: `t-${guildId}`,
      endpoint: voice.endpoint,
      sessionId: 'bench',
      channelId: '1',
    });

    let guildSeq = 0;
    for (const [path, file] of [
      ['passthrough', media.file('Opus Long')],
      ['transcoding', media.file('Mp3 Long')],
    ] as const) {
      const track = await encoded(file);
      for (const players of [1, 10]) {
        const guilds = Array.from({ length: players }, () => `9000000000000${guildSeq++}`);
        for (const guildId of guilds) {
          await session.patchPlayer(guildId, { track: { encoded: track }, voice: voiceFor(guildId) });
        }
        await Promise.all(guilds.map((guildId) => voice.waitForFrames(guildId, 50)));
        await sleep(2_000);
        const cpu = await cpuPercent(pid);
        results.push({
          name: `lavalink.cpu_percent.per_player.${path}_${players}`,
          value: round(Math.max(0, cpu - idleCpu) / players, 2),
          unit: '%',
          better: 'lower',
        });
        if (path === 'passthrough' && players === 1) {
          const frames = voice.framesFor(guilds[0], { from: nowMs() - CPU_WINDOW_MS });
          const share = identicalShare(frames, await media.opusPackets(file));
          results.push({ name: 'audio.passthrough_share', value: round(share, 3), unit: 'ratio', better: 'higher' });
        }
        for (const guildId of guilds)
          await session.rest('DELETE', `/v4/sessions/${session.sessionId}/players/${guildId}`);
      }
    }

    // A client that starts the next song when TrackEndEvent arrives (no look-ahead on the node side).
    const a = await encoded(media.file('Opus A'));
    const b = await encoded(media.file('Opus B'));
    const aPackets = new Set((await media.opusPackets(media.file('Opus A'))).map((p) => p.toString('base64')));
    const gaps: number[] = [];
    const firstFrame: number[] = [];
    const guildId = '9100000000000001';
    for (let round_ = 0; round_ < GAP_ROUNDS; round_++) {
      const sent = nowMs();
      const before = session.messages.length;
      await session.patchPlayer(guildId, { track: { encoded: a }, voice: voiceFor(guildId) });
      if (round_ > 0) firstFrame.push((await voice.waitForFrames(guildId, 1, { from: sent }))[0].time - sent);
      await session.waitForEvent(guildId, 'TrackEndEvent', { after: before, timeoutMs: 15_000 });
      await session.patchPlayer(guildId, { track: { encoded: b } });
      await sleep(1_000);
      const frames = voice.framesFor(guildId, { from: sent });
      const lastOfA = frames.filter((frame) => aPackets.has(frame.opus.toString('base64'))).at(-1);
      const firstOfB = lastOfA ? frames.find((frame) => frame.time > lastOfA.time) : undefined;
      if (lastOfA && firstOfB) gaps.push(firstOfB.time - lastOfA.time);
      await sleep(1_500);
    }
    results.push(
      {
        name: 'audio.gap.on_track_end_event.median_ms',
        value: round(percentile(gaps, 50)),
        unit: 'ms',
        better: 'lower',
      },
      { name: 'audio.gap.on_track_end_event.p99_ms', value: round(percentile(gaps, 99)), unit: 'ms', better: 'lower' },
      {
        name: 'audio.first_frame.node_patch_connected_ms',
        value: round(percentile(firstFrame, 50)),
        unit: 'ms',
        better: 'lower',
      },
    );
    return results;
  } finally {
    await client?.close();
    await node.dispose();
    await voice.stop();
    await media.stop();
  }
}
