import type { FilterPreset } from '../../../domain/playback/playback.types';

/** Why Lavalink re-encodes, in one line; null when the audio passes through untouched. */
export function transcodingNote(state: {
  volume: number;
  filter: FilterPreset | null;
  transcoding: boolean;
}): string | null {
  if (!state.transcoding) return null;
  const causes: string[] = [];
  if (state.volume !== 100) causes.push(`volume ${state.volume}%`);
  if (state.filter) causes.push(`the ${state.filter} filter`);
  const why = causes.length > 0 ? causes.join(' and ') : 'the current settings';
  const verb = causes.length === 1 ? 'makes' : 'make';
  return `⚙️ Transcoding: ${why} ${verb} Lavalink re-encode the audio (more CPU). Volume 100 with no filter plays it as is.`;
}
