import type { PlayRecord } from '../../src/domain/history/history.types';
import { PlayRepository } from '../../src/domain/history/play.repository';

/** What a seeded play must say; the rest is a finished play that everyone present heard. */
export type StoredPlayInput = Pick<
  PlayRecord,
  'guildId' | 'trackKey' | 'artistKey' | 'title' | 'artist' | 'startedAt' | 'listeners'
> &
  Partial<Omit<PlayRecord, 'id' | 'listened' | 'endedAt' | 'lastKnownAt'>>;

/**
 * A closed play as the recorder stores it, for specs that seed history straight into the `plays`
 * log (as an install that has been playing for a while has it).
 */
export function storedPlay(input: StoredPlayInput): PlayRecord {
  const playedMs = input.playedMs ?? 200_000;
  const endedAt = new Date(input.startedAt.getTime() + playedMs);
  return {
    youtubeId: 'aaaaaaaaaaa',
    durationMs: 200_000,
    endReason: 'finished',
    source: 'request',
    fits: [],
    likes: 0,
    dislikes: 0,
    ...input,
    id: PlayRepository.newId(),
    playedMs,
    endedAt,
    lastKnownAt: endedAt,
    listened: input.listeners.map((userId) => ({ userId, ms: playedMs })),
  };
}
