import type { PlayQueued, PlaylistProgress } from '../../../use-cases/play-request/play-request.service';
import { MAX_QUEUE_LENGTH } from '../../../domain/playback/playback.types';
import { clip } from './message-view';
import { describeRefusal } from './module-error.presenter';
import { describeTrack } from './track.presenter';

const count = (n: number): string => n.toLocaleString('en-US');

/** /play's answer for a single track or the start of a playlist; refusals are worded by `describePlayRefusal`. */
export function renderPlayOutcome(outcome: PlayQueued): string {
  if (outcome.kind === 'playlist') return renderPlaylistProgress(outcome.progress);
  const track = describeTrack(outcome.entry);
  if (outcome.startedPlaying) return `▶️ Now playing ${track}`;
  if (outcome.next) return `⏭️ Playing next: ${track}`;
  return `➕ Queued ${track} at position ${outcome.position}`;
}

/** The playlist reply, edited as the background load goes on: "Queued 100/500 from Mix…". */
export function renderPlaylistProgress(progress: PlaylistProgress): string {
  const name = `**${clip(progress.name, 80)}**`;
  const lines: string[] = [];
  if (progress.startedPlaying && progress.first) lines.push(`▶️ Now playing ${describeTrack(progress.first)}`);
  else if (progress.next) lines.push(`⏭️ Playing ${name} next`);
  else lines.push(`➕ Added ${name} to the queue`);

  const of = `${count(progress.queued)}/${count(progress.total)}`;
  switch (progress.state) {
    case 'loading':
      lines.push(`📃 Queued ${of} from ${name}…`);
      break;
    case 'done':
      lines.push(`📃 Queued ${count(progress.queued)} track${progress.queued === 1 ? '' : 's'} from ${name}.`);
      break;
    case 'full':
      lines.push(`📃 Queued ${of} from ${name}: the queue is full (${count(MAX_QUEUE_LENGTH)} tracks at most).`);
      break;
    case 'cancelled':
      lines.push(`📃 Stopped after ${of} from ${name}: the session ended.`);
      break;
    case 'failed':
      lines.push(
        `📃 Stopped after ${of} from ${name}: ${progress.refusal ? describeRefusal(progress.refusal) : 'something went wrong on my side'}.`,
      );
      break;
  }
  if (progress.leftOut > 0) {
    lines.push(
      `The playlist has ${count(progress.found + progress.leftOut)} tracks; I take the first ${count(progress.found)}.`,
    );
  }
  if (progress.found > progress.total) {
    lines.push(
      `The playlist has ${count(progress.found)} tracks; only ${count(progress.total)} fit in the queue (${count(MAX_QUEUE_LENGTH)} at most).`,
    );
  }
  return lines.join('\n');
}

/** Autocomplete choices as Discord takes them: 25 at most, names and values of 1-100 characters. */
export function toAutocompleteChoices(
  suggestions: Array<{ name: string; value: string }>,
): Array<{ name: string; value: string }> {
  return suggestions
    .filter(
      (suggestion) =>
        suggestion.value.length > 0 && suggestion.value.length <= 100 && suggestion.name.trim().length > 0,
    )
    .slice(0, 25)
    .map(({ name, value }) => ({ name: name.length > 100 ? `${name.slice(0, 99)}…` : name, value }));
}
