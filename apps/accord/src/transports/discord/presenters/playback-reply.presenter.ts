import { t, type Language } from '@accord/i18n';
import type { SkipOutcome } from '../../../domain/playback/skip-vote.service';
import type { FilterPreset, LoopMode, QueueEntry } from '../../../domain/playback/playback.types';
import { formatDuration } from './duration.presenter';
import { clip, mention } from './message-view';
import { describeTrack } from './track.presenter';
import { transcodingNote } from './transcoding.presenter';

const LOOP_KEYS: Record<LoopMode, string> = {
  off: 'playback:replies.loopOff',
  track: 'playback:replies.loopTrack',
  queue: 'playback:replies.loopQueue',
};

/** One-line answers of the control commands; shown to the channel so everyone knows who did what. */
export const PlaybackReply = {
  paused: (language: Language, userId: string): string =>
    t(language, 'playback:replies.paused', { user: mention(userId) }),
  resumed: (language: Language, userId: string): string =>
    t(language, 'playback:replies.resumed', { user: mention(userId) }),
  stopped: (language: Language, userId: string): string =>
    t(language, 'playback:replies.stopped', { user: mention(userId) }),
  left: (language: Language, userId: string): string => t(language, 'playback:replies.left', { user: mention(userId) }),
  shuffled: (language: Language, count: number): string => t(language, 'playback:replies.shuffled', { count }),
  loop: (language: Language, mode: LoopMode): string => t(language, LOOP_KEYS[mode]),
  seeked: (language: Language, positionMs: number): string =>
    t(language, 'playback:replies.seeked', { position: formatDuration(positionMs) }),
  volume: (language: Language, volume: number, transcoding: boolean): string =>
    withNote(language, t(language, 'playback:replies.volume', { volume }), { volume, filter: null, transcoding }),
  filter: (
    language: Language,
    { preset, transcoding, volume = 100 }: { preset: FilterPreset | null; transcoding: boolean; volume?: number },
  ): string =>
    withNote(
      language,
      preset ? t(language, 'playback:replies.filter', { preset }) : t(language, 'playback:replies.filtersOff'),
      { volume, filter: preset, transcoding },
    ),
  twentyFourSeven: (language: Language, on: boolean): string =>
    t(language, on ? 'playback:replies.twentyFourSevenOn' : 'playback:replies.twentyFourSevenOff'),
  removed: (language: Language, entry: QueueEntry, position: number): string =>
    t(language, 'playback:replies.removed', { position, track: describeTrack(language, entry) }),
  moved: (language: Language, { entry, from, to }: { entry: QueueEntry; from: number; to: number }): string =>
    t(language, 'playback:replies.moved', { track: describeTrack(language, entry), from, to }),
} as const;

function withNote(
  language: Language,
  line: string,
  state: { volume: number; filter: FilterPreset | null; transcoding: boolean },
): string {
  const note = transcodingNote(language, state);
  return note ? `${line}\n${note}` : line;
}

/** /skip (and the skip button): what happened, or how the vote stands ("1/2 votes to skip"). */
export function renderSkipOutcome(language: Language, outcome: SkipOutcome, userId: string): string {
  if (outcome.kind === 'voted') {
    const { votes, needed } = outcome.tally;
    const who = outcome.alreadyVoted
      ? t(language, 'playback:skip.alreadyVoted')
      : t(language, 'playback:skip.voted', { user: mention(userId) });
    return t(language, 'playback:skip.tally', {
      who,
      votes,
      needed,
      track: describeTrack(language, outcome.entry, 60),
      count: needed - votes,
    });
  }
  const track = describeTrack(language, outcome.skipped, 60);
  const skipped =
    outcome.by === 'vote' && outcome.tally
      ? t(language, 'playback:skip.skippedByVote', { track, votes: outcome.tally.votes, needed: outcome.tally.needed })
      : t(language, 'playback:skip.skipped', { track });
  const next = outcome.next
    ? t(language, 'playback:skip.upNext', { track: describeTrack(language, outcome.next) })
    : t(language, 'playback:skip.queueEmptyNow');
  return `${skipped}\n${next}`;
}

/** Like/dislike answer, for the user alone. */
export function renderFeedbackReceipt(
  language: Language,
  kind: 'like' | 'dislike',
  receipt: { title: string },
): string {
  const title = `**${clip(receipt.title, 80)}**`;
  return t(language, kind === 'like' ? 'playback:feedback.like' : 'playback:feedback.dislike', { title });
}
