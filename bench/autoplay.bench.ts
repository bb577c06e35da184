/**
 * Autoplay for a room of 10 listeners, as the app runs it: profiles and history from the ports,
 * every candidate source answering from its cache (Deezer and Last.fm warmed through the local
 * stand-ins, the cache kept in memory), then the engine's pick. Reports the end-to-end time of
 * gather + pick and the CPU time of the pick alone. (`recs.pick.*` is the engine's own bench.)
 * Run alone: `node -r @swc-node/register bench/autoplay.bench.ts`.
 */
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { HistoryEntry, ListenerProfile, WeightedRef } from '@accord/recommender';
import { seededRandom } from '@accord/recommender';
import { deezerApiStandIn, type DeezerWorldArtist } from '@accord/testkit/deezer-api';
import { lastfmApiStandIn, type LastfmWorld } from '@accord/testkit/lastfm-api';
import { artistKey, parseTrackKey, trackKey } from '@accord/track-identity';
import type { AppConfig } from '../apps/accord/src/config/app-config';
import { CandidateGatherer } from '../apps/accord/src/domain/discovery/candidate-gatherer.service';
import { DeezerClient } from '../apps/accord/src/adapters/deezer/deezer.client';
import { LastfmClient } from '../apps/accord/src/adapters/lastfm/lastfm.client';
import { SimilarCacheService } from '../apps/accord/src/domain/discovery/similar-cache.service';
import type { SimilarRepository } from '../apps/accord/src/domain/discovery/similar.repository';
import { CoListeningSource } from '../apps/accord/src/domain/discovery/sources/co-listening.source';
import { DeezerSource } from '../apps/accord/src/domain/discovery/sources/deezer.source';
import { LastfmSource } from '../apps/accord/src/domain/discovery/sources/lastfm.source';
import { ListenerLibrarySource } from '../apps/accord/src/domain/discovery/sources/listener-library.source';
import { YoutubeMixSource } from '../apps/accord/src/domain/discovery/sources/youtube-mix.source';
import type { GuildSettingsService } from '../apps/accord/src/domain/guilds/guild-settings.service';
import { DEFAULT_GUILD_SETTINGS } from '../apps/accord/src/domain/guilds/guild-settings.types';
import type { LavalinkService } from '../apps/accord/src/adapters/lavalink/lavalink.service';
import type { PlaybackService } from '../apps/accord/src/domain/playback/playback.service';
import type { PlayableTrack, SessionSnapshot } from '../apps/accord/src/domain/playback/playback.types';
import { AutoplayService } from '../apps/accord/src/use-cases/autoplay/autoplay.service';
import type { ListenerDirectory } from '../apps/accord/src/adapters/discord-client/listener-directory';
import type { CoListenedTrack, GuildHistoryPort } from '../apps/accord/src/domain/history/guild-history.port';
import type { ListenerProfilesPort } from '../apps/accord/src/domain/preferences/listener-profiles.port';
import { percentile, round, type BenchResult } from './bench-result';
import type { TasteModelService } from '../apps/accord/src/domain/taste-model/taste-model.service';

const LISTENERS = 10;
const ARTISTS = 600;
const TAGS = 80;
const HISTORY = 300;
const WARMUP = 10;
const RUNS = 100;

const random = seededRandom(7);
const int = (n: number): number => Math.floor(random() * n);
const artistName = (i: number): string => `Artist ${i}`;
const songTitle = (artist: number, n: number): string => `Song ${n} of ${artist}`;

/** A small world for the stand-ins: every artist has related artists and top tracks. */
function deezerWorld(): DeezerWorldArtist[] {
  return Array.from({ length: ARTISTS }, (_, i) => ({
    id: i + 1,
    name: artistName(i),
    related: Array.from({ length: 6 }, () => int(ARTISTS) + 1),
    top: Array.from({ length: 3 }, (_, n) => ({ id: (i + 1) * 10 + n, title: songTitle(i, n) })),
  }));
}

