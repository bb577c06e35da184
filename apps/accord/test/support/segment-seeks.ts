import type { RecordedPatch } from '@accord/testkit/lavalink';

/**
 * How late each seek reached the fake Lavalink, from the node's own record: the track's time when
 * the seek arrived (from the start patch at `startedAt` and the seeks before it; the fake plays at
 * real speed) minus the start of the segment it skipped (`segmentStartsMs`, in order).
 */
export function seekLags(
  patches: readonly RecordedPatch[],
  guildId: string,
  startedAt: number,
  segmentStartsMs: readonly number[],
): number[] {
  const ours = patches.filter((patch) => patch.guildId === guildId && patch.time >= startedAt);
  const start = ours.find((patch) => patch.body.track?.encoded);
  if (!start) return [];
  let base = { position: start.body.position ?? 0, time: start.time };
  const lags: number[] = [];
  for (const patch of ours) {
    if (patch === start || patch.body.track || patch.body.position === undefined) continue;
    const trackTime = base.position + (patch.time - base.time);
    const segmentStart = segmentStartsMs[lags.length];
    if (segmentStart === undefined) break;
    lags.push(trackTime - segmentStart);
    base = { position: patch.body.position, time: patch.time };
  }
  return lags;
}
