import { Injectable } from '@nestjs/common';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import { VoicePresenceService } from '../../adapters/discord-client/voice-presence.service';
import { GuildSettingsService } from '../guilds/guild-settings.service';
import { GuildSession } from './guild-session';
import type { SessionEndedEvent } from './playback.events';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';

/**
 * A session's life in its voice channel: it starts with the guild's settings, joins (after a leave
 * still in progress there), leaves when idle or kicked, and ends with its stored copy cleared.
 */
@Injectable()
export class SessionLifecycleService {
  /** Leaves still tearing the player down; a new session in that guild waits for them. */
  private readonly leaving = new Map<string, Promise<void>>();
  /** The join under way in each guild and the session it is for; a second join waits for it. */
  private readonly joining = new Map<string, { session: GuildSession; joined: Promise<void> }>();

  constructor(
    private readonly store: SessionStore,
    private readonly publisher: TrackEventPublisher,
    private readonly lavalink: LavalinkService,
    private readonly settings: GuildSettingsService,
    private readonly presence: VoicePresenceService,
  ) {}

  /** Starts a session in a guild, or returns the live one another request started meanwhile. */
  async create(guildId: string, voiceChannelId: string, textChannelId: string): Promise<GuildSession> {
    const settings = await this.settings.get(guildId);
    const started = this.store.get(guildId);
    if (started) return started;
    const session = new GuildSession(guildId, voiceChannelId, settings.announceChannelId ?? textChannelId);
    session.volume = settings.defaultVolume;
    session.twentyFourSeven = settings.twentyFourSeven;
    this.store.add(session);
    return session;
  }

  /**
   * Joins the session's voice channel (on `node` when given) and starts watching who listens. One
   * join per guild at a time: a second join while one is under way makes kazagumo drop the first's
   * voice connection, leaving the guild without a player. So a caller waits for the join under way;
   * when it joined this session, that is its join too, otherwise (it failed, or was for another
   * session) the caller joins after it.
   */
  async connect(session: GuildSession, node?: string): Promise<void> {
    for (let under = this.joining.get(session.guildId); under; under = this.joining.get(session.guildId)) {
      const joined = await under.joined.then(
        () => true,
        () => false,
      );
      if (joined && under.session === session && this.lavalink.hasPlayer(session.guildId)) return;
    }
    const joined = this.join(session, node).finally(() => {
      if (this.joining.get(session.guildId)?.joined === joined) this.joining.delete(session.guildId);
    });
    this.joining.set(session.guildId, { session, joined });
    await joined;
  }

  private async join(session: GuildSession, node?: string): Promise<void> {
    await this.leaving.get(session.guildId);
    session.node = await this.lavalink.join({
      guildId: session.guildId,
      voiceChannelId: session.voiceChannelId,
      textChannelId: session.textChannelId,
      node,
    });
    session.listeners = this.presence.track(session.guildId, session.voiceChannelId);
  }

  async end(session: GuildSession, reason: SessionEndedEvent['reason']): Promise<void> {
    session.ended = true;
    this.cancelTimers(session);
    if (session.current) this.publisher.endCurrent(session, 'stopped');
    this.store.remove(session.guildId);
    this.presence.forget(session.guildId);
    const leaving = this.lavalink.leave(session.guildId).finally(() => {
      if (this.leaving.get(session.guildId) === leaving) this.leaving.delete(session.guildId);
    });
    this.leaving.set(session.guildId, leaving);
    await leaving;
    // The stored session is cleared before the answer when the database is there; while it is
    // away the clear goes on in the background, so a stop is never held up or undone by an outage.
    await this.store.withinReplyWait(this.store.clearStored(session.guildId));
    this.publisher.sessionEnded(session, reason);
  }

  /** Leaves after the guild's idle timeout when nobody listens or nothing plays, unless 24/7. */
  startIdleTimer(session: GuildSession): void {
    clearTimeout(session.idleTimer);
    if (session.twentyFourSeven || this.store.stopping) return;
    const idle = session.listeners.length === 0 || !session.current;
    if (!idle) return;
    void this.settings.get(session.guildId).then(({ idleTimeoutS }) => {
      if (!this.store.isLive(session)) return;
      clearTimeout(session.idleTimer);
      session.idleTimer = setTimeout(() => {
        if (!this.store.isLive(session)) return;
        if (session.listeners.length === 0 || !session.current) void this.end(session, 'idle').catch(() => undefined);
      }, idleTimeoutS * 1000);
      session.idleTimer.unref();
    });
  }

  cancelIdleTimer(session: GuildSession): void {
    clearTimeout(session.idleTimer);
  }

  cancelTimers(session: GuildSession): void {
    clearTimeout(session.idleTimer);
    clearTimeout(session.lookAheadTimer);
  }

  /**
   * Voice closed with 4014: disconnected (kicked, or the channel was deleted) unless the bot shows
   * up in another channel within a second (a move, which the presence watcher reports).
   */
  endIfKicked(session: GuildSession): void {
    setTimeout(() => {
      if (!this.store.isLive(session)) return;
      const channel = this.presence.botChannel(session.guildId);
      if (!channel) void this.end(session, 'kicked').catch(() => undefined);
    }, 1_000).unref();
  }
}
