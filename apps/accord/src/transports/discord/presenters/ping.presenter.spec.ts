import type { SourceHealthReport } from '../../../domain/health/source-health';
import type { LatencyReport } from '../../../domain/health/system-status.service';
import { t } from '@accord/i18n';
import { YOUTUBE_FIX_STEPS } from '@accord/contracts';
import { renderPing, YOUTUBE_FIX_STEP_KEYS } from './ping.presenter';

describe(renderPing.name, () => {
  const latency: LatencyReport = { gatewayMs: 41, databaseMs: 3, lavalink: [{ name: 'main', ms: 12 }] };
  const fine: SourceHealthReport = {
    state: 'ok',
    attempts: 4,
    failures: 1,
    breakageFailures: 0,
    newestCause: null,
    degradedSince: null,
  };

  it('lists each connection and says YouTube is ok', () => {
    expect(renderPing('en', latency, fine)).toBe(
      'Pong!\n• Discord gateway: 41 ms\n• Lavalink "main": 12 ms\n• Database: 3 ms\n• YouTube: ok',
    );
  });

  it('says YouTube is degraded with the counts, the newest cause and the four steps', () => {
    const text = renderPing('en', latency, {
      state: 'degraded',
      attempts: 8,
      failures: 7,
      breakageFailures: 6,
      newestCause: {
        kind: 'sign-in',
        message: 'Sign in to confirm you’re not a bot',
        at: 1_000,
        stage: 'play',
      },
      degradedSince: 900,
    });

    expect(text).toContain('• YouTube: degraded');
    expect(text).toContain('6 of the last 8 YouTube attempts failed (YouTube asks to sign in).');
    expect(text).toContain('Newest: Sign in to confirm you’re not a bot');
    expect(text).toMatch(
      /\n1\. Update the plugin[^\n]*\n2\. Check the cipher service[^\n]*\n3\. Check the clients[^\n]*\n4\. Last resort: OAuth or a poToken/,
    );
    expect(text).toContain('README, "When YouTube stops playing"');
    expect(text.length).toBeLessThanOrEqual(2_000); // one Discord message
  });

  it('stays degraded with no counts once the failures are older than the window', () => {
    const text = renderPing('en', latency, {
      ...fine,
      state: 'degraded',
      attempts: 0,
      failures: 0,
      degradedSince: 900,
    });

    expect(text).toContain(
      "YouTube looks broken on YouTube's side: its last attempts failed, more than 30 minutes ago.",
    );
    expect(text).not.toContain('Newest:');
  });

  it("words the fix steps as the panel's, in order", () => {
    expect(YOUTUBE_FIX_STEP_KEYS.map((step) => t('en', `status:fixSteps.${step}`))).toEqual(YOUTUBE_FIX_STEPS);
  });

  it('answers in German', () => {
    expect(renderPing('de', latency, fine)).toBe(
      'Pong!\n• Discord-Gateway: 41 ms\n• Lavalink „main“: 12 ms\n• Datenbank: 3 ms\n• YouTube: ok',
    );
  });
});
