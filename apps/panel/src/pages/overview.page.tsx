import type { JSX } from 'preact';
import {
  YOUTUBE_HELP_SECTION,
  type GuildSummaryDto,
  type LavalinkNodeDto,
  type SessionUserDto,
  type SystemStatusDto,
  type YoutubeHealthDto,
} from '@accord/contracts';
import { Avatar, Badge, ErrorNotice, Link, Loaded, Loading } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { bytes, number, percent, uptime } from '../lib/format';
import { shared, t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { useResource } from '../lib/resource';

/**
 * One part as `GET /health` reports it. Owners get the details (YouTube's counts and newest cause);
 * anyone else gets the state and the bot's own words only.
 */
interface HealthPart extends Partial<Omit<YoutubeHealthDto, 'status'>> {
  status: 'up' | 'degraded' | 'down';
  message?: string;
}

const STATUS_TONE = { up: 'ok', degraded: 'warn', down: 'bad' } as const;
/** The steps to fix YouTube, in order: the bot's `status:fixSteps` messages (`/ping` says the same). */
const YOUTUBE_FIX_STEP_KEYS = ['update', 'cipher', 'clients', 'lastResort'] as const;

/** `GET /health` answers 503 with the same body when a part is down: both are answers here. */
async function loadHealth(): Promise<Record<string, HealthPart>> {
  let response: Response;
  try {
    response = await fetch('/api/v1/health', { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, null, null);
  }
  const body = (await response.json().catch(() => null)) as { details?: Record<string, HealthPart> } | null;
  if (!body?.details) throw new ApiError(response.status, null, response.headers.get('x-request-id'));
  return body.details;
}

export function OverviewPage(props: { user: SessionUserDto }): JSX.Element {
  const owner = props.user.owner;
  const guilds = useResource(() => api.get<GuildSummaryDto[]>('/guilds'), 'guilds', 10_000);
  const health = useResource(loadHealth, 'health', 15_000);
  const system = useResource(owner ? () => api.get<SystemStatusDto>('/system') : null, 'system', 10_000);
  const nodes = useResource(owner ? () => api.get<LavalinkNodeDto[]>('/nodes') : null, 'nodes');
  useLive(owner ? 'owner' : null, (message) => {
    if (message.event === 'nodes') nodes.set(message.data);
  });

  return (
    <div class="page">
      <h1>{t('overview.title')}</h1>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t('overview.status')}</h2>
        {health.error ? <ErrorNotice error={health.error} /> : null}
        {health.data?.youtube?.status === 'degraded' && <YoutubeBanner youtube={health.data.youtube} />}
        <div class="tiles">
          {health.data ? (
            Object.entries(health.data).map(([name, part]) => (
              <div class="tile" key={name}>
                <span class="tile-label">{name}</span>
                <span class="tile-value">
                  <Badge tone={STATUS_TONE[part.status] ?? 'bad'}>{t(`overview.health.${part.status}`)}</Badge>
                </span>
                {part.message && <span class="tile-note">{part.message}</span>}
              </div>
            ))
          ) : !health.error ? (
            <Loading />
          ) : null}
          {system.data && <SystemTiles system={system.data} />}
        </div>
        {system.error ? <ErrorNotice error={system.error} /> : null}
      </section>

      {owner && (
        <section aria-labelledby="nodes-heading">
          <h2 id="nodes-heading">
            {t('overview.nodes')} <Link href="/nodes">{t('overview.details')}</Link>
          </h2>
          <Loaded data={nodes.data} error={nodes.error} what={t('nav.nodes')} path="/api/v1/nodes">
            {(list) => (
              <ul class="rows">
                {list.map((node) => (
                  <li key={node.name} class="row">
                    <strong>{node.name}</strong>
                    <Badge tone={node.state === 'connected' ? 'ok' : node.state === 'connecting' ? 'warn' : 'bad'}>
                      {t(`nodes.state.${node.state}`)}
                    </Badge>
                    <span class="muted">
                      {t('overview.nodePlaying', { playing: node.playingPlayers, players: node.players })}
                      {node.cpu ? ` · CPU ${percent(node.cpu.lavalinkLoad)}` : ''}
                    </span>
                  </li>
                ))}
                {list.length === 0 && <li class="muted">{t('overview.noNode')}</li>}
              </ul>
            )}
          </Loaded>
        </section>
      )}

      <section aria-labelledby="guilds-heading">
        <h2 id="guilds-heading">{t('overview.servers')}</h2>
        <Loaded data={guilds.data} error={guilds.error} what={t('overview.servers')} path="/api/v1/guilds">
          {(list) =>
            list.length === 0 ? (
              <p class="empty">{t('scope.none')}</p>
            ) : (
              <ul class="cards" data-testid="guild-list">
                {list.map((guild) => (
                  <li key={guild.id}>
                    <Link href={`/guilds/${guild.id}`} class="card guild-card">
                      <Avatar url={guild.iconUrl} name={guild.name} size="large" />
                      <span class="guild-card-body">
                        <strong>{guild.name}</strong>
                        <span class="guild-card-meta">
                          {guild.playing ? (
                            <Badge tone="ok">{t('overview.playing')}</Badge>
                          ) : (
                            <Badge>{t('overview.idle')}</Badge>
                          )}
                          <span class="muted">{t('overview.listeners', { count: guild.listenerCount })}</span>
                          <Badge tone="info">{t(`access.${guild.access}`)}</Badge>
                        </span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}

/** What the owner should do when YouTube broke on YouTube's side; the README section says the same at length. */
function YoutubeBanner(props: { youtube: HealthPart }): JSX.Element {
  const { youtube } = props;
  // Owners see the counts; they are gone too once the failures are older than the window.
  const counted = youtube.breakageFailures !== undefined && (youtube.attempts ?? 0) > 0;
  return (
    <div class="notice notice-warn banner" role="alert" data-testid="youtube-banner">
      <strong>{t('youtube.title')}</strong>
      <p>
        {counted
          ? t('youtube.counted', { failed: youtube.breakageFailures, attempts: youtube.attempts })
          : t('youtube.most')}{' '}
        {t('youtube.why')}
      </p>
      {youtube.newestCause && (
        <p class="banner-cause">
          {t('youtube.newest')} <code>{youtube.newestCause.message}</code>
        </p>
      )}
      <ol>
        {YOUTUBE_FIX_STEP_KEYS.map((step) => (
          <li key={step}>{shared(`status:fixSteps.${step}`)}</li>
        ))}
      </ol>
      <p>
        {t('youtube.more', { section: YOUTUBE_HELP_SECTION })}{' '}
        <a href="https://github.com/lavalink-devs/youtube-source/releases" target="_blank" rel="noreferrer">
          {t('youtube.releases')}
        </a>
        .
      </p>
    </div>
  );
}

function SystemTiles(props: { system: SystemStatusDto }): JSX.Element {
  const { system } = props;
  return (
    <>
      <div class="tile">
        <span class="tile-label">{t('overview.discordPing')}</span>
        <span class="tile-value">
          {system.discord.gatewayPingMs === null ? '–' : `${number(system.discord.gatewayPingMs)} ms`}
        </span>
        <span class="tile-note">{t('overview.serverCount', { count: system.discord.guilds })}</span>
      </div>
      <div class="tile">
        <span class="tile-label">{t('overview.databasePing')}</span>
        <span class="tile-value">{system.databasePingMs === null ? '–' : `${number(system.databasePingMs)} ms`}</span>
      </div>
      <div class="tile">
        <span class="tile-label">{t('overview.playingNow')}</span>
        <span class="tile-value">{number(system.activePlayers)}</span>
        <span class="tile-note">{t('overview.panelConnections', { count: system.liveClients })}</span>
      </div>
      <div class="tile">
        <span class="tile-label">{t('overview.uptime')}</span>
        <span class="tile-value">{uptime(system.uptimeS)}</span>
        <span class="tile-note">
          {t('overview.memory', { rss: bytes(system.rssBytes), heap: bytes(system.heapUsedBytes) })}
        </span>
      </div>
    </>
  );
}
