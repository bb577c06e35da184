import type { JSX } from 'preact';
import { FITTING_PICK_MIN, type GuildStatsDto, type GuildSummaryDto, type ListenerDto } from '@accord/contracts';
import { BarList, ColumnChart, Ring, StackedBar } from '../components/charts';
import { GuildScope } from '../components/guild-scope';
import { ErrorNotice, Link, Loading } from '../components/ui';
import { api } from '../lib/api';
import { number, percent, shortDay } from '../lib/format';
import { t } from '../lib/i18n';
import { useResource } from '../lib/resource';
import { navigate, useLocation } from '../lib/router';

const SPANS = [7, 14, 30, 90];
const DEFAULT_DAYS = 7;

export function StatsPage(props: { guildId: string | undefined }): JSX.Element {
  return (
    <GuildScope section="stats" title={t('nav.stats')} guildId={props.guildId}>
      {(guild) => <GuildStats key={guild.id} guild={guild} />}
    </GuildScope>
  );
}

function GuildStats(props: { guild: GuildSummaryDto }): JSX.Element {
  const { guild } = props;
  const { path, query } = useLocation();
  const asked = Number(query.get('days'));
  const days = SPANS.includes(asked) ? asked : DEFAULT_DAYS;
  const stats = useResource(
    () => api.get<GuildStatsDto>(`/guilds/${guild.id}/stats?days=${days}`),
    `${guild.id}:${days}`,
  );
  const listeners = useResource(() => api.get<ListenerDto[]>(`/guilds/${guild.id}/listeners`), guild.id);
  const names = new Map((listeners.data ?? []).map((item) => [item.id, item.displayName ?? item.username ?? item.id]));
  const nameOf = (userId: string): string => names.get(userId) ?? `…${userId.slice(-5)}`;

  return (
    <>
      <div class="toolbar">
        <p class="muted grow">
          {t('stats.introBefore')}
          <Link href={`/guilds/${guild.id}`}>{guild.name}</Link>
          {t('stats.introAfter')}
        </p>
        <label class="inline-label">
          {t('stats.span')}
          <select
            name="days"
            value={String(days)}
            onChange={(event) => navigate(`${path}?days=${event.currentTarget.value}`, { replace: true })}
          >
            {SPANS.map((span) => (
              <option key={span} value={String(span)}>
                {t('stats.lastDays', { count: span })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {stats.error ? <ErrorNotice error={stats.error} /> : null}
      {!stats.data && !stats.error && <Loading />}
      {stats.data && <StatsView stats={stats.data} guildId={guild.id} nameOf={nameOf} />}
    </>
  );
}

function playCount(plays: number): string {
  return t('stats.playCount', { count: plays, plays: number(plays) });
}

function StatsView(props: { stats: GuildStatsDto; guildId: string; nameOf: (userId: string) => string }): JSX.Element {
  const { stats, nameOf } = props;
  const { discovery } = stats;
  const picked = stats.listeners.filter((listener) => listener.fittingShare !== null);
  const undecided = Math.max(0, discovery.played - discovery.accepted - discovery.skipped);
  return (
    <div class="stats" data-testid="stats">
      <div class="tiles">
        <div class="tile">
          <span class="tile-label">{t('stats.plays')}</span>
          <span class="tile-value" data-testid="stats-total">
            {number(stats.totalPlays)}
          </span>
          <span class="tile-note">{t('stats.since', { day: shortDay(stats.since.slice(0, 10)) })}</span>
        </div>
        <div class="tile">
          <span class="tile-label">{t('stats.skipRate')}</span>
          <span class="tile-value">{stats.skipRate === null ? '–' : percent(stats.skipRate)}</span>
          <span class="tile-note">{t('stats.ofEnded')}</span>
        </div>
        <div class="tile">
          <span class="tile-label">{t('stats.discoveriesAccepted')}</span>
          <span class="tile-value">{discovery.acceptanceRate === null ? '–' : percent(discovery.acceptanceRate)}</span>
          <span class="tile-note">{t('stats.discoveriesPlayed', { count: discovery.played })}</span>
        </div>
      </div>

      <section class="card chart-card" aria-labelledby="per-day-heading">
        <h2 id="per-day-heading">{t('stats.perDay')}</h2>
        <ColumnChart
          label={t('stats.perDay')}
          testId="plays-per-day"
          points={stats.playsPerDay.map((day) => ({
            label: shortDay(day.day),
            shortLabel: String(Number(day.day.slice(8, 10))),
            value: day.plays,
            title: `${shortDay(day.day)}: ${playCount(day.plays)}`,
          }))}
        />
      </section>

      <div class="stats-grid">
        <section class="card" aria-labelledby="top-tracks-heading">
          <h2 id="top-tracks-heading">{t('stats.topSongs')}</h2>
          {stats.topTracks.length === 0 ? (
            <p class="muted">{t('stats.nothing')}</p>
          ) : (
            <BarList
              label={t('stats.topSongsLabel')}
              testId="top-tracks"
              unit={playCount}
              items={stats.topTracks.map((track) => ({
                key: track.trackKey,
                label: track.title,
                note: track.artist,
                value: track.plays,
              }))}
            />
          )}
          {stats.topTracks.length > 0 && (
            <p class="small">
              <Link href={`/history/${props.guildId}`}>{t('stats.everyPlay')}</Link>
            </p>
          )}
        </section>
        <section class="card" aria-labelledby="top-artists-heading">
          <h2 id="top-artists-heading">{t('stats.topArtists')}</h2>
          {stats.topArtists.length === 0 ? (
            <p class="muted">{t('stats.nothing')}</p>
          ) : (
            <BarList
              label={t('stats.topArtistsLabel')}
              testId="top-artists"
              unit={playCount}
              items={stats.topArtists.map((artist) => ({
                key: artist.artistKey,
                label: artist.artist,
                value: artist.plays,
              }))}
            />
          )}
        </section>
        <section class="card" aria-labelledby="skips-heading">
          <h2 id="skips-heading">{t('stats.skipRate')}</h2>
          <div class="ring-row">
            <Ring share={stats.skipRate} label={t('stats.skipRate')} tone="bad" />
            <p class="muted small">{t('stats.skipRateHint')}</p>
          </div>
        </section>
        <section class="card" aria-labelledby="discovery-heading">
          <h2 id="discovery-heading">{t('stats.discoveryAcceptance')}</h2>
          <div class="ring-row">
            <Ring share={discovery.acceptanceRate} label={t('stats.discoveryAcceptance')} tone="ok" />
            <StackedBar
              label={t('stats.discoveries')}
              parts={[
                { label: t('stats.accepted'), value: discovery.accepted, tone: 'ok' },
                { label: t('stats.skipped'), value: discovery.skipped, tone: 'bad' },
                { label: t('stats.neither'), value: undecided, tone: 'muted' },
              ]}
            />
          </div>
          <p class="muted small">{t('stats.discoveryHint')}</p>
        </section>
        <section class="card" aria-labelledby="listeners-heading">
          <h2 id="listeners-heading">{t('guild.listeners')}</h2>
          {stats.listeners.length === 0 ? (
            <p class="muted">{t('stats.noListeners')}</p>
          ) : (
            <BarList
              label={t('stats.heardLabel')}
              testId="listener-plays"
              unit={playCount}
              items={stats.listeners.map((listener) => ({
                key: listener.userId,
                label: nameOf(listener.userId),
                value: listener.plays,
              }))}
            />
          )}
        </section>
        <section class="card" aria-labelledby="fitting-heading">
          <h2 id="fitting-heading">{t('stats.fitted')}</h2>
          {picked.length === 0 ? (
            <p class="muted">{t('stats.noPicks')}</p>
          ) : (
            <BarList
              label={t('stats.fittedLabel')}
              testId="listener-fitting"
              max={1}
              unit={(share) => percent(share)}
              items={picked.map((listener) => ({
                key: listener.userId,
                label: nameOf(listener.userId),
                note: t('stats.fittingOf', { fitting: listener.fittingPicks, count: listener.picks }),
                value: listener.fittingShare ?? 0,
              }))}
            />
          )}
          <p class="muted small">{t('stats.fittedHint', { share: percent(FITTING_PICK_MIN) })}</p>
        </section>
      </div>
    </div>
  );
}
