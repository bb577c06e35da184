import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { TRACK_RESOLVER, type TrackResolverPort } from '../catalog/track-resolver.port';
import type { GuildSession } from './guild-session';
import type { QueueEntry } from './playback.types';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';

/**
 * Turns metadata-only queue entries (songs of Spotify and Deezer playlists) into playable tracks:
 * ahead of time for the next entry, so the change of track costs no search, or when an entry is
 * due. Autoplay finds its picks' videos itself as it picks; one it could not find yet is searched
 * here when it is due.
 */
@Injectable()
export class LookAheadService {
  constructor(
    private readonly store: SessionStore,
    private readonly publisher: TrackEventPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(TRACK_RESOLVER) private readonly resolver?: TrackResolverPort,
  ) {}

  /**
   * Resolves the next entry ahead of time so the change of track costs no search. It runs
   * `PLAYBACK_LOOKAHEAD_S` before the current track ends (at once when the track is shorter), so
   * on a CPU-tight Lavalink host searches are spread out rather than bunched at track starts.
   * 0 turns it off: the next entry is then searched when it is due.
   */
  schedule(session: GuildSession): void {
    clearTimeout(session.lookAheadTimer);
    const next = session.queue.peek();
    const leadS = this.config.playback.lookAheadS;
    if (leadS === 0 || !next || next.track.encoded || !this.resolver || !session.current) return;
    const { track } = session.current.entry;
    const remaining = track.isStream ? 0 : track.durationMs - session.position(this.clock.now().getTime());
    const delay = Math.max(0, remaining - leadS * 1000);
    session.lookAheadTimer = setTimeout(() => void this.resolveAhead(session, next.id), delay);
    session.lookAheadTimer.unref();
  }

  /** The entry with a playable track, resolved now when it has none; null (and announced) when none is found. */
  async ensurePlayable(session: GuildSession, entry: QueueEntry): Promise<QueueEntry | null> {
    if (entry.track.encoded) return entry;
    const resolved = this.resolver ? await this.resolver.resolveForPlayback(entry.track).catch(() => null) : null;
    if (resolved?.encoded)
      return { ...entry, track: { ...resolved, trackKey: resolved.trackKey ?? entry.track.trackKey } };
    this.publisher.failed(session, entry, 'unplayable');
    return null;
  }

  private async resolveAhead(session: GuildSession, entryId: string): Promise<void> {
    const entry = session.queue.list().find((candidate) => candidate.id === entryId);
    if (!entry || entry.track.encoded || !this.resolver) return;
    const resolved = await this.resolver.resolveForPlayback(entry.track).catch(() => null);
    if (!resolved?.encoded) return; // tried again when it is due
    session.queue.update({ ...entry, track: { ...resolved, trackKey: resolved.trackKey ?? entry.track.trackKey } });
    this.store.persist(session);
  }
}
