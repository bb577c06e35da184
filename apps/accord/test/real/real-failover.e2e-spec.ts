import { describeWithRealLavalink } from '@accord/testkit/lavalink-real';
import { nowMs, startRealBot, type RealBot } from './real-bot';

jest.setTimeout(180_000);

/**
 * Two real Lavalink nodes under the bot; the one playing is SIGKILLed mid-song. The player must move
 * to the other node and the audio resume near where it stopped, as heard at the voice endpoint.
 */
describeWithRealLavalink('Failover between two real Lavalink nodes (frames at the voice endpoint)', () => {
  let bench: RealBot;

  beforeAll(async () => {
    bench = await startRealBot({
      nodeCount: 2,
      // WebM, as YouTube serves: lavaplayer 2.2.6 fails to start an Ogg track at a position (NPE in
      // OggOpus seeking), which real-audio.real-spec.ts documents.
      songs: [{ artist: 'Failover Band', title: 'Long Running Song', durationSeconds: 180, format: 'webm' }],
    });
  });

  afterAll(async () => {
    await bench?.close();
  });

  it('moves the player to the surviving node and resumes the song near its position', async () => {
    await bench.answered(bench.slash('play', { query: 'Failover Band - Long Running Song' }));
    await bench.voice.waitForFrames(bench.guild.id, 250, { timeoutMs: 30_000 });
    const playing = bench.proxies.findIndex((proxy) =>
      proxy.exchanges.some((exchange) => exchange.method === 'PATCH' && exchange.path.includes('/players/')),
    );
    expect(playing).toBeGreaterThanOrEqual(0);
    const before = bench.voice.framesFor(bench.guild.id);
    const oldSsrc = before[before.length - 1].ssrc;
    await bench.nodes[playing].kill();
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
    const gapMs = resumed.time - (lastOld?.time ?? killedAt);
    const moved = bench.proxies[1 - playing].exchanges.find(
      (exchange) => exchange.method === 'PATCH' && exchange.path.includes('/players/'),
    );
    const position = (JSON.parse(moved?.requestBody ?? '{}') as { position?: number }).position ?? 0;
    const playedMs = (before.length - 1) * 20;
    process.stdout.write(
      `real nodes: failover silence ${gapMs.toFixed(0)} ms, moved at ${position} ms after ${playedMs} ms\n`,
    );
    // Resumed from the saved position: not from the start, and not far from where it stopped.
    expect(position).toBeGreaterThan(playedMs - 2_000);
    expect(position).toBeLessThan(playedMs + 5_000);
    await bench.voice.waitForFrames(bench.guild.id, 100, { from: resumed.time, timeoutMs: 10_000 });
    const survivor = bench.proxies[1 - playing];
    expect(survivor.clientErrors()).toEqual([]);
  });
});
