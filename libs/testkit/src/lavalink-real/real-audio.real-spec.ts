import { FakeVoiceServer, identicalShare, sourceIndexes, type VoiceFrame } from './fake-voice-server';
import { LavalinkTestClient } from './lavalink-test-client';
import { MediaLibrary, type MediaFile } from './media-library';
import { RealLavalinkNode, describeWithRealLavalink } from './real-lavalink-node';
import { testCertificates } from './test-ca';

jest.setTimeout(90_000);

/** Lavalink's frame buffer for this spec (5000 by default): a filter change is heard after it drains. */
const FRAME_BUFFER_MS = 1_000;

/**
 * What the real Lavalink 4.2.2 sends to a voice endpoint, measured at the bench's fake voice server:
 * frames, pauses, seeks, the passthrough and transcoding paths, and the gap at a track change.
 */
describeWithRealLavalink('Real Lavalink audio at the voice endpoint', () => {
  const media = new MediaLibrary();
  const voice = new FakeVoiceServer();
  let node: RealLavalinkNode;
  let client: LavalinkTestClient;
  let guildSeq = 0;
  const nextGuild = (): string => `81000000000000${guildSeq++}`;

  beforeAll(async () => {
    await media.start([
      { artist: 'Bench', title: 'Opus A', durationSeconds: 4, format: 'ogg' },
      { artist: 'Bench', title: 'Opus B', durationSeconds: 4, format: 'ogg' },
      { artist: 'Bench', title: 'Opus Long', durationSeconds: 90, format: 'ogg' },
      { artist: 'Bench', title: 'Mp3 Song', durationSeconds: 4, format: 'mp3' },
      { artist: 'Bench', title: 'WebM Song', durationSeconds: 4, format: 'webm' },
    ]);
    await voice.start();
    node = new RealLavalinkNode({
      trustStore: (await testCertificates()).trustStore,
      frameBufferDurationMs: FRAME_BUFFER_MS,
    });
    await node.start();
    client = new LavalinkTestClient(node.nodeOption);
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await node?.dispose();
    await voice.stop();
    await media.stop();
  });

  async function encodedOf(file: MediaFile): Promise<string> {
    const body = (await client.loadTracks(file.url)).body as { data: { encoded: string } };
    return body.data.encoded;
  }

  async function play(guildId: string, file: MediaFile, extra: Record<string, unknown> = {}): Promise<number> {
    const sent = performance.timeOrigin + performance.now();
    const voiceState = { token: `t-${guildId}`, endpoint: voice.endpoint, sessionId: 'vs', channelId: '90' };
    const response = await client.patchPlayer(guildId, {
      track: { encoded: await encodedOf(file) },
      voice: voiceState,
      ...extra,
    });
    expect(response.status).toBe(200);
    return sent;
  }

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const nowMs = (): number => performance.timeOrigin + performance.now();

  /** A new player on the 90-second song, once `frames` frames have arrived; resolves with the song's packets. */
  async function playLong(guildId: string, frames: number): Promise<Buffer[]> {
    const song = media.file('Opus Long');
    await play(guildId, song);
    await voice.waitForFrames(guildId, frames);
    return media.opusPackets(song);
  }

  it('plays an Ogg Opus file byte for byte (passthrough), one frame every 20 ms, every frame of the file', async () => {
    const guildId = nextGuild();
    const song = media.file('Opus A');
    const sent = await play(guildId, song);
    await client.waitForEvent(guildId, 'TrackEndEvent', { timeoutMs: 15_000 });
    await sleep(FRAME_BUFFER_MS); // TrackEndEvent comes before the last buffered frames are sent
    const frames = voice.framesFor(guildId);
    const source = await media.opusPackets(song);
    expect(identicalShare(frames, source)).toBe(1);
    const received = new Set(sourceIndexes(frames, source));
    const missing = [...source.keys()].filter((index) => !received.has(index));
    expect(missing).toEqual([]);
    expect(frames[0].time - sent).toBeLessThan(2_000);
    const indexes = sourceIndexes(frames, source);
    expect(indexes.slice(0, 50)).toEqual([...Array(50).keys()].map((i) => i + indexes[0]));
    expect(voice.speaking(guildId).some((s) => s.speaking > 0)).toBe(true);
  });

  it('transcodes an MP3 and a WebM file into Opus frames', async () => {
    for (const title of ['Mp3 Song', 'WebM Song']) {
      const guildId = nextGuild();
      await play(guildId, media.file(title));
      const frames = await voice.waitForFrames(guildId, 100);
      expect(frames.every((frame) => frame.opus.length > 3)).toBe(true);
    }
  });

  it('changes the payloads with volume 50 or a lowPass filter, and passes through again at volume 100 without filters', async () => {
    const guildId = nextGuild();
    const source = await playLong(guildId, 25);
    const windowAfter = async (patch: Record<string, unknown>): Promise<VoiceFrame[]> => {
      await client.patchPlayer(guildId, patch);
      await sleep(2 * FRAME_BUFFER_MS + 500); // frames already buffered go out as they were made
      const from = nowMs();
      await sleep(800);
      return voice.framesFor(guildId, { from });
    };
    expect(identicalShare(await windowAfter({ volume: 50 }), source)).toBe(0);
    expect(identicalShare(await windowAfter({ volume: 100 }), source)).toBe(1);
    expect(identicalShare(await windowAfter({ filters: { lowPass: { smoothing: 20 } } }), source)).toBe(0);
    expect(identicalShare(await windowAfter({ filters: {} }), source)).toBe(1);
  });

  it('stops the frames on pause and goes on from the same place on resume', async () => {
    const guildId = nextGuild();
    const source = await playLong(guildId, 50);
    await client.patchPlayer(guildId, { paused: true });
    await sleep(800);
    const pausedAt = nowMs();
    await sleep(1_000);
    expect(voice.framesFor(guildId, { from: pausedAt })).toHaveLength(0);
    const lastBefore = sourceIndexes(voice.framesFor(guildId).slice(-1), source)[0];
    const resumed = nowMs();
    await client.patchPlayer(guildId, { paused: false });
    const after = await voice.waitForFrames(guildId, 1, { from: resumed });
    expect(sourceIndexes(after.slice(0, 1), source)[0]).toBe(lastBefore + 1);
  });

  it('jumps to the seek position: the next frames are the file frames at that time', async () => {
    const guildId = nextGuild();
    const source = await playLong(guildId, 25);
    await client.patchPlayer(guildId, { position: 60_000 });
    await sleep(1_000);
    const from = nowMs();
    const frames = await voice.waitForFrames(guildId, 10, { from });
    const index = sourceIndexes(frames.slice(0, 1), source)[0];
    // 20 ms a frame: 60 s is frame 3000 (plus what played since the seek)
    expect(index).toBeGreaterThanOrEqual(3_000);
    expect(index).toBeLessThan(3_000 + 150);
  });

  it('starts a WebM track at a position, but fails an Ogg one (lavaplayer 2.2.6: NPE seeking Ogg before its first packet)', async () => {
    const webm = nextGuild();
    await play(webm, media.file('WebM Song'), { position: 2_000 });
    await voice.waitForFrames(webm, 25);
    const ogg = nextGuild();
    await play(ogg, media.file('Opus Long'), { position: 5_000 });
    const failed = await client.waitForEvent(ogg, 'TrackExceptionEvent');
    expect(failed.message.exception).toMatchObject({ message: 'Something went wrong when seeking to a position.' });
  });

  it('leaves a short silence when the client starts the next song on TrackEndEvent', async () => {
    const guildId = nextGuild();
    await play(guildId, media.file('Opus A'));
    const nextEncoded = await encodedOf(media.file('Opus B'));
    await client.waitForEvent(guildId, 'TrackEndEvent', { timeoutMs: 15_000 });
    // Only an end that comes after the next song was sent is the next song's end.
    const sentAt = client.messages.length;
    await client.patchPlayer(guildId, { track: { encoded: nextEncoded } });
    await client.waitForEvent(guildId, 'TrackEndEvent', { timeoutMs: 15_000, after: sentAt });
    const a = new Set((await media.opusPackets(media.file('Opus A'))).map((p) => p.toString('base64')));
    const frames = voice.framesFor(guildId);
    const lastOfA = frames.filter((frame) => a.has(frame.opus.toString('base64'))).at(-1) as VoiceFrame;
    const firstOfB = frames.find((frame) => frame.time > lastOfA.time) as VoiceFrame;
    const gapMs = firstOfB.time - lastOfA.time;
    process.stdout.write(`track change gap without look-ahead: ${gapMs.toFixed(1)} ms\n`);
    expect(gapMs).toBeLessThan(1_500);
  });
});
