import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { TrackSegment } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import { GuildSettingsService } from '../guilds/guild-settings.service';
import { nextSkip, skippableSegments } from '../segments/segment-plan';
import { SegmentsService } from '../segments/segments.service';
import type { CurrentTrack, GuildSession } from './guild-session';
import { PlaybackEvent, type SessionChangedEvent, type SessionEndedEvent } from './playback.events';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';
import { TrackSequencerService } from './track-sequencer.service';

/** A segment starting within this much track time counts as due now. */
const ON_TIME_MS = 20;

/** The skip plan of one guild's current track. */
interface SkipPlan {
  /** The track it is for (each start of a track is a new `CurrentTrack`). */
  current: CurrentTrack;
  /** The segments to skip, in order; null while SponsorBlock (or the cache) is being asked. */
  segments: TrackSegment[] | null;
  timer?: NodeJS.Timeout;
  /** A seek or an end is on its way: no other is planned meanwhile. */
  acting: boolean;
}

/**
 * Skips the parts of YouTube songs a guild does not want (SponsorBlock segments of the categories
 * in its `skipSegments`): when a track plays, its segments are looked up without holding the start
 * back, and a timer seeks from each segment's start to its end, in track time (a timescale filter
 * changes the pace). Pausing, seeking, a filter or a new track plans again; a segment that runs to
 * the end of the track ends it.
 */
@Injectable()
export class SegmentSkipperService implements OnModuleDestroy {
  private readonly logger = new Logger(SegmentSkipperService.name);
  private readonly plans = new Map<string, SkipPlan>();

  constructor(
    private readonly store: SessionStore,
    private readonly sequencer: TrackSequencerService,
    private readonly settings: GuildSettingsService,
    private readonly segments: SegmentsService,
    private readonly lavalink: LavalinkService,
    private readonly publisher: TrackEventPublisher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(PlaybackEvent.SessionChanged)
  onSessionChanged(event: SessionChangedEvent): void {
    const session = this.store.get(event.guildId);
    if (session) this.follow(session);
  }

  @OnEvent(PlaybackEvent.SessionEnded)
  onSessionEnded(event: SessionEndedEvent): void {
    this.drop(event.guildId);
  }

  onModuleDestroy(): void {
    for (const guildId of [...this.plans.keys()]) this.drop(guildId);
  }

  /** Brings the guild's plan in line with its session: a new track is looked up, any other change re-plans. */
  follow(session: GuildSession): void {
    const current = session.current;
    const plan = this.plans.get(session.guildId);
    if (!current) return this.drop(session.guildId);
    if (plan?.current === current) return this.plan(session, plan);
    this.drop(session.guildId);
    const { track } = current.entry;
    if (track.sourceName !== 'youtube' || !track.identifier || track.isStream || !track.isSeekable) return;
    const fresh: SkipPlan = { current, segments: null, acting: false };
    this.plans.set(session.guildId, fresh);
    void this.lookUp(session, fresh, track.identifier, track.durationMs);
  }

  private async lookUp(session: GuildSession, plan: SkipPlan, videoId: string, durationMs: number): Promise<void> {
    try {
      const { skipSegments } = await this.settings.get(session.guildId);
      if (skipSegments.length === 0) return;
      const segments = await this.segments.forVideo(videoId);
      if (!segments || this.plans.get(session.guildId) !== plan) return;
      plan.segments = skippableSegments(segments, skipSegments, durationMs);
      this.plan(session, plan);
      // The next song's answer is looked up now, so that song's start waits for nothing.
      const upNext = session.queue.peek()?.track;
      if (upNext?.sourceName === 'youtube' && upNext.identifier) {
        void this.segments.forVideo(upNext.identifier).catch(() => undefined);
      }
    } catch (error: unknown) {
      this.logger.debug(`No segments for ${videoId} in guild ${session.guildId}: ${String(error)}`);
    }
  }

  /** Arms the timer for the next skip from where the playhead is (none while paused or not started). */
  private plan(session: GuildSession, plan: SkipPlan): void {
    clearTimeout(plan.timer);
    plan.timer = undefined;
    const { current } = plan;
    if (!plan.segments || plan.acting || current.paused || !current.started || current.held) return;
    const now = this.clock.now().getTime();
    const next = nextSkip(plan.segments, session.position(now), current.entry.track.durationMs);
    if (!next) return;
    plan.timer = setTimeout(() => void this.act(session, plan), next.inMs / session.pace());
    plan.timer.unref();
  }

  private async act(session: GuildSession, plan: SkipPlan): Promise<void> {
    plan.timer = undefined;
    if (!this.isCurrent(session, plan) || !plan.segments) return;
    const { current } = plan;
    const next = nextSkip(plan.segments, session.position(this.clock.now().getTime()), current.entry.track.durationMs);
    // The clock and the timer may disagree by a few ms: a segment still clearly ahead is planned again.
    if (!next || next.inMs > ON_TIME_MS) return this.plan(session, plan);
    plan.acting = true;
    let skipped = false;
    try {
      // The server may have turned this kind of segment off since the song started (settings are cached).
      const { skipSegments } = await this.settings.get(session.guildId);
      if (!skipSegments.includes(next.segment.category)) {
        plan.segments = plan.segments.filter((segment) => skipSegments.includes(segment.category));
      } else if (next.action === 'end') {
        this.drop(session.guildId);
        this.publisher.cutShort(session, next.segment);
        await this.sequencer.finishEarly(session);
        return;
      } else {
        await this.lavalink.seek(session.guildId, next.segment.endMs);
        if (!this.isCurrent(session, plan)) return;
        session.setPosition(next.segment.endMs, this.clock.now().getTime());
        current.skippedSegments = [...(current.skippedSegments ?? []), next.segment];
        skipped = true;
      }
    } catch (error: unknown) {
      this.logger.debug(`Could not skip a segment in guild ${session.guildId}: ${String(error)}`);
      // Not again: a seek that failed once would fail in a loop.
      plan.segments = plan.segments.filter((segment) => segment !== next.segment);
    } finally {
      plan.acting = false;
    }
    if (!this.isCurrent(session, plan)) return;
    // Announces the skip (the now-playing message notes it), which plans the next one.
    if (skipped) this.store.changed(session, 'seek');
    else this.plan(session, plan);
  }

  private isCurrent(session: GuildSession, plan: SkipPlan): boolean {
    return this.store.isLive(session) && session.current === plan.current && this.plans.get(session.guildId) === plan;
  }

  private drop(guildId: string): void {
    const plan = this.plans.get(guildId);
    if (!plan) return;
    clearTimeout(plan.timer);
    this.plans.delete(guildId);
  }
}