function lastfmWorld(): LastfmWorld {
  const world: Required<LastfmWorld> = { similarTracks: {}, similarArtists: {}, topTracks: {} };
  for (let i = 0; i < ARTISTS; i++) {
    world.similarArtists[artistName(i)] = Array.from({ length: 6 }, () => ({
      name: artistName(int(ARTISTS)),
      match: random(),
    }));
    world.topTracks[artistName(i)] = Array.from({ length: 3 }, (_, n) => songTitle(i, n));
    for (let n = 0; n < 3; n++) {
      world.similarTracks[`${artistName(i)} - ${songTitle(i, n)}`] = Array.from({ length: 30 }, () => {
        const other = int(ARTISTS);
        return { artist: artistName(other), title: songTitle(other, int(3)), match: random() };
      });
    }
  }
  return world;
}

const ref = (id: string, name: string): WeightedRef => ({ id, name, weight: 1 + random() * 10 });
const songRef = (): WeightedRef => {
  const a = int(ARTISTS);
  const n = int(3);
  return ref(trackKey({ artist: artistName(a), title: songTitle(a, n) }), `${artistName(a)} - ${songTitle(a, n)}`);
};

function profiles(): ListenerProfile[] {
  return Array.from({ length: LISTENERS }, (_, l) => ({
    userId: `user${l}`,
    displayName: `User ${l}`,
    topArtists: Array.from({ length: 100 }, () => {
      const a = int(ARTISTS);
      return ref(artistKey(artistName(a)), artistName(a));
    }),
    topTags: Array.from({ length: 20 }, () => {
      const t = int(TAGS);
      return ref(`tag${t}`, `tag ${t}`);
    }),
    tracks: Array.from({ length: 300 }, songRef),
    likedTrackKeys: Array.from({ length: 20 }, () => songRef().id),
    dislikedTrackKeys: Array.from({ length: 5 }, () => songRef().id),
    playCount: 200,
  }));
}

function history(now: number): HistoryEntry[] {
  return Array.from({ length: HISTORY }, (_, i) => {
    const song = songRef();
    return {
      trackKey: song.id,
      artistKey: parseTrackKey(song.id)!.artist,
      startedAt: now - i * 240_000,
      listeners: Array.from({ length: LISTENERS }, (_, l) => `user${l}`).filter(() => random() < 0.7),
      source: i % 3 === 0 ? 'request' : 'autoplay',
      outcome: 'finished',
    };
  });
}

function coListened(): CoListenedTrack[] {
  return Array.from({ length: 150 }, () => {
    const a = int(ARTISTS);
    const title = songTitle(a, int(3));
    return {
      trackKey: trackKey({ artist: artistName(a), title }),
      artistKey: artistKey(artistName(a)),
      artistName: artistName(a),
      title,
      similarTo: songRef().id,
      strength: random(),
      popularity: random(),
    };
  });
}

/** The `similar` collection in memory: the bench measures autoplay, not the database. */
function memoryRepository(): SimilarRepository {
  const store = new Map<string, unknown>();
  return {
    find: (source: string, key: string) => Promise.resolve(store.get(`${source}\n${key}`)),
    save: (source: string, key: string, payload: unknown) => {
      store.set(`${source}\n${key}`, payload);
      return Promise.resolve();
    },
    deleteExpired: () => Promise.resolve(0),
  } as unknown as SimilarRepository;
}

function mixOf(): Promise<{ type: 'playlist'; name: string; selectedIndex: number; tracks: PlayableTrack[] }> {
  const tracks = Array.from({ length: 25 }, (_, n): PlayableTrack => {
    const a = int(ARTISTS);
    return {
      encoded: 'QAAA',
      identifier: `vid${String(n).padStart(8, '0')}`,
      title: `${artistName(a)} - ${songTitle(a, int(3))} (Official Video)`,
      author: `${artistName(a)}VEVO`,
      durationMs: 200_000,
      isStream: false,
      isSeekable: true,
      sourceName: 'youtube',
    };
  });
  return Promise.resolve({ type: 'playlist', name: 'Mix', selectedIndex: 0, tracks });
}

