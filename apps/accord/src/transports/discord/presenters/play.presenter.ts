import { t, type Language } from '@accord/i18n';
import type { PlayQueued, PlaylistProgress } from '../../../use-cases/play-request/play-request.service';
import { MAX_QUEUE_LENGTH } from '../../../domain/playback/playback.types';
import { clip } from './message-view';
import { describeRefusal } from './module-error.presenter';
import { describeTrack } from './track.presenter';

/** /play's answer for a single track or the start of a playlist; refusals are worded by `describePlayRefusal`. */
export function renderPlayOutcome(language: Language, outcome: PlayQueued): string {
  if (outcome.kind === 'playlist') return renderPlaylistProgress(language, outcome.progress);
  const track = describeTrack(language, outcome.entry);
  if (outcome.startedPlaying) return t(language, 'playback:play.nowPlaying', { track });
  if (outcome.next) return t(language, 'playback:play.playingNext', { track });
  return t(language, 'playback:play.queued', { track, position: outcome.position });
}

/** The playlist reply, edited as the background load goes on: "Queued 100/500 from Mix…". */
export function renderPlaylistProgress(language: Language, progress: PlaylistProgress): string {
  const name = `**${clip(progress.name, 80)}**`;
  const lines: string[] = [];
  if (progress.startedPlaying && progress.first)
    lines.push(t(language, 'playback:play.nowPlaying', { track: describeTrack(language, progress.first) }));
  else if (progress.next) lines.push(t(language, 'playback:play.playlistNext', { name }));
  else lines.push(t(language, 'playback:play.playlistAdded', { name }));

  const of = { queued: progress.queued, total: progress.total, name };
  switch (progress.state) {
    case 'loading':
      lines.push(t(language, 'playback:play.loading', of));
      break;
    case 'done':
      lines.push(t(language, 'playback:play.done', { count: progress.queued, name }));
      break;
    case 'full':
      lines.push(t(language, 'playback:play.full', { ...of, max: MAX_QUEUE_LENGTH }));
      break;
    case 'cancelled':
      lines.push(t(language, 'playback:play.cancelled', of));
      break;
    case 'failed':
      lines.push(
        t(language, 'playback:play.failed', {
          ...of,
          why: progress.refusal
            ? describeRefusal(language, progress.refusal)
            : t(language, 'playback:play.failedOnMySide'),
        }),
      );
      break;
  }
  if (progress.leftOut > 0) {
    lines.push(t(language, 'playback:play.leftOut', { all: progress.found + progress.leftOut, taken: progress.found }));
  }
  if (progress.found > progress.total) {
    lines.push(
      t(language, 'playback:play.tooMany', { found: progress.found, fit: progress.total, max: MAX_QUEUE_LENGTH }),
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
