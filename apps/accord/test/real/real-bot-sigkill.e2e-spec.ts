import { describeWithRealLavalink } from '@accord/testkit/lavalink-real';
import { nowMs, sigkillBotMidSong, startRealBot, type RealBot } from './real-bot';

jest.setTimeout(180_000);

const SONG = { artist: 'Sigkill Band', title: 'Song That Plays On' };

/**
 * The bot process is killed with SIGKILL mid-song on the real Lavalink 4.2.2: Lavalink keeps the
 * session (resuming) and plays on, so the frames at the voice endpoint never stop; the restarted
 * bot resumes that session and adopts the player, sending no track that would interrupt it.
 */
describeWithRealLavalink(
  'The bot killed with SIGKILL mid-song on the real Lavalink (frames at the voice endpoint)',
  () => {
    let bench: RealBot;

    beforeAll(async () => {
      bench = await startRealBot({
        botProcess: true,
        songs: [{ ...SONG, durationSeconds: 120, format: 'ogg' }],
      });
    });

    afterAll(async () => {
      await bench?.close();
    });

    it('never stops the frames, and the restarted bot resumes the session without sending a track', async () => {
      const killed = nowMs();
      const result = await sigkillBotMidSong(bench, SONG);
      process.stdout.write(
        `real node, bot SIGKILL: ${result.framesLost} frames lost, longest silence ${result.longestSilenceMs.toFixed(0)} ms\n`,
      );

      // Frames kept coming while no bot ran, and when it came back: never a silence a listener hears.
      expect(bench.voice.framesFor(bench.guild.id, { from: killed }).length).toBeGreaterThan(250);
      expect(result.longestSilenceMs).toBeLessThan(200);
      // Known limit (testkit README): the restarted bot's voice update (a new Discord voice session)
      // makes Lavalink reconnect to the voice server, which skips about the frame buffer (400 ms).
      expect(result.framesLost).toBeLessThanOrEqual(25);
      const trackPatches = bench.proxy.exchanges
        .slice(result.exchangesBefore)
        .filter((exchange) => exchange.method === 'PATCH' && (exchange.requestBody ?? '').includes('"track"'));
      expect(trackPatches).toEqual([]);
      expect(await bench.answered(bench.slash('queue'))).toContain('Song That Plays On');
      expect(bench.proxy.clientErrors()).toEqual([]);
    });
  },
);
