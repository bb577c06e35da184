import { t, type Language } from '@accord/i18n';
import type { FilterPreset } from '../../../domain/playback/playback.types';

/** Why Lavalink re-encodes, in one line; null when the audio passes through untouched. */
export function transcodingNote(
  language: Language,
  state: { volume: number; filter: FilterPreset | null; transcoding: boolean },
): string | null {
  if (!state.transcoding) return null;
  const causes: string[] = [];
  if (state.volume !== 100) causes.push(t(language, 'playback:transcoding.volume', { volume: state.volume }));
  if (state.filter) causes.push(t(language, 'playback:transcoding.filter', { filter: state.filter }));
  if (causes.length === 0) return t(language, 'playback:transcoding.currentSettings');
  const why =
    causes.length === 1
      ? causes[0]
      : t(language, 'playback:transcoding.causes', { first: causes[0], second: causes[1] });
  return t(language, 'playback:transcoding.note', { why, count: causes.length });
}
