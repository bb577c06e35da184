import { describeWithRealLavalink, identicalShare } from '@accord/testkit/lavalink-real';
import type { InteractionHandle } from '@accord/testkit/discord';
import { GuildFactory } from '@accord/testkit/factories';
import { nowMs, sleep, startRealBot, type RealBot } from './real-bot';

jest.setTimeout(120_000);

/**
 * What the real Lavalink 4.2.2 refuses, through the bot: a link to a file that is not there, not
 * audio or on a server that does not answer, and a song whose media server stops sending mid-song.
 * Each reaches the user as a clear message, and the song that was playing goes on (or the next one
 * plays), as the frames at the voice endpoint show.
 */
describeWithRealLavalink('Bad input on the real Lavalink (frames at the voice endpoint)', () => {
  let bench: RealBot;
  const slash = (name: string, options?: Record<string, string | number | boolean>): InteractionHandle =>
    bench.slash(name, options);
  const answered = (handle: InteractionHandle): Promise<string> => bench.answered(handle);
  /** The queue as /queue shows it, without the playhead (it moves on meanwhile). */
  const queue = async (): Promise<string> => (await answered(slash('queue'))).replace(/\d+:\d{2}/g, 'm:ss');

  beforeAll(async () => {
    bench = await startRealBot({
      frameBufferDurationMs: 1_000,
      // Lavalink's default is 10 s; a stuck song is skipped sooner here so the spec stays short.
      serverYaml: ['trackStuckThresholdMs: 1500'],
      songs: [
        { artist: 'Bench Artist', title: 'Long Opus Song', durationSeconds: 120, format: 'ogg' },
        { artist: 'Other Band', title: 'Second Opus Song', durationSeconds: 60, format: 'ogg' },
        { artist: 'Stall Band', title: 'Song That Stalls', durationSeconds: 60, format: 'ogg' },
      ],
    });
    // A song plays and another waits in the queue while the bad links are tried.
    await answered(slash('play', { query: 'Bench Artist - Long Opus Song' }));
    await bench.voice.waitForFrames(bench.guild.id, 25, { timeoutMs: 30_000 });
    await answered(slash('play', { query: 'Other Band - Second Opus Song' }));
  });

  afterAll(async () => {
    await bench?.close();
  });

  afterEach(() => {
    // The bot must never send a request the real node refuses in a normal flow.
    expect(bench.proxy.clientErrors()).toEqual([]);
  });

  it.each([
    ['the media server answers 404', () => bench.media.missingUrl, 'there is nothing at that address (HTTP 404).'],
    ['the media server answers 403', () => bench.media.forbiddenUrl, 'its server refused to send it (HTTP 403).'],
    [
      'is not audio (random bytes served as audio/mpeg)',
      () => bench.media.garbageUrl,
      'what is there is not audio I can read.',
    ],
    [
      'points to a server that refuses the connection',
      () => bench.media.deadUrl,
      'its server did not answer. Check the link, or try again later.',
    ],
  ])(
    'refuses a direct link that %s with a clear ephemeral message; the song plays on and the queue is kept',
    async (_case, url, why) => {
      const playing = await bench.media.opusPackets(bench.media.file('Long Opus Song'));
      const queueBefore = await queue();
      const before = bench.proxy.exchanges.length;

      const refused = slash('play', { query: url() });
      const answer = await answered(refused);

      expect(answer).toContain(`I could not play “${url()}”: ${why}`);
      // Ephemeral: the deferred "thinking…" reply is removed and the refusal follows up with flag 64.
      const followUp = bench.discord
        .interactionResponses(refused.id)
        .find((r) => r.method === 'POST' && !r.path.endsWith('/callback'));
      expect(((followUp?.body as { flags?: number } | undefined)?.flags ?? 0) & 64).toBe(64);
      const patches = bench.proxy.exchanges.slice(before).filter((exchange) => exchange.method === 'PATCH');
      expect(patches).toEqual([]);
      expect(await queue()).toBe(queueBefore);
      const after = nowMs();
      const frames = await bench.voice.waitForFrames(bench.guild.id, 25, { from: after, timeoutMs: 5_000 });
      expect(identicalShare(frames, playing)).toBe(1);
      process.stdout.write(`real node: /play of a link that ${_case} answers ${answer}\n`);
    },
  );

  it('skips a song whose media server stops sending mid-song, says so, and plays the next one', async () => {
    // Found and pinned while its server still answers...
    await answered(slash('stop'));
    await sleep(1_000);
    await answered(slash('play', { query: 'Stall Band - Song That Stalls' }));
    await bench.voice.waitForFrames(bench.guild.id, 10, { from: nowMs(), timeoutMs: 20_000 });
    await answered(slash('stop'));
    await sleep(1_000);
    // ...then its server sends the first 16 KiB (about a second of audio) and nothing more.
    bench.media.sabotage(bench.media.file('Song That Stalls'), 'stall');
    const started = nowMs();
    await answered(slash('play', { query: 'Stall Band - Song That Stalls' }));
    await answered(slash('play', { query: 'Other Band - Second Opus Song' }));

    const packetsOf = async (title: string): Promise<Set<string>> =>
      new Set((await bench.media.opusPackets(bench.media.file(title))).map((packet) => packet.toString('base64')));
    const [stalled, next] = [await packetsOf('Song That Stalls'), await packetsOf('Second Opus Song')];
    const heard = await bench.discord.waitUntil(
      () => {
        const frames = bench.voice.framesFor(bench.guild.id, { from: started });
        return frames.filter((frame) => next.has(frame.opus.toString('base64'))).length >= 25 && frames;
      },
      { timeoutMs: 20_000 },
      'frames of the next song',
    );
    // The first second of the song was heard, then Lavalink reported it stuck.
    expect(heard.filter((frame) => stalled.has(frame.opus.toString('base64'))).length).toBeGreaterThan(25);
    expect(bench.node.logLines(/Song That Stalls got stuck/)).toHaveLength(1);

    const notice = await bench.discord.waitUntil(
      () =>
        bench.discord
          .messages(GuildFactory.textChannel(bench.guild).id)
          .flatMap((message) => message.embeds ?? [])
          .find((embed) => embed.description?.includes('Skipped Song That Stalls')),
      { timeoutMs: 10_000 },
      'the skipped-song notice in the now-playing message',
    );
    process.stdout.write(`real node: a stalled song is skipped with ${notice.description}\n`);
    expect(notice.description).toContain('⚠️ Skipped Song That Stalls: its source stopped sending audio.');
    expect(await queue()).toMatch(/Second Opus Song/);
    bench.media.sabotage(bench.media.file('Song That Stalls'), null);
  });
});
