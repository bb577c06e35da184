import { t, type Language } from '@accord/i18n';
import { formatDuration } from '../../../shared/duration';

export { formatDuration };

const BAR_WIDTH = 12;

/** `▬▬▬🔘▬▬▬▬▬▬▬▬ 1:23 / 3:45`; a stream shows `🔴 LIVE 12:04`. */
export function renderProgressBar(
  language: Language,
  {
    positionMs,
    durationMs,
    isStream = false,
  }: {
    positionMs: number;
    durationMs: number;
    isStream?: boolean;
  },
): string {
  if (isStream || durationMs <= 0)
    return t(language, 'playback:progress.live', { position: formatDuration(positionMs) });
  const clamped = Math.min(Math.max(positionMs, 0), durationMs);
  const knob = Math.min(BAR_WIDTH - 1, Math.floor((clamped / durationMs) * BAR_WIDTH));
  const bar = '▬'.repeat(knob) + '🔘' + '▬'.repeat(BAR_WIDTH - 1 - knob);
  return `${bar} ${formatDuration(clamped)} / ${formatDuration(durationMs)}`;
}
