import type { DatabaseService } from '../../adapters/database/database.service';
import type { DiscordGatewayService, DiscordLoginState } from '../../adapters/discord-client/discord-gateway.service';
import type { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { SourceHealthService } from './source-health.service';
import { SystemStatusService } from './system-status.service';

describe(SystemStatusService.name, () => {
  const build = (ready: boolean, state: DiscordLoginState): SystemStatusService =>
    new SystemStatusService(
      { isReady: () => ready, loginState: () => state } as unknown as DiscordGatewayService,
      {} as LavalinkService,
      {} as DatabaseService,
      {} as SourceHealthService,
    );

  it('reports no Discord problem once the gateway is ready', () => {
    const sut = build(true, { phase: 'logged-in' });

    expect(sut.discordProblem()).toBeNull();
  });

  it('says it is connecting to Discord before the first attempt has failed', () => {
    const sut = build(false, { phase: 'connecting', attempt: 1, lastError: null, nextAttemptAt: null });

    expect(sut.discordProblem()).toBe('connecting to Discord');
  });

  it('says it is connecting to Discord with the last error and the next attempt while retrying', () => {
    const sut = build(false, {
      phase: 'connecting',
      attempt: 3,
      lastError: 'Discord unreachable (EAI_AGAIN: getaddrinfo EAI_AGAIN discord.com)',
      nextAttemptAt: Date.now() + 4_000,
    });

    expect(sut.discordProblem()).toMatch(
      /^connecting to Discord \(attempt 3 failed: Discord unreachable \(EAI_AGAIN: .*\), next attempt in [34] s\)$/,
    );
  });

  it('says the gateway is down once logged in but disconnected', () => {
    const sut = build(false, { phase: 'logged-in' });

    expect(sut.discordProblem()).toBe('not connected to the gateway');
  });
});
