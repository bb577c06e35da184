import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Clock } from '../../../adapters/database/clock';
import type { VoicePresenceService } from '../../../adapters/discord-client/voice-presence.service';
import type { LavalinkService, RemotePlayerState, StartOptions } from '../../../adapters/lavalink/lavalink.service';
import type { AppConfig } from '../../../config/app-config';
import type { TrackResolverPort } from '../../catalog/track-resolver.port';
import type { GuildRepository } from '../../guilds/guild.repository';
import type { PersistedSession } from '../../guilds/guild-session.types';
import type { GuildSettingsService } from '../../guilds/guild-settings.service';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings } from '../../guilds/guild-settings.types';
import { LookAheadService } from '../look-ahead.service';
import { PlayerCommandsService } from '../player-commands.service';
import { SessionLifecycleService } from '../session-lifecycle.service';
import { SessionRestoreService } from '../session-restore.service';
import { SessionStore } from '../session.store';
import { TrackEventPublisher } from '../track-event.publisher';
import { TrackSequencerService } from '../track-sequencer.service';

/** A clock the spec moves by hand. */
export class FakeClock implements Clock {
  constructor(private current = Date.parse('2025-01-01T12:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

type SessionPort = Pick<GuildRepository, 'saveSession' | 'saveSessionPosition' | 'clearSession' | 'findActiveSessions'>;

/** The `guilds` collection's sessions in memory; `down` makes every call fail like an unreachable MongoDB. */
export class FakeGuildRepository implements SessionPort {
  readonly stored = new Map<string, PersistedSession>();
  readonly positions: Array<{ guildId: string; positionMs: number }> = [];
  saves = 0;
  down = false;

  async saveSession(guildId: string, session: PersistedSession): Promise<void> {
    await this.reachable();
    this.saves += 1;
    this.stored.set(guildId, structuredClone(session));
  }

  /** While set, playhead writes wait for it (a write on its way). */
  positionGate?: Promise<void>;

  async saveSessionPosition(guildId: string, positionMs: number): Promise<void> {
    await this.reachable();
    await this.positionGate;
    this.positions.push({ guildId, positionMs });
  }

  async clearSession(guildId: string): Promise<void> {
    await this.reachable();
    this.stored.delete(guildId);
  }

  async findActiveSessions(): Promise<Array<{ guildId: string; session: PersistedSession }>> {
    await this.reachable();
    return [...this.stored].map(([guildId, session]) => ({ guildId, session }));
  }

  private async reachable(): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new Error('connection refused');
  }
}

type LavalinkPort = Pick<
  LavalinkService,
  | 'hasPlayer'
  | 'playerNode'
  | 'isAvailable'
  | 'join'
  | 'play'
  | 'stop'
  | 'setPaused'
  | 'seek'
  | 'setVolume'
  | 'setFilters'
  | 'leave'
  | 'remoteState'
  | 'adoptRemoteState'
>;

/** A Lavalink adapter that records what would have been sent to the node. */
export class FakeLavalink implements LavalinkPort {
  readonly players = new Map<string, string>();
  readonly sent: Array<{ op: string; guildId: string; args: unknown[] }> = [];
  remote: RemotePlayerState | null = null;
  joinFails = false;
  available = true;

  hasPlayer(guildId: string): boolean {
    return this.players.has(guildId);
  }

  playerNode(guildId: string): string | null {
    return this.players.get(guildId) ?? null;
  }

  isAvailable(): boolean {
    return this.available;
  }

  async join(options: { guildId: string; node?: string }): Promise<string> {
    await Promise.resolve();
    if (this.joinFails) throw new Error('cannot join');
    const node = options.node ?? 'node-1';
    this.players.set(options.guildId, node);
    this.sent.push({ op: 'join', guildId: options.guildId, args: [node] });
    return node;
  }

  async play(guildId: string, encoded: string, options: StartOptions = {}): Promise<void> {
    await this.record('play', guildId, encoded, options);
  }

  async stop(guildId: string): Promise<void> {
    await this.record('stop', guildId);
  }

  async setPaused(guildId: string, paused: boolean): Promise<void> {
    await this.record('setPaused', guildId, paused);
  }

  async seek(guildId: string, positionMs: number): Promise<void> {
    await this.record('seek', guildId, positionMs);
  }

  async setVolume(guildId: string, volume: number): Promise<void> {
    await this.record('setVolume', guildId, volume);
  }

  async setFilters(guildId: string, filters: object): Promise<void> {
    await this.record('setFilters', guildId, filters);
  }

  async leave(guildId: string): Promise<void> {
    this.players.delete(guildId);
    await this.record('leave', guildId);
  }

  async remoteState(): Promise<RemotePlayerState | null> {
    return Promise.resolve(this.remote);
  }

  adoptRemoteState(guildId: string, state: RemotePlayerState): void {
    this.sent.push({ op: 'adoptRemoteState', guildId, args: [state] });
  }

  ops(): string[] {
    return this.sent.map(({ op }) => op);
  }

  private async record(op: string, guildId: string, ...args: unknown[]): Promise<void> {
    await Promise.resolve();
    this.sent.push({ op, guildId, args });
  }
}

/** Guild settings in memory, the defaults unless a spec changes them. */
export class FakeGuildSettings implements Pick<GuildSettingsService, 'get' | 'update'> {
  readonly settings = new Map<string, GuildSettings>();
  /** Runs once, while the next read is on its way (a spec's way to let something happen meanwhile). */
  duringNextRead?: () => Promise<unknown>;

  async get(guildId: string): Promise<GuildSettings> {
    const during = this.duringNextRead;
    this.duringNextRead = undefined;
    await during?.();
    return this.settings.get(guildId) ?? { guildId, ...DEFAULT_GUILD_SETTINGS };
  }

  async update(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>): Promise<GuildSettings> {
    const next = { ...(await this.get(guildId)), ...patch };
    this.settings.set(guildId, next);
    return next;
  }
}

/** Who sits in the bot's voice channel. */
export class FakeVoicePresence implements Pick<VoicePresenceService, 'track' | 'forget' | 'botChannel'> {
  listeners = ['user-1'];

  track(): string[] {
    return [...this.listeners];
  }

  forget(): void {
    return undefined;
  }

  botChannel(): string | null {
    return 'voice-1';
  }
}

/** Playback's parts wired to fakes of their ports, as PlaybackModule wires them to the real ones. */
export interface PlaybackParts {
  clock: FakeClock;
  guilds: FakeGuildRepository;
  lavalink: FakeLavalink;
  settings: FakeGuildSettings;
  events: EventEmitter2;
  emitted: Array<{ name: string; payload: unknown }>;
  store: SessionStore;
  commands: PlayerCommandsService;
  restore: SessionRestoreService;
  sequencer: TrackSequencerService;
  publisher: TrackEventPublisher;
}

export function createPlaybackParts(
  options: { resolver?: TrackResolverPort; lookAheadS?: number } = {},
): PlaybackParts {
  const clock = new FakeClock();
  const guilds = new FakeGuildRepository();
  const lavalink = new FakeLavalink();
  const settings = new FakeGuildSettings();
  const presence = new FakeVoicePresence();
  const events = new EventEmitter2({ wildcard: true });
  const emitted: Array<{ name: string; payload: unknown }> = [];
  events.onAny((name, payload) => emitted.push({ name: String(name), payload }));
  const config = { playback: { lookAheadS: options.lookAheadS ?? 0 } } as AppConfig;

  const adapter = lavalink as unknown as LavalinkService;
  const guildSettings = settings as unknown as GuildSettingsService;
  const store = new SessionStore(guilds as unknown as GuildRepository, events, clock);
  const publisher = new TrackEventPublisher(events, clock);
  const lookAhead = new LookAheadService(store, publisher, config, clock, options.resolver);
  const lifecycle = new SessionLifecycleService(
    store,
    publisher,
    adapter,
    guildSettings,
    presence as unknown as VoicePresenceService,
  );
  const sequencer = new TrackSequencerService(store, lifecycle, lookAhead, publisher, adapter, clock);
  const commands = new PlayerCommandsService(
    store,
    lifecycle,
    sequencer,
    lookAhead,
    publisher,
    adapter,
    guildSettings,
    clock,
  );
  const restore = new SessionRestoreService(store, lifecycle, sequencer, lookAhead, adapter, guildSettings, clock);
  return { clock, guilds, lavalink, settings, events, emitted, store, commands, restore, sequencer, publisher };
}
