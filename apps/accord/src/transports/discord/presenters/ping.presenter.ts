import type { LatencyReport } from '../../../domain/health/system-status.service';

const formatMs = (ms: number | null): string => (ms === null ? 'unavailable' : `${ms} ms`);

/** Renders /ping's answer: one line per connection the user's music depends on. */
export function renderPing(report: LatencyReport): string {
  const lines = [`Discord gateway: ${formatMs(report.gatewayMs)}`];
  for (const node of report.lavalink) lines.push(`Lavalink "${node.name}": ${formatMs(node.ms)}`);
  lines.push(`Database: ${formatMs(report.databaseMs)}`);
  return `Pong!\n${lines.map((line) => `• ${line}`).join('\n')}`;
}
