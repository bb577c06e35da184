import { t, type Language } from '@accord/i18n';
import { YOUTUBE_HELP_SECTION } from '@accord/contracts';
import type { SourceHealthReport } from '../../../domain/health/source-health';
import type { LatencyReport } from '../../../domain/health/system-status.service';

/** The steps of `YOUTUBE_FIX_STEPS` (the panel's), in order, as message keys. */
export const YOUTUBE_FIX_STEP_KEYS = ['update', 'cipher', 'clients', 'lastResort'] as const;

/**
 * Renders /ping's answer: one line per connection the user's music depends on, and YouTube's
 * state; while YouTube is degraded, the newest cause and the steps to fix it.
 */
export function renderPing(language: Language, report: LatencyReport, youtube: SourceHealthReport): string {
  const latency = (ms: number | null): string =>
    ms === null ? t(language, 'status:unavailable') : t(language, 'status:ms', { ms });
  const degraded = youtube.state === 'degraded';
  const lines = [
    t(language, 'status:gateway', { latency: latency(report.gatewayMs) }),
    ...report.lavalink.map((node) => t(language, 'status:lavalink', { name: node.name, latency: latency(node.ms) })),
    t(language, 'status:database', { latency: latency(report.databaseMs) }),
    t(language, 'status:youtube', { state: t(language, degraded ? 'status:youtubeDegraded' : 'status:youtubeOk') }),
  ];
  const text = `${t(language, 'status:pong')}\n${lines.map((line) => `• ${line}`).join('\n')}`;
  if (!degraded) return text;
  const cause = youtube.newestCause;
  const counts = counted(language, youtube);
  return [
    text,
    '',
    cause
      ? t(language, 'status:brokenBecause', { counts, cause: t(language, `status:causes.${cause.kind}`) })
      : t(language, 'status:broken', { counts }),
    ...(cause ? [t(language, 'status:newest', { message: cause.message })] : []),
    t(language, 'status:ownerCanFix'),
    ...YOUTUBE_FIX_STEP_KEYS.map((step, index) => `${index + 1}. ${t(language, `status:fixSteps.${step}`)}`),
    t(language, 'status:more', { section: YOUTUBE_HELP_SECTION }),
  ].join('\n');
}

// A degraded YouTube stays so until tracks play again, after its attempts have left the window too.
function counted(language: Language, youtube: SourceHealthReport): string {
  return youtube.attempts > 0
    ? t(language, 'status:failedOf', { failed: youtube.breakageFailures, attempts: youtube.attempts })
    : t(language, 'status:failedLongAgo');
}
