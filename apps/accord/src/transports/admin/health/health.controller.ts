import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { SystemStatusService } from '../../../domain/health/system-status.service';

/**
 * Liveness of the parts the bot needs: the Discord gateway, at least one Lavalink node, and
 * MongoDB. 200 when all are up, 503 (with the same body) when any is down.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly status: SystemStatusService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of Discord, Lavalink nodes and the database' })
  @ApiServiceUnavailableResponse({ description: 'A required part is down; the body says which.' })
  check(): ReturnType<HealthCheckService['check']> {
    return this.health.check([() => this.discord(), () => this.lavalink(), () => this.database()]);
  }

  private discord(): HealthIndicatorResult {
    const session = this.indicators.check('discord');
    const problem = this.status.discordProblem();
    return problem === null ? session.up() : session.down({ message: problem });
  }

  private lavalink(): HealthIndicatorResult {
    const session = this.indicators.check('lavalink');
    const nodes = this.status.lavalinkNodes();
    const connected = nodes.filter((node) => node.state === 'connected').length;
    const detail = { nodes: nodes.map(({ name, state, players }) => ({ name, state, players })) };
    return connected > 0 ? session.up(detail) : session.down({ message: 'no Lavalink node is connected', ...detail });
  }

  private async database(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('database');
    try {
      return session.up({ pingMs: await this.status.databasePing(1_500) });
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
