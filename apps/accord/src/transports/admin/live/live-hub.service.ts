import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  AdminError,
  AdminErrorCode,
  CatalogEvent,
  DomainEvent,
  type TrackRepinnedEvent,
  type TrackStartedEvent,
} from '@accord/core';
import { LIVE_QUEUE_HEAD, type LiveChannel } from '@accord/contracts';
import { LogRing } from '../../../logging/log-ring';
import {
  PlaybackEvent,
  type SessionChangedEvent,
  type SessionEndedEvent,
} from '../../../domain/playback/playback.events';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { GuildAccessService } from '../access/guild-access.service';
import { AdminApiMapper } from '../admin-api.mapper';
import { SESSION_ENDED_EVENT } from '../auth/admin-session.service';
import { AdminGuildsService } from '../guilds/admin-guilds.service';
import { AdminSystemService } from '../system/admin-system.service';
import { LiveClientRegistry, type LiveClient } from './live-client.registry';

const TICK_MS = 1_000;
const NODES_EVERY_MS = 5_000;
const OWNER: LiveChannel = 'owner';
const CHANNEL = /^(owner|guild:\d{17,20})$/;
const MAX_CHANNELS_PER_CLIENT = 50;

/**
 * What the panel's live socket carries. Guild channels get the playhead every second while
 * something plays (one timer per watched guild, stopped when nobody watches), and queue, listener
 * and player changes as playback announces them; the owner channel gets every log line, every
 * re-pin of a song and the Lavalink nodes every five seconds.
 */
