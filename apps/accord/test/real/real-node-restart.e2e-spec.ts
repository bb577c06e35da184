import { describeWithRealLavalink } from '@accord/testkit/lavalink-real';
import { nowMs, startRealBot, type RealBot } from './real-bot';

jest.setTimeout(180_000);

/**
 * The only real Lavalink node restarts mid-song (SIGTERM, then a new JVM on the same port): the bot
 * reconnects, rejoins and continues the song from its saved position, as heard at the voice endpoint.
 */
describeWithRealLavalink('A real Lavalink restart mid-song (frames at the voice endpoint)', () => {
  let bench: RealBot;

  beforeAll(async () => {
    bench = await startRealBot({
      // WebM, as YouTube serves it (lavaplayer cannot start an Ogg track at a position).
      songs: [{ artist: 'Restart Band', title: 'Song That Survives', durationSeconds: 180, format: 'webm' }],
    });
  });

  afterAll(async () => {
    await bench?.close();
  });

  // The outage is not played time: the bot resumes where the audio stopped, not that much later.
  it('continues the song at its saved position once the node is back', async () => {
    await bench.answered(bench.slash('play', { query: 'Restart Band - Song That Survives' }));
    const before = await bench.voice.waitForFrames(bench.guild.id, 300, { timeoutMs: 30_000 });
    const playedMs = before.length * 20;
    await bench.node.stop();
    const stoppedAt = nowMs();
    await bench.node.start();
    const patchesBefore = bench.proxy.exchanges.length;
    const resumed = await bench.voice.waitForFrames(bench.guild.id, 50, { from: stoppedAt + 500, timeoutMs: 60_000 });
    const replay = bench.proxy.exchanges
      .slice(patchesBefore)
      .find((exchange) => exchange.method === 'PATCH' && exchange.path.includes('/players/'));
    const position = (JSON.parse(replay?.requestBody ?? '{}') as { position?: number }).position ?? 0;
    process.stdout.write(
      `real node restart: silence ${(resumed[0].time - stoppedAt).toFixed(0)} ms, resumed at ${position} ms after ${playedMs} ms\n`,
    );
    expect(position).toBeGreaterThan(playedMs - 3_000);
    expect(position).toBeLessThan(playedMs + 5_000);
    expect(bench.proxy.clientErrors()).toEqual([]);
  });
});
