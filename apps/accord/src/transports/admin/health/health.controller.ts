import { Controller, Get, ServiceUnavailableException, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { YOUTUBE_FIX_STEPS, YOUTUBE_HELP_SECTION, type YoutubeHealthDto } from '@accord/contracts';
import type { SourceHealthReport } from '../../../domain/health/source-health';
import { SystemStatusService } from '../../../domain/health/system-status.service';
import { HealthVisibilityInterceptor } from './health-visibility.interceptor';

/** Terminus's answer with YouTube added to `info` and `details`. */
export type HealthResponse = Omit<HealthCheckResult, 'info' | 'details'> & {
  info: Record<string, HealthIndicatorResult[string] | YoutubeHealthDto>;
  details: Record<string, HealthIndicatorResult[string] | YoutubeHealthDto>;
};

/**
 * Liveness of the parts the bot needs: the Discord gateway, at least one Lavalink node, and
 * MongoDB. 200 when all are up, 503 (with the same body) when any is down. YouTube is reported
 * beside them (`up` or `degraded`) and never makes the answer a 503: the bot itself is fine then.
 */
@ApiTags('health')
@Controller('health')
@UseInterceptors(HealthVisibilityInterceptor)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly status: SystemStatusService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of Discord, Lavalink nodes and the database, and whether YouTube plays' })
  @ApiServiceUnavailableResponse({ description: 'A required part is down; the body says which.' })
  async check(): Promise<HealthResponse> {
    const youtube = youtubeHealth(this.status.youtube());
    try {
      return withYoutube(
        await this.health.check([() => this.discord(), () => this.lavalink(), () => this.database()]),
        youtube,
      );
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw new ServiceUnavailableException(withYoutube(error.getResponse() as HealthCheckResult, youtube));
    }
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

// Terminus knows only up and down (it drops any other status), so YouTube joins its answer here.
function withYoutube(result: HealthCheckResult, youtube: YoutubeHealthDto): HealthResponse {
  return { ...result, info: { ...result.info, youtube }, details: { ...result.details, youtube } };
}

function youtubeHealth(report: SourceHealthReport): YoutubeHealthDto {
  const degraded = report.state === 'degraded';
  return {
    status: degraded ? 'degraded' : 'up',
    attempts: report.attempts,
    failures: report.failures,
    breakageFailures: report.breakageFailures,
    newestCause: report.newestCause && {
      kind: report.newestCause.kind,
      message: report.newestCause.message,
      at: new Date(report.newestCause.at).toISOString(),
    },
    degradedSince: report.degradedSince === null ? null : new Date(report.degradedSince).toISOString(),
    ...(degraded ? { steps: YOUTUBE_FIX_STEPS, help: YOUTUBE_HELP_SECTION } : {}),
  };
}
