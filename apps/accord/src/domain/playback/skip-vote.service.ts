import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type TrackStartedEvent, PlaybackError, PlaybackErrorCode } from '@accord/core';
import { PlaybackEvent, type SessionEndedEvent } from './playback.events';
import { PlaybackService } from './playback.service';
import type { QueueEntry } from './playback.types';

export interface SkipTally {
  /** Votes of voters who are still listening. */
  votes: number;
  /** A majority: more than half of the listeners present. */
  needed: number;
  passed: boolean;
}

/** Counts only voters still among the listeners; a majority is more than half of them. */
export function tallySkipVotes(voters: Iterable<string>, listeners: readonly string[]): SkipTally {
  const present = new Set(listeners);
  const votes = [...new Set(voters)].filter((id) => present.has(id)).length;
  const needed = Math.floor(present.size / 2) + 1;
  return { votes, needed, passed: votes >= needed };
}

export type SkipOutcome =
  | {
      kind: 'skipped';
      skipped: QueueEntry;
      next: QueueEntry | null;
      /** Why it went at once: the requester, a DJ, or the vote passed. */
      by: 'requester' | 'dj' | 'vote';
      tally?: SkipTally;
    }
  | { kind: 'voted'; entry: QueueEntry; tally: SkipTally; alreadyVoted: boolean };

export interface SkipRequest {
  guildId: string;
  userId: string;
  /** DJ role, Manage Server or alone with the bot (decided by the Discord guard); asked only when needed. */
  isDj: () => Promise<boolean>;
}

/**
 * `/skip` for everyone: the requester of the current song or a DJ skips at once; anyone else adds a
 * vote for the current entry, and a majority of the listeners present skips. Votes belong to one
 * entry and are dropped when a track starts or the session ends.
 */
@Injectable()
export class SkipVoteService {
  private readonly ballots = new Map<string, { entryId: string; voters: Set<string> }>();

  constructor(private readonly playback: PlaybackService) {}

  async request({ guildId, userId, isDj }: SkipRequest): Promise<SkipOutcome> {
    const snapshot = this.playback.snapshot(guildId);
    const current = snapshot?.current;
    if (!snapshot || !current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'skip' });
    const { entry } = current;
    if (entry.requestedBy === userId) return this.skip(guildId, userId, 'requester');
    if (await isDj()) return this.skip(guildId, userId, 'dj');

    const { listeners } = snapshot;
    if (!listeners.includes(userId)) {
      throw new PlaybackError(PlaybackErrorCode.NotPermitted, {});
    }
    const ballot = this.ballotFor(guildId, entry.id);
    const alreadyVoted = ballot.voters.has(userId);
    ballot.voters.add(userId);
    const tally = tallySkipVotes(ballot.voters, listeners);
    if (!tally.passed) return { kind: 'voted', entry, tally, alreadyVoted };
    return this.skip(guildId, userId, 'vote', tally);
  }

  /** Current votes for a guild's playing entry (for presenters and tests). */
  votersFor(guildId: string): string[] {
    return [...(this.ballots.get(guildId)?.voters ?? [])];
  }

  @OnEvent(DomainEvent.TrackStarted)
  onTrackStarted(event: TrackStartedEvent): void {
    this.ballots.delete(event.guildId);
  }

  @OnEvent(PlaybackEvent.SessionEnded)
  onSessionEnded(event: SessionEndedEvent): void {
    this.ballots.delete(event.guildId);
  }

  private ballotFor(guildId: string, entryId: string): { entryId: string; voters: Set<string> } {
    const existing = this.ballots.get(guildId);
    if (existing?.entryId === entryId) return existing;
    const fresh = { entryId, voters: new Set<string>() };
    this.ballots.set(guildId, fresh);
    return fresh;
  }

  private async skip(
    guildId: string,
    userId: string,
    by: 'requester' | 'dj' | 'vote',
    tally?: SkipTally,
  ): Promise<SkipOutcome> {
    const { skipped, next } = await this.playback.skip(guildId, userId);
    this.ballots.delete(guildId);
    return { kind: 'skipped', skipped, next, by, ...(tally ? { tally } : {}) };
  }
}
