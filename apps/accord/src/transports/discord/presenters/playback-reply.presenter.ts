import type { SkipOutcome } from '../../../domain/playback/skip-vote.service';
import type { FilterPreset, LoopMode, QueueEntry } from '../../../domain/playback/playback.types';
import { formatDuration } from './duration.presenter';
import { clip, mention } from './message-view';
import { describeTrack } from './track.presenter';
import { transcodingNote } from './transcoding.presenter';

/** One-line answers of the control commands; shown to the channel so everyone knows who did what. */
export const PlaybackReply = {
  paused: (userId: string): string => `⏸️ Paused by ${mention(userId)}.`,
  resumed: (userId: string): string => `▶️ Resumed by ${mention(userId)}.`,
  stopped: (userId: string): string => `⏹️ ${mention(userId)} stopped the music and cleared the queue. Bye!`,
  left: (userId: string): string => `👋 ${mention(userId)} sent me out of the voice channel.`,
  shuffled: (count: number): string => `🔀 Shuffled ${count} track${count === 1 ? '' : 's'}.`,
  loop: (mode: LoopMode): string => {
    switch (mode) {
      case 'off':
        return '➡️ Loop is off.';
      case 'track':
        return '🔂 Looping the current track.';
      case 'queue':
        return '🔁 Looping the queue.';
    }
  },
  seeked: (positionMs: number): string => `⏩ Jumped to ${formatDuration(positionMs)}.`,
  volume: (volume: number, transcoding: boolean): string =>
    withNote(`🔊 Volume set to ${volume}%.`, { volume, filter: null, transcoding }),
  filter: ({
    preset,
    transcoding,
    volume = 100,
  }: {
    preset: FilterPreset | null;
    transcoding: boolean;
    volume?: number;
  }): string =>
    withNote(preset ? `🎛️ Filter set to ${preset}.` : '🎛️ Filters are off.', { volume, filter: preset, transcoding }),
  twentyFourSeven: (on: boolean): string =>
    on ? '🌙 24/7 is on: I stay in the voice channel even when the queue ends.' : '🌙 24/7 is off: I leave when idle.',
  removed: (entry: QueueEntry, position: number): string => `🗑️ Removed #${position}: ${describeTrack(entry)}.`,
  moved: ({ entry, from, to }: { entry: QueueEntry; from: number; to: number }): string =>
    `↕️ Moved ${describeTrack(entry)} from #${from} to #${to}.`,
} as const;

function withNote(line: string, state: { volume: number; filter: FilterPreset | null; transcoding: boolean }): string {
  const note = transcodingNote(state);
  return note ? `${line}\n${note}` : line;
}

/** /skip (and the skip button): what happened, or how the vote stands ("1/2 votes to skip"). */
export function renderSkipOutcome(outcome: SkipOutcome, userId: string): string {
  if (outcome.kind === 'voted') {
    const { votes, needed } = outcome.tally;
    const left = needed - votes;
    const already = outcome.alreadyVoted ? 'You already voted. ' : `${mention(userId)} voted to skip. `;
    return `🗳️ ${already}${votes}/${needed} votes to skip ${describeTrack(outcome.entry, 60)}; ${left} more needed.`;
  }
  const reason =
    outcome.by === 'vote' && outcome.tally ? ` (${outcome.tally.votes}/${outcome.tally.needed} votes)` : '';
  const next = outcome.next ? `\nUp next: ${describeTrack(outcome.next)}` : '\nThe queue is empty now.';
  return `⏭️ Skipped ${describeTrack(outcome.skipped, 60)}${reason}.${next}`;
}

/** Like/dislike answer, for the user alone. */
export function renderFeedbackReceipt(kind: 'like' | 'dislike', receipt: { title: string }): string {
  const title = `**${clip(receipt.title, 80)}**`;
  return kind === 'like'
    ? `Noted: you like ${title}. I'll play more like it.`
    : `Noted: you don't like ${title}. I won't pick it for you again.`;
}
