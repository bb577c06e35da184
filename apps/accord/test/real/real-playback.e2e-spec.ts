import { describeWithRealLavalink, identicalShare, sourceIndexes } from '@accord/testkit/lavalink-real';
import type { InteractionHandle } from '@accord/testkit/discord';
import { enqueueByName, nowMs, sleep, startRealBot, type RealBot } from './real-bot';

jest.setTimeout(120_000);

/** Queued by name only (as from a Spotify playlist): each must be searched before it can play. */
const SLOW_SEARCH_SONGS = [
  { artist: 'Lazy Band', title: 'Searched Slowly One', durationSeconds: 4, format: 'ogg' as const },
  { artist: 'Lazy Band', title: 'Searched Slowly Two', durationSeconds: 4, format: 'ogg' as const },
];

/**
 * The bot on the real Lavalink 4.2.2: `/play artist - title` searches through the bench's search
 * plugin, Lavalink connects to the bench's voice server, and the assertions are on the audio frames
 * that arrive there.
 */
describeWithRealLavalink('Playback on the real Lavalink (frames at the voice endpoint)', () => {
  let bench: RealBot;
  const slash = (name: string, options?: Record<string, string | number | boolean>): InteractionHandle =>
    bench.slash(name, options);
  const answered = (handle: InteractionHandle): Promise<string> => bench.answered(handle);
  /** The change from one song to the next as the voice endpoint heard it, once 25 frames of the next arrived. */
  const songChange = async (firstTitle: string, secondTitle: string, timeoutMs: number) => {
    const packetsOf = async (title: string): Promise<Set<string>> =>
      new Set((await bench.media.opusPackets(bench.media.file(title))).map((p) => p.toString('base64')));
    const first = await packetsOf(firstTitle);
    const second = await packetsOf(secondTitle);
    const frames = await bench.discord.waitUntil(
      () => {
        const all = bench.voice.framesFor(bench.guild.id);
        return all.filter((frame) => second.has(frame.opus.toString('base64'))).length >= 25 && all;
      },
      { timeoutMs },
      `frames of ${secondTitle}`,
    );
    const lastOfFirst = frames.filter((frame) => first.has(frame.opus.toString('base64'))).at(-1);
    const firstOfSecond = frames.find((frame) => second.has(frame.opus.toString('base64')));
    expect(lastOfFirst && firstOfSecond).toBeTruthy();
    const between = bench.voice.framesFor(bench.guild.id, {
      from: lastOfFirst?.time,
      to: firstOfSecond?.time,
      includeSilence: true,
    });
    return {
      lastOfFirst,
      gapMs: (firstOfSecond?.time ?? 0) - (lastOfFirst?.time ?? 0),
      silenceFrames: between.filter((frame) => frame.silence).length,
      packetsBetween: ((firstOfSecond?.sequence ?? 0) - (lastOfFirst?.sequence ?? 0) - 1 + 65_536) % 65_536,
    };
  };

  beforeAll(async () => {
    bench = await startRealBot({
      frameBufferDurationMs: 1_000,
      songs: [
        { artist: 'Bench Artist', title: 'Long Opus Song', durationSeconds: 120, format: 'ogg' },
        { artist: 'Bench Artist', title: 'Short Mp3 Song', durationSeconds: 5, format: 'mp3' },
        { artist: 'Other Band', title: 'Second Opus Song', durationSeconds: 60, format: 'ogg' },
        { artist: 'Gap Band', title: 'First Short One', durationSeconds: 4, format: 'ogg' },
        { artist: 'Gap Band', title: 'Then Short Two', durationSeconds: 4, format: 'ogg' },
        ...SLOW_SEARCH_SONGS,
      ],
    });
  });

  afterAll(async () => {
    await bench?.close();
  });

  afterEach(() => {
    // The bot must never send a request the real node refuses in a normal flow.
    expect(bench.proxy.clientErrors()).toEqual([]);
  });

  it('plays a searched song: its frames reach the voice endpoint byte for byte (passthrough)', async () => {
    const song = bench.media.file('Long Opus Song');
    const sent = nowMs();
    await answered(slash('play', { query: 'Bench Artist - Long Opus Song' }));
    const frames = await bench.voice.waitForFrames(bench.guild.id, 100, { timeoutMs: 30_000 });
    process.stdout.write(`real node: /play to first frame ${(frames[0].time - sent).toFixed(0)} ms\n`);
    expect(identicalShare(frames, await bench.media.opusPackets(song))).toBe(1);
    expect(bench.voice.connections.at(-1)).toMatchObject({ guildId: bench.guild.id, mode: 'aead_aes256_gcm_rtpsize' });
  });

  it('stops the frames on /pause and sends them again on /resume', async () => {
    await answered(slash('pause'));
    await sleep(1_500);
    const pausedFrom = nowMs();
    await sleep(1_500);
    expect(bench.voice.framesFor(bench.guild.id, { from: pausedFrom })).toHaveLength(0);
    const resumed = nowMs();
    await answered(slash('resume'));
    await bench.voice.waitForFrames(bench.guild.id, 25, { from: resumed, timeoutMs: 10_000 });
  });

  it('jumps on /seek: the next frames are the file frames at that time', async () => {
    const source = await bench.media.opusPackets(bench.media.file('Long Opus Song'));
    await answered(slash('seek', { time: '1:00' }));
    await sleep(2_500); // frames buffered before the seek may still be on their way
    const frames = await bench.voice.waitForFrames(bench.guild.id, 10, { from: nowMs(), timeoutMs: 10_000 });
    const index = sourceIndexes(frames.slice(0, 1), source)[0];
    expect(index).toBeGreaterThanOrEqual(3_000); // 20 ms a frame
    expect(index).toBeLessThan(3_000 + 250);
  });

  it('transcodes at /volume 50 (payloads change) and passes through again at /volume 100', async () => {
    const source = await bench.media.opusPackets(bench.media.file('Long Opus Song'));
    const windowAfter = async (command: InteractionHandle): Promise<number> => {
      await answered(command);
      await sleep(2_500); // the 1 s frame buffer drains, twice over
      const from = nowMs();
      await sleep(1_000);
      return identicalShare(bench.voice.framesFor(bench.guild.id, { from }), source);
    };
    expect(await windowAfter(slash('volume', { level: 50 }))).toBe(0);
    expect(await windowAfter(slash('volume', { level: 100 }))).toBe(1);
  });

  it('plays the next song after /skip: its frames follow', async () => {
    await answered(slash('play', { query: 'Other Band - Second Opus Song' }));
    const second = await bench.media.opusPackets(bench.media.file('Second Opus Song'));
    const skipped = nowMs();
    await answered(slash('skip'));
    await sleep(2_500);
    const frames = await bench.voice.waitForFrames(bench.guild.id, 50, { from: skipped + 2_500, timeoutMs: 10_000 });
    expect(identicalShare(frames, second)).toBe(1);
  });

  it('follows a song that ends by itself with the next one in the queue after a short silence', async () => {
    await answered(slash('stop'));
    await sleep(1_500);
    await answered(slash('play', { query: 'Gap Band - First Short One' }));
    await answered(slash('play', { query: 'Gap Band - Then Short Two' }));
    const { gapMs, silenceFrames } = await songChange('First Short One', 'Then Short Two', 20_000);
    process.stdout.write(`real node: silence between two queued songs ${gapMs.toFixed(1)} ms\n`);
    expect(gapMs).toBeGreaterThan(0);
    expect(gapMs).toBeLessThan(1_000);
    // Lavalink's voice library marks the break with five Opus silence frames, as Discord asks.
    expect(silenceFrames).toBe(5);
  });

  it('searches the next song while the current one plays: a 1.5 s search leaves only the five silence frames', async () => {
    await answered(slash('stop'));
    await sleep(1_500);
    bench.media.searchDelayMs = 1_500;
    try {
      await enqueueByName(bench, SLOW_SEARCH_SONGS);
      const { lastOfFirst, silenceFrames, packetsBetween } = await songChange(
        'Searched Slowly One',
        'Searched Slowly Two',
        30_000,
      );
      // The second song's search was answered while the first one still played, not started when it ended.
      const search = bench.media.requests.find(
        (request) => request.path === '/plugin/search' && request.query.includes('Searched+Slowly+Two'),
      );
      expect((search?.time ?? Infinity) + 1_500).toBeLessThan(lastOfFirst?.time ?? 0);
      expect(silenceFrames).toBe(5);
      // Nothing else was sent in between: the five silence frames are the only packets (none lost).
      expect(packetsBetween).toBe(5);
    } finally {
      bench.media.searchDelayMs = 0;
    }
  });

  it('plays a direct .mp3 link through the http source: its frames arrive', async () => {
    await answered(slash('stop'));
    await sleep(1_500);
    const sent = nowMs();
    const answer = await answered(slash('play', { query: bench.media.file('Short Mp3 Song').url }));
    expect(answer).not.toMatch(/can't play|could not|don't play/i);
    const frames = await bench.voice.waitForFrames(bench.guild.id, 50, { from: sent, timeoutMs: 20_000 });
    process.stdout.write(`real node: /play of a direct link to first frame ${(frames[0].time - sent).toFixed(0)} ms\n`);
  });
});
