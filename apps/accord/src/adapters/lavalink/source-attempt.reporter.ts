import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SourceEvent, type SourceAttemptedEvent, type SourceException } from '@accord/core';
import type { Exception, Track, TrackEndReason } from 'shoukaku';
import type { SearchEngine } from './lavalink.types';

const SEARCH_PREFIX_SOURCES: Record<string, string> = {
  ytsearch: 'youtube',
  ytmsearch: 'youtube',
  scsearch: 'soundcloud',
  bcsearch: 'bandcamp',
};

const HOST_SOURCES: Array<[RegExp, string]> = [
  [/(^|\.)(youtube\.com|youtu\.be|youtube-nocookie\.com)$/, 'youtube'],
  [/(^|\.)(soundcloud\.com|snd\.sc)$/, 'soundcloud'],
  [/(^|\.)bandcamp\.com$/, 'bandcamp'],
  [/(^|\.)twitch\.tv$/, 'twitch'],
  [/(^|\.)vimeo\.com$/, 'vimeo'],
];

/** Which Lavalink source a `loadtracks` identifier goes to, as Lavalink names it. */
export function sourceOfIdentifier(identifier: string, engine?: SearchEngine): string {
  if (engine) return SEARCH_PREFIX_SOURCES[engine];
  const prefix = /^([a-z]+search):/.exec(identifier)?.[1];
  if (prefix) return SEARCH_PREFIX_SOURCES[prefix] ?? 'unknown';
  if (/^[A-Za-z0-9_-]{11}$/.test(identifier)) return 'youtube';
  let url: URL;
  try {
    url = new URL(identifier);
  } catch {
    return 'unknown';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'unknown';
  const host = url.hostname.toLowerCase();
  return HOST_SOURCES.find(([pattern]) => pattern.test(host))?.[1] ?? 'http';
}

/** A track Lavalink started whose audio has not been seen moving yet. */
interface PendingPlay {
  track: Track | undefined;
  /** The first position Lavalink reported after the start; null until it reported one. */
  from: number | null;
}

/**
 * Publishes `SourceAttempted` for what Lavalink did with a source: a load that failed, a track
 * that played (its playhead moved past where it started, or it finished), failed or got stuck.
 * Lavalink sends TrackStart before the audio is fetched, so a failing track starts too: the start
 * alone is not counted. Health listens; nothing here decides what a failure means.
 */
@Injectable()
export class SourceAttemptReporter {
  private readonly pending = new Map<string, PendingPlay>();

  constructor(private readonly events: EventEmitter2) {}

  loadFailed(identifier: string, engine: SearchEngine | undefined, exception: Exception): void {
    this.publish({
      source: sourceOfIdentifier(identifier, engine),
      stage: 'load',
      outcome: 'failed',
      exception: plain(exception),
    });
  }

  started(guildId: string, track: Track | undefined): void {
    this.pending.set(guildId, { track, from: null });
  }

  /** A player update: the first after a start sets where it started, a later one further on means it plays. */
  moved(guildId: string, positionMs: number): void {
    const play = this.pending.get(guildId);
    if (!play) return;
    if (play.from === null) {
      play.from = positionMs;
    } else if (positionMs > play.from) {
      this.pending.delete(guildId);
      this.publish({ source: sourceOfTrack(play.track), stage: 'play', outcome: 'played' });
    }
  }

  ended(guildId: string, reason: TrackEndReason): void {
    const play = this.pending.get(guildId);
    this.pending.delete(guildId);
    // A track so short that no update came: it finished, so it played. Any other end says nothing.
    if (play && reason === 'finished')
      this.publish({ source: sourceOfTrack(play.track), stage: 'play', outcome: 'played' });
  }

  playFailed(guildId: string, track: Track | undefined, exception: Exception): void {
    this.pending.delete(guildId);
    this.publish({ source: sourceOfTrack(track), stage: 'play', outcome: 'failed', exception: plain(exception) });
  }

  stuck(guildId: string, track: Track | undefined): void {
    this.pending.delete(guildId);
    this.publish({ source: sourceOfTrack(track), stage: 'play', outcome: 'stuck' });
  }

  private publish(attempt: Omit<SourceAttemptedEvent, 'at'>): void {
    const event: SourceAttemptedEvent = { ...attempt, at: new Date() };
    this.events.emit(SourceEvent.Attempted, event);
  }
}

function sourceOfTrack(track: Track | undefined): string {
  return track?.info?.sourceName || 'unknown';
}

function plain(exception: Exception): SourceException {
  return {
    message: exception.message ?? '',
    severity: exception.severity,
    cause: typeof exception.cause === 'string' ? exception.cause : null,
  };
}
