import { YOUTUBE_FIX_STEPS, YOUTUBE_HELP_SECTION } from '@accord/contracts';
import type { SourceHealthReport } from '../../../domain/health/source-health';
import type { LatencyReport } from '../../../domain/health/system-status.service';

const formatMs = (ms: number | null): string => (ms === null ? 'unavailable' : `${ms} ms`);

const BREAKAGE_WORDS: Record<NonNullable<SourceHealthReport['newestCause']>['kind'], string> = {
  cipher: 'signature/cipher errors',
  'sign-in': 'YouTube asks to sign in',
  refused: 'YouTube refuses the clients (403)',
};

/**
 * Renders /ping's answer: one line per connection the user's music depends on, and YouTube's
 * state; while YouTube is degraded, the newest cause and the steps to fix it.
 */
export function renderPing(report: LatencyReport, youtube: SourceHealthReport): string {
  const lines = [`Discord gateway: ${formatMs(report.gatewayMs)}`];
  for (const node of report.lavalink) lines.push(`Lavalink "${node.name}": ${formatMs(node.ms)}`);
  lines.push(`Database: ${formatMs(report.databaseMs)}`);
  lines.push(`YouTube: ${youtube.state === 'degraded' ? 'degraded' : 'ok'}`);
  const text = `Pong!\n${lines.map((line) => `• ${line}`).join('\n')}`;
  if (youtube.state !== 'degraded') return text;
  const cause = youtube.newestCause;
  return [
    text,
    '',
    `⚠️ YouTube looks broken on YouTube's side: ${counts(youtube)}${cause ? ` (${BREAKAGE_WORDS[cause.kind]})` : ''}.`,
    ...(cause ? [`Newest: ${cause.message}`] : []),
    `The bot's owner can fix it:`,
    ...YOUTUBE_FIX_STEPS.map((step, index) => `${index + 1}. ${step}`),
    `More in the README, "${YOUTUBE_HELP_SECTION}".`,
  ].join('\n');
}

// A degraded YouTube stays so until tracks play again, after its attempts have left the window too.
function counts(youtube: SourceHealthReport): string {
  return youtube.attempts > 0
    ? `${youtube.breakageFailures} of the last ${youtube.attempts} YouTube attempts failed`
    : 'its last attempts failed, more than 30 minutes ago';
}
