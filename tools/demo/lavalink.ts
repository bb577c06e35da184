import { randomBytes } from 'node:crypto';
import { FakeLavalinkNode, type CatalogueTrack } from '@accord/testkit/lavalink';
import {
  FakeVoiceServer,
  MediaLibrary,
  RealLavalinkNode,
  ensureBenchSearchPlugin,
  realLavalinkAvailability,
  testCertificates,
} from '@accord/testkit/lavalink-real';

/** The song a Lavalink node plays in a guild, as far as the demo can tell. */
export interface NowPlaying {
  title: string;
  lengthMs: number;
}

/** The demo's Lavalink: the fake node, or the real one playing generated songs into a fake voice server. */
export interface DemoLavalink {
  kind: 'fake' | 'real';
  /** `LAVALINK_NODES` for the bot. */
  nodes: string;
  /** More environment for the bot. */
  env: Record<string, string>;
  /** Where the fake Discord's VOICE_SERVER_UPDATE points (the real node connects there). */
  voiceEndpoint?: string;
  /** What the node plays in the guild (the fake's own player); null when the demo must ask Discord instead. */
  playing(guildId: string): NowPlaying | null | undefined;
  stop(): Promise<void>;
}

/**
 * Which Lavalink the demo runs: the real node when Java 17+, ffmpeg and the Lavalink jar
 * (`LAVALINK_JAR`, else ../shared/lavalink/Lavalink.jar) are here, unless `DEMO_LAVALINK=fake`;
 * the fake one otherwise (or with `DEMO_LAVALINK=fake`). Says why when it falls back.
 */
export function lavalinkChoice(requested: string | undefined): { kind: 'fake' | 'real'; note?: string } {
  if (requested === 'fake') return { kind: 'fake' };
  const available = realLavalinkAvailability();
  if (available.ok) return { kind: 'real' };
  const note = `The real Lavalink is not used: ${available.reason}; the fake one plays instead.`;
  if (requested === 'real') throw new Error(`DEMO_LAVALINK=real, but ${available.reason}.`);
  return { kind: 'fake', note };
}

export async function startFakeLavalink(catalogue: CatalogueTrack[], speed: number): Promise<DemoLavalink> {
  const node = new FakeLavalinkNode({
    name: 'demo',
    password: randomBytes(12).toString('hex'),
    catalogue,
    playerUpdateIntervalMs: 1_000,
    timeScale: speed,
  });
  await node.start();
  return {
    kind: 'fake',
    nodes: `${node.nodeOption.name}:${node.nodeOption.auth}@${node.url}`,
    env: {},
    playing: (guildId) => {
      const track = node.player(guildId)?.track;
      return track ? { title: track.title, lengthMs: track.length } : null;
    },
    stop: () => node.stop(),
  };
}

/**
 * The real Lavalink 4 node of libs/testkit/src/lavalink-real: every song of the catalogue made
 * with ffmpeg (a tone, `songSeconds` long, WebM Opus as YouTube serves it), found by the bench
 * search plugin, played over Lavalink's own http source into the fake voice server.
 */
export async function startRealLavalink(catalogue: CatalogueTrack[], songSeconds: number): Promise<DemoLavalink> {
  const media = new MediaLibrary();
  const voice = new FakeVoiceServer();
  let node: RealLavalinkNode | undefined;
  const stop = async (): Promise<void> => {
    await node?.dispose();
    await voice.stop();
    await media.stop();
  };
  try {
    await media.start(
      catalogue.map((track) => ({
        artist: track.author,
        title: track.title,
        durationSeconds: songSeconds,
        format: 'webm' as const,
      })),
    );
    await voice.start();
    node = new RealLavalinkNode({
      name: 'demo',
      password: randomBytes(12).toString('hex'),
      trustStore: (await testCertificates()).trustStore,
      pluginsDir: await ensureBenchSearchPlugin(),
      catalogueUrl: media.baseUrl,
    });
    await node.start();
  } catch (error) {
    await stop();
    throw error;
  }
  const started = node;
  return {
    kind: 'real',
    nodes: `${started.name}:${started.password}@${started.host}:${started.port}`,
    // The generated songs are served on loopback: direct links to them are allowed for the demo.
    env: { DIRECT_LINKS: 'any' },
    voiceEndpoint: voice.endpoint,
    playing: () => undefined,
    stop,
  };
}
