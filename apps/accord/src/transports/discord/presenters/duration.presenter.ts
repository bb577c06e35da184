/** `3:45`, `1:02:03`; negative or non-finite values show as `0:00`. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

const BAR_WIDTH = 12;

/** `▬▬▬🔘▬▬▬▬▬▬▬▬ 1:23 / 3:45`; a stream shows `🔴 LIVE 12:04`. */
export function renderProgressBar({
  positionMs,
  durationMs,
  isStream = false,
}: {
  positionMs: number;
  durationMs: number;
  isStream?: boolean;
}): string {
  if (isStream || durationMs <= 0) return `🔴 LIVE ${formatDuration(positionMs)}`;
  const clamped = Math.min(Math.max(positionMs, 0), durationMs);
  const knob = Math.min(BAR_WIDTH - 1, Math.floor((clamped / durationMs) * BAR_WIDTH));
  const bar = '▬'.repeat(knob) + '🔘' + '▬'.repeat(BAR_WIDTH - 1 - knob);
  return `${bar} ${formatDuration(clamped)} / ${formatDuration(durationMs)}`;
}