@Injectable()
export class LiveHubService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveHubService.name);
  private readonly timers = new Map<LiveChannel, NodeJS.Timeout>();
  private stopLogs?: () => void;
  private inLogListener = false;

  constructor(
    private readonly registry: LiveClientRegistry,
    private readonly playback: PlaybackService,
    private readonly guilds: AdminGuildsService,
    private readonly system: AdminSystemService,
    private readonly access: GuildAccessService,
    private readonly ring: LogRing,
  ) {}

  onModuleInit(): void {
    this.registry.onChannelEmpty = (channel) => this.stopTimer(channel);
    this.stopLogs = this.ring.subscribe((entry) => {
      // A log line written while publishing one (a dropped client) must not publish again.
      if (this.inLogListener || !this.registry.hasSubscribers(OWNER)) return;
      this.inLogListener = true;
      try {
        this.registry.publish(OWNER, { event: 'log', data: AdminApiMapper.logEntry(entry) });
      } finally {
        this.inLogListener = false;
      }
    });
  }

  onModuleDestroy(): void {
    this.stopLogs?.();
    for (const channel of [...this.timers.keys()]) this.stopTimer(channel);
  }

  async subscribe(client: LiveClient, data: unknown): Promise<void> {
    const channel = channelOf(data);
    if (!channel) {
      return this.registry.sendTo(client, {
        event: 'error',
        data: { code: 'INVALID_CHANNEL', message: 'channel must be "owner" or "guild:<id>".' },
      });
    }
    if (client.channels.size >= MAX_CHANNELS_PER_CLIENT && !client.channels.has(channel)) {
      return this.registry.sendTo(client, {
        event: 'error',
        data: {
          code: 'TOO_MANY_CHANNELS',
          message: `At most ${MAX_CHANNELS_PER_CLIENT} channels a connection.`,
          channel,
        },
      });
    }
    try {
      if (channel === OWNER) {
        if (!client.session.owner) throw new AdminError(AdminErrorCode.OwnerOnly, 'Only the bot owner can watch this.');
      } else {
        await this.access.require(client.session, guildOf(channel), 'dj');
      }
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      return this.registry.sendTo(client, {
        event: 'error',
        data: { code: error.code, message: error.message, channel },
      });
    }
    if (this.registry.join(client, channel)) this.startTimer(channel);
    this.registry.sendTo(client, { event: 'subscribed', data: { channel } });
    await this.sendInitial(client, channel);
  }

  unsubscribe(client: LiveClient, data: unknown): void {
    const channel = channelOf(data);
    if (!channel) return;
    this.registry.leave(client, channel);
    this.registry.sendTo(client, { event: 'unsubscribed', data: { channel } });
  }

  // --- playback events -------------------------------------------------------------------

  @OnEvent(PlaybackEvent.SessionChanged)
  async onSessionChanged(event: SessionChangedEvent): Promise<void> {
    const channel: LiveChannel = `guild:${event.guildId}`;
    if (!this.registry.hasSubscribers(channel)) return;
    switch (event.change) {
      case 'queue':
        this.publishQueue(event.guildId);
        break;
      case 'listeners':
        this.publishListeners(event.guildId);
        break;
      case 'track':
        this.publishNowPlaying(event.guildId);
        this.publishQueue(event.guildId);
        break;
      case 'pause':
      case 'seek':
        this.publishNowPlaying(event.guildId);
        break;
      case 'loop':
      case 'volume':
      case 'filter':
      case 'settings':
        break;
    }
    await this.publishPlayer(event.guildId);
  }

  @OnEvent(PlaybackEvent.SessionEnded)
  async onSessionEnded(event: SessionEndedEvent): Promise<void> {
    if (!this.registry.hasSubscribers(`guild:${event.guildId}`)) return;
    this.publishNowPlaying(event.guildId);
    this.publishQueue(event.guildId);
    this.publishListeners(event.guildId);
    await this.publishPlayer(event.guildId);
  }

  @OnEvent(DomainEvent.TrackStarted)
  onTrackStarted(event: TrackStartedEvent): void {
    if (event.source !== 'autoplay' && event.source !== 'discovery') return;
    this.registry.publish(`guild:${event.guildId}`, {
      event: 'autoplay',
      data: {
        guildId: event.guildId,
        track: { title: event.track.title, author: event.track.author, durationMs: event.track.durationMs },
        source: event.source,
        reason: event.reason ?? null,
        at: event.at.toISOString(),
      },
    });
  }

  // --- catalog events --------------------------------------------------------------------

  @OnEvent(CatalogEvent.TrackRepinned)
  onTrackRepinned(event: TrackRepinnedEvent): void {
    this.registry.publish(OWNER, {
      event: 'trackRepinned',
      data: {
        trackId: event.trackId,
        key: event.key,
        previousYoutubeId: event.previousYoutubeId,
        youtubeId: event.youtubeId,
        by: event.by,
        at: event.at.toISOString(),
      },
    });
  }

  @OnEvent(SESSION_ENDED_EVENT)
  onPanelSessionEnded(idHash: string): void {
    this.registry.endSession(idHash);
  }

  // --- frames ----------------------------------------------------------------------------

  publishNowPlaying(guildId: string): void {
    const nowPlaying = AdminApiMapper.nowPlaying(this.playback.snapshot(guildId)?.current ?? null);
    this.registry.publish(`guild:${guildId}`, { event: 'nowPlaying', data: { guildId, nowPlaying } });
  }

  private publishQueue(guildId: string): void {
    const page = this.guilds.queue(guildId, 0, LIVE_QUEUE_HEAD);
    this.registry.publish(`guild:${guildId}`, {
      event: 'queue',
      data: { guildId, total: page.total, head: page.items },
    });
  }

  private publishListeners(guildId: string): void {
    this.registry.publish(`guild:${guildId}`, {
      event: 'listeners',
      data: { guildId, listeners: this.guilds.listeners(guildId) },
    });
  }

  private async publishPlayer(guildId: string): Promise<void> {
    this.registry.publish(`guild:${guildId}`, { event: 'player', data: await this.guilds.player(guildId) });
  }

  private async sendInitial(client: LiveClient, channel: LiveChannel): Promise<void> {
    if (channel === OWNER) {
      this.registry.sendTo(client, { event: 'nodes', data: this.system.nodes() });
      return;
    }
    const guildId = guildOf(channel);
    const page = this.guilds.queue(guildId, 0, LIVE_QUEUE_HEAD);
    const nowPlaying = AdminApiMapper.nowPlaying(this.playback.snapshot(guildId)?.current ?? null);
    this.registry.sendTo(client, { event: 'player', data: await this.guilds.player(guildId) });
    this.registry.sendTo(client, { event: 'nowPlaying', data: { guildId, nowPlaying } });
    this.registry.sendTo(client, { event: 'queue', data: { guildId, total: page.total, head: page.items } });
    this.registry.sendTo(client, { event: 'listeners', data: { guildId, listeners: this.guilds.listeners(guildId) } });
  }

  // --- timers ----------------------------------------------------------------------------

  private startTimer(channel: LiveChannel): void {
    if (this.timers.has(channel)) return;
    const timer =
      channel === OWNER
        ? setInterval(() => this.tickNodes(), NODES_EVERY_MS)
        : setInterval(() => this.tickGuild(guildOf(channel)), TICK_MS);
    timer.unref();
    this.timers.set(channel, timer);
  }

  private stopTimer(channel: LiveChannel): void {
    clearInterval(this.timers.get(channel));
    this.timers.delete(channel);
  }

  private tickGuild(guildId: string): void {
    const current = this.playback.snapshot(guildId)?.current;
    if (current && !current.paused) this.publishNowPlaying(guildId);
  }

  private tickNodes(): void {
    try {
      this.registry.publish(OWNER, { event: 'nodes', data: this.system.nodes() });
    } catch (error) {
      this.logger.warn(`Could not publish node stats: ${String(error)}`);
    }
  }
}

function channelOf(data: unknown): LiveChannel | null {
  const channel = typeof data === 'object' && data !== null ? (data as { channel?: unknown }).channel : undefined;
  return typeof channel === 'string' && CHANNEL.test(channel) ? (channel as LiveChannel) : null;
}

function guildOf(channel: LiveChannel): string {
  return channel.slice('guild:'.length);
}
