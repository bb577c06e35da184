import type { Guild, GuildMember, User } from 'discord.js';
import type {
  FilterPresetName,
  GuildSettingsDto,
  ListenerDto,
  LogEntryDto,
  NowPlayingDto,
  PlayerStateDto,
  QueueEntryDto,
  TrackDto,
} from '@accord/contracts';
import type { GuildSettings } from '../../domain/guilds/guild-settings.types';
import type { LogEntry } from '../../logging/log-ring';
import type {
  FilterPreset,
  NowPlaying,
  PlayableTrack,
  QueueEntry,
  SessionSnapshot,
} from '../../domain/playback/playback.types';

/** The contract's preset names are the bot's presets: this fails to compile when they drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const presetsMatch: Same<FilterPreset, FilterPresetName> = true;
void presetsMatch;

/** How playback, settings and logs look over the admin API (REST and WebSocket alike). */
export const AdminApiMapper = {
  track(track: PlayableTrack): TrackDto {
    return {
      title: track.title,
      author: track.author,
      uri: track.uri ?? null,
      artworkUrl: track.artworkUrl ?? null,
      durationMs: track.durationMs,
      isStream: track.isStream,
      identifier: track.identifier ?? null,
      trackKey: track.trackKey ?? null,
      sourceName: track.sourceName ?? null,
    };
  },

  entry(entry: QueueEntry): Omit<QueueEntryDto, 'position'> {
    return {
      id: entry.id,
      track: AdminApiMapper.track(entry.track),
      requestedBy: entry.requestedBy ?? null,
      source: entry.source,
      reason: entry.reason ?? null,
      addedAt: new Date(entry.addedAt).toISOString(),
    };
  },

  queueEntry(entry: QueueEntry, position: number): QueueEntryDto {
    return { ...AdminApiMapper.entry(entry), position };
  },

  nowPlaying(current: NowPlaying | null): NowPlayingDto | null {
    if (!current) return null;
    return {
      entry: AdminApiMapper.entry(current.entry),
      positionMs: current.positionMs,
      paused: current.paused,
      startedAt: new Date(current.startedAt).toISOString(),
      skippedSegments: (current.skippedSegments ?? []).map(({ category, startMs, endMs }) => ({
        category,
        startMs,
        endMs,
      })),
    };
  },

  /** A guild's player; without a session, the settings say what a new one would start with. */
  playerState(guildId: string, snapshot: SessionSnapshot | null, settings: GuildSettings): PlayerStateDto {
    if (!snapshot) {
      return {
        guildId,
        active: false,
        voiceChannelId: null,
        current: null,
        queueLength: 0,
        loop: 'off',
        volume: settings.defaultVolume,
        filter: null,
        twentyFourSeven: settings.twentyFourSeven,
        listenerCount: 0,
        transcoding: settings.defaultVolume !== 100,
        node: null,
      };
    }
    return {
      guildId,
      active: true,
      voiceChannelId: snapshot.voiceChannelId,
      current: AdminApiMapper.nowPlaying(snapshot.current),
      queueLength: snapshot.queue.length,
      loop: snapshot.loop,
      volume: snapshot.volume,
      filter: snapshot.filter,
      twentyFourSeven: snapshot.twentyFourSeven,
      listenerCount: snapshot.listeners.length,
      transcoding: snapshot.transcoding,
      node: snapshot.node,
    };
  },

  settings(settings: GuildSettings): GuildSettingsDto {
    return {
      guildId: settings.guildId,
      djRoleId: settings.djRoleId,
      defaultVolume: settings.defaultVolume,
      idleTimeoutS: settings.idleTimeoutS,
      twentyFourSeven: settings.twentyFourSeven,
      announceChannelId: settings.announceChannelId,
      allowedFilters: [...settings.allowedFilters],
      autoplay: settings.autoplay,
      discoveryShare: settings.discoveryShare,
      trackCooldownMs: settings.trackCooldownMs,
      artistSpacing: settings.artistSpacing,
      skipSegments: [...settings.skipSegments],
      language: settings.language,
    };
  },

  listener(userId: string, guild: Guild | undefined, fallback: User | undefined): ListenerDto {
    const member: GuildMember | undefined = guild?.members.cache.get(userId);
    const user = member?.user ?? fallback;
    return {
      id: userId,
      username: user?.username ?? null,
      displayName: member?.displayName ?? user?.globalName ?? user?.username ?? null,
      avatarUrl: (member ?? user)?.displayAvatarURL({ size: 64 }) ?? null,
    };
  },

  logEntry(entry: LogEntry): LogEntryDto {
    return {
      seq: entry.seq,
      at: entry.at,
      level: entry.level,
      context: entry.context ?? null,
      correlationId: entry.correlationId ?? null,
      message: entry.message,
      meta: entry.meta ?? null,
    };
  },
};
