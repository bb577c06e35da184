import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type TrackStartedEvent } from '@accord/core';
import { t, type Language } from '@accord/i18n';
import {
  PlaybackEvent,
  type QueueFinishedEvent,
  type SessionChangedEvent,
  type SessionEndedEvent,
  type TrackCutShortEvent,
  type TrackFailedEvent,
  type TrackFailure,
} from '../../../domain/playback/playback.events';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { ChannelMessagesAdapter } from '../../../adapters/discord-client/channel-messages.adapter';
import { InteractionLanguageService } from '../i18n/interaction-language.service';
import { clip } from '../presenters/message-view';
import { formatDuration } from '../presenters/duration.presenter';
import { renderNowPlaying, renderSessionEnded } from '../presenters/now-playing.presenter';

/** The progress bar is refreshed this often while a track plays. */
export const PROGRESS_REFRESH_MS = 15_000;
/** Edits closer together than this are merged into one (Discord rate-limits message edits). */
export const MIN_EDIT_GAP_MS = 1_000;
/** How long "skipped X: it failed" or "ended X early" stays in the message. */
export const NOTICE_TTL_MS = 60_000;

interface NowPlayingMessage {
  guildId: string;
  channelId: string;
  messageId: string | null;
  ticker: NodeJS.Timeout;
  trailing: NodeJS.Timeout | null;
  rendering: Promise<void> | null;
  dirty: boolean;
  lastEditAt: number;
  lastTitle?: string;
  /** A track that failed and was skipped, or was ended early, noted in the message for a while. */
  notice?: Notice & { until: number };
}

type Notice =
  | { kind: 'failed'; title: string; reason: TrackFailure }
  | { kind: 'cut-short'; title: string; segment: TrackCutShortEvent['segment'] };

/**
 * One now-playing message per session, in the session's text channel: posted on the first change,
 * then edited in place on every change (merged to at most one edit a second) and every 15 s while
 * a track plays, for the progress bar. When the session ends the message is edited to a final
 * "Session ended" state without buttons (kept rather than deleted: the channel keeps a trace of
 * what played, and nothing is left to press).
 *
 * The message id is kept here and handed to playback, which persists it with the session; the
 * snapshot does not give it back yet, so after a bot restart the next change posts a new message.
 */
/** How long a stop waits for a now-playing edit already sent. */
const SHUTDOWN_WAIT_MS = 2_000;

@Injectable()
export class NowPlayingService implements OnApplicationShutdown {
  private readonly logger = new Logger(NowPlayingService.name);
  private readonly sessions = new Map<string, NowPlayingMessage>();
  /** Set at shutdown: no message is posted or edited from then on. */
  private stopped = false;

  constructor(
    private readonly playback: PlaybackService,
    private readonly messages: ChannelMessagesAdapter,
    private readonly languages: InteractionLanguageService,
  ) {}

  @OnEvent(DomainEvent.TrackStarted)
  onTrackStarted(event: TrackStartedEvent): void {
    this.refresh(event.guildId);
  }

  @OnEvent(PlaybackEvent.SessionChanged)
  onSessionChanged(event: SessionChangedEvent): void {
    // Who listens is not shown in the message.
    if (event.change === 'listeners') return;
    this.refresh(event.guildId);
  }

  @OnEvent(PlaybackEvent.QueueFinished)
  onQueueFinished(event: QueueFinishedEvent): void {
    this.refresh(event.guildId);
  }

  @OnEvent(PlaybackEvent.TrackFailed)
  onTrackFailed(event: TrackFailedEvent): void {
    const state = this.stateFor(event.guildId);
    if (!state) return;
    state.notice = {
      kind: 'failed',
      title: event.entry.track.title,
      reason: event.reason,
      until: Date.now() + NOTICE_TTL_MS,
    };
    this.schedule(state);
  }

  /** The song just ended early (its rest is a part the guild skips): the next message says so. */
  @OnEvent(PlaybackEvent.TrackCutShort)
  onTrackCutShort(event: TrackCutShortEvent): void {
    const state = this.stateFor(event.guildId);
    if (!state) return;
    state.notice = { kind: 'cut-short', title: event.title, segment: event.segment, until: Date.now() + NOTICE_TTL_MS };
    this.schedule(state);
  }

  @OnEvent(PlaybackEvent.SessionEnded)
  async onSessionEnded(event: SessionEndedEvent): Promise<void> {
    const state = this.sessions.get(event.guildId);
    if (!state) return;
    this.forget(state);
    await state.rendering;
    if (!state.messageId) return;
    try {
      await this.messages.edit({
        channelId: state.channelId,
        messageId: state.messageId,
        view: renderSessionEnded(await this.languages.forGuild(state.guildId), event.reason, state.lastTitle),
      });
    } catch (error: unknown) {
      this.logger.warn(`Could not close the now-playing message in ${state.guildId}: ${describe(error)}`);
    }
  }

