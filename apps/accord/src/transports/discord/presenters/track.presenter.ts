import type { QueueEntry } from '../../../domain/playback/playback.types';
import { formatDuration } from './duration.presenter';
import { clip, mention } from './message-view';

/** `**Title** by Artist (3:30)`; streams show `(live)`. */
export function describeTrack(entry: QueueEntry, max = 80): string {
  const { track } = entry;
  const length = track.isStream ? 'live' : formatDuration(track.durationMs);
  return `**${clip(track.title, max)}** by ${clip(track.author, 40)} (${length})`;
}

/** Who put it there: a mention, or "Autoplay" with autoplay's reason when it gave one. */
export function describeRequester(entry: QueueEntry): string {
  if (entry.requestedBy) return mention(entry.requestedBy);
  const label = entry.source === 'discovery' ? 'Autoplay (discovery)' : 'Autoplay';
  return entry.reason ? `${label}: ${clip(entry.reason, 120)}` : label;
}

const OTHER_SOURCES: Readonly<Record<string, string>> = { soundcloud: 'SoundCloud', bandcamp: 'Bandcamp' };

/** "via SoundCloud" for audio that comes from elsewhere than YouTube (a fallback, or such a link); null for YouTube. */
export function describeAudioSource(sourceName: string | undefined): string | null {
  const name = sourceName ? OTHER_SOURCES[sourceName] : undefined;
  return name ? `via ${name}` : null;
}