export async function run(): Promise<BenchResult[]> {
  const deezer = deezerApiStandIn(deezerWorld());
  const lastfm = lastfmApiStandIn(lastfmWorld());
  try {
    const now = Date.now();
    const room = profiles();
    const plays = history(now);
    const coplays = coListened();
    const historyPort: GuildHistoryPort = {
      recentHistory: () => Promise.resolve(plays),
      coListened: () => Promise.resolve(coplays),
    };
    const profilesPort: ListenerProfilesPort = { profilesOf: () => Promise.resolve(room) };
    const cache = new SimilarCacheService(memoryRepository());
    const lavalink = { load: mixOf } as unknown as LavalinkService;
    const gatherer = new CandidateGatherer([
      new ListenerLibrarySource(),
      new CoListeningSource(historyPort, cache),
      new LastfmSource(new LastfmClient('bench-key'), cache),
      new DeezerSource(new DeezerClient(), cache),
      new YoutubeMixSource(lavalink, cache),
    ]);
    const current: PlayableTrack = {
      encoded: 'QAAA',
      identifier: 'abcdefghijk',
      sourceName: 'youtube',
      title: `${artistName(1)} - ${songTitle(1, 0)}`,
      author: artistName(1),
      durationMs: 240_000,
      isStream: false,
      isSeekable: true,
    };
    const snapshot: SessionSnapshot = {
      guildId: 'bench-guild',
      voiceChannelId: 'voice',
      textChannelId: 'text',
      current: {
        entry: { id: 'current', track: current, source: 'request', requestedBy: 'user0', addedAt: new Date() },
        positionMs: 0,
        paused: false,
        startedAt: new Date(),
      },
      queue: [],
      loop: 'off',
      volume: 100,
      filter: null,
      twentyFourSeven: false,
      listeners: room.map((profile) => profile.userId),
      transcoding: false,
      node: 'node-1',
    };
    const settings = { ...DEFAULT_GUILD_SETTINGS, guildId: 'bench-guild' };
    const sut = new AutoplayService(
      { snapshot: () => snapshot } as unknown as PlaybackService,
      { get: () => Promise.resolve(settings) } as unknown as GuildSettingsService,
      gatherer,
      historyPort,
      profilesPort,
      { nameOf: (_g: string, id: string) => id } as ListenerDirectory,
      new EventEmitter2(),
      { discord: { clientId: 'bot' }, playback: { lookAheadS: 30 } } as AppConfig,
      { resolveForPlayback: () => Promise.resolve(null), reportLoadFailure: () => Promise.resolve(null) },
      { roomModel: () => undefined, status: () => null } as unknown as TasteModelService,
    );

    const wall: number[] = [];
    const cpu: number[] = [];
    let candidates = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const started = performance.now();
      const attempt = await sut.attempt(snapshot, { settings });
      const ms = performance.now() - started;
      if (!attempt.ok) throw new Error(`no pick: ${attempt.detail ?? attempt.reason}`);
      if (i < WARMUP) continue;
      wall.push(ms);
      cpu.push(attempt.value.record.pickCpuMs);
      candidates = attempt.value.record.reports.reduce((sum, report) => sum + report.count, 0);
    }
    sut.onApplicationShutdown();
    return [
      { name: 'recs.autoplay.end_to_end.median_ms', value: round(percentile(wall, 50)), unit: 'ms', better: 'lower' },
      { name: 'recs.autoplay.end_to_end.p99_ms', value: round(percentile(wall, 99)), unit: 'ms', better: 'lower' },
      {
        name: 'recs.autoplay.pick_cpu.10_listeners.median_ms',
        value: round(percentile(cpu, 50)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'recs.autoplay.pick_cpu.10_listeners.p99_ms',
        value: round(percentile(cpu, 99)),
        unit: 'ms',
        better: 'lower',
      },
      { name: 'recs.autoplay.candidates_per_pick', value: candidates, unit: 'count', better: 'higher' },
    ];
  } finally {
    deezer.stop();
    lastfm.stop();
  }
}

if (require.main === module) {
  run()
    .then((results) => {
      for (const result of results) process.stdout.write(`${result.name}\t${result.value} ${result.unit}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