  /** The message of a guild's session, if one was posted (for tests and the panel). */
  messageOf(guildId: string): { channelId: string; messageId: string } | null {
    const state = this.sessions.get(guildId);
    return state?.messageId ? { channelId: state.channelId, messageId: state.messageId } : null;
  }

  /** Sessions with a live message (and one timer each). */
  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Stops the timers, and lets an edit already on its way finish (at most `SHUTDOWN_WAIT_MS`). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const states = [...this.sessions.values()];
    for (const state of states) this.forget(state);
    const rendering = states.flatMap((state) => (state.rendering ? [state.rendering] : []));
    if (rendering.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(rendering),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** Re-renders a guild's message soon (merged with other changes). */
  refresh(guildId: string): void {
    const state = this.stateFor(guildId);
    if (state) this.schedule(state);
  }

  private stateFor(guildId: string): NowPlayingMessage | undefined {
    if (this.stopped) return undefined;
    const existing = this.sessions.get(guildId);
    if (existing) return existing;
    const snapshot = this.playback.snapshot(guildId);
    if (!snapshot) return undefined;
    const state: NowPlayingMessage = {
      guildId,
      channelId: snapshot.textChannelId,
      messageId: null,
      ticker: setInterval(() => this.tick(guildId), PROGRESS_REFRESH_MS),
      trailing: null,
      rendering: null,
      dirty: false,
      lastEditAt: 0,
    };
    state.ticker.unref();
    this.sessions.set(guildId, state);
    return state;
  }

  private tick(guildId: string): void {
    const state = this.sessions.get(guildId);
    const current = this.playback.snapshot(guildId)?.current;
    // Only a playing track moves the bar; paused or idle messages are already right.
    if (state && current && !current.paused) this.schedule(state);
  }

  private schedule(state: NowPlayingMessage): void {
    if (this.stopped || this.sessions.get(state.guildId) !== state) return;
    if (state.rendering) {
      state.dirty = true;
      return;
    }
    if (state.trailing) return;
    const wait = state.lastEditAt + MIN_EDIT_GAP_MS - Date.now();
    if (wait > 0) {
      state.trailing = setTimeout(() => {
        state.trailing = null;
        this.schedule(state);
      }, wait);
      return;
    }
    state.rendering = this.render(state).finally(() => {
      state.rendering = null;
      if (!state.dirty) return;
      state.dirty = false;
      this.schedule(state);
    });
  }

  private async render(state: NowPlayingMessage): Promise<void> {
    // The message is the whole channel's: it speaks the server's language.
    const language = await this.languages.forGuild(state.guildId);
    const snapshot = this.playback.snapshot(state.guildId);
    if (!snapshot) return;
    if (state.notice && state.notice.until <= Date.now()) state.notice = undefined;
    state.lastTitle = snapshot.current?.entry.track.title ?? state.lastTitle;
    const view = renderNowPlaying(language, snapshot, state.notice && noticeText(language, state.notice));
    state.lastEditAt = Date.now();
    try {
      if (
        state.messageId &&
        (await this.messages.edit({ channelId: state.channelId, messageId: state.messageId, view }))
      )
        return;
      state.messageId = await this.messages.send(state.channelId, view);
      this.playback.setNowPlayingMessage(state.guildId, state.messageId);
    } catch (error: unknown) {
      this.logger.warn(`Could not update the now-playing message in ${state.guildId}: ${describe(error)}`);
    }
  }

  private forget(state: NowPlayingMessage): void {
    clearInterval(state.ticker);
    if (state.trailing) clearTimeout(state.trailing);
    state.trailing = null;
    if (this.sessions.get(state.guildId) === state) this.sessions.delete(state.guildId);
  }
}

/** "⚠️ Skipped X: it could not be loaded.", "⏩ Ended X 0:45 early: the rest is non-music". */
function noticeText(language: Language, notice: Notice): string {
  if (notice.kind === 'cut-short') {
    return t(language, 'segments:endedEarly', {
      title: clip(notice.title, 80),
      length: formatDuration(notice.segment.endMs - notice.segment.startMs),
      category: t(language, `segments:category.${notice.segment.category}`),
    });
  }
  const text = t(language, 'playback:nowPlaying.failed', {
    title: clip(notice.title, 80),
    why: t(language, `playback:nowPlaying.failures.${notice.reason}`),
  });
  return `⚠️ ${text}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
