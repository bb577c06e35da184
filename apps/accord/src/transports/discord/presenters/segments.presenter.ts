import { t, type Language } from '@accord/i18n';
import type { TrackSegment } from '@accord/core';
import { formatDuration } from './duration.presenter';

/** "⏩ Skipped 0:12 of non-music at 0:00", one line a skipped part; null when nothing was skipped. */
export function skippedSegmentsNote(
  segments: readonly TrackSegment[] | undefined,
  language: Language = 'en',
): string | null {
  if (!segments || segments.length === 0) return null;
  return segments
    .map((segment) =>
      t(language, 'segments:skipped', {
        length: formatDuration(segment.endMs - segment.startMs),
        category: t(language, `segments:category.${segment.category}`),
        at: formatDuration(segment.startMs),
      }),
    )
    .join('\n');
}
