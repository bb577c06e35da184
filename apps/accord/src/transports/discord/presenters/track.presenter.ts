import { t, type Language } from '@accord/i18n';
import type { QueueEntry } from '../../../domain/playback/playback.types';
import { formatDuration } from './duration.presenter';
import { clip, mention } from './message-view';
import { describePickReason } from './pick-reason.presenter';

/** `**Title** by Artist (3:30)`; streams show `(live)`. */
export function describeTrack(language: Language, entry: QueueEntry, max = 80): string {
  const { track } = entry;
  const length = track.isStream ? t(language, 'playback:track.live') : formatDuration(track.durationMs);
  return t(language, 'playback:track.line', { title: clip(track.title, max), author: clip(track.author, 40), length });
}

/** Who put it there: a mention, or "Autoplay" with autoplay's reason when it gave one. */
export function describeRequester(language: Language, entry: QueueEntry): string {
  if (entry.requestedBy) return mention(entry.requestedBy);
  const label = t(
    language,
    entry.source === 'discovery' ? 'playback:track.autoplayDiscovery' : 'playback:track.autoplay',
  );
  // Entries queued before reasons were kept as data have only the English sentence.
  const reason = entry.because ? describePickReason(language, entry.because) : entry.reason;
  return reason ? t(language, 'playback:track.autoplayReason', { label, reason: clip(reason, 120) }) : label;
}

const OTHER_SOURCES: Readonly<Record<string, string>> = { soundcloud: 'SoundCloud', bandcamp: 'Bandcamp' };

/** "via SoundCloud" for audio that comes from elsewhere than YouTube (a fallback, or such a link); null for YouTube. */
export function describeAudioSource(language: Language, sourceName: string | undefined): string | null {
  const name = sourceName ? OTHER_SOURCES[sourceName] : undefined;
  return name ? t(language, 'playback:track.via', { source: name }) : null;
}
