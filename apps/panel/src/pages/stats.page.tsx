import type { JSX } from 'preact';
import { FITTING_PICK_MIN, type GuildStatsDto, type GuildSummaryDto, type ListenerDto } from '@accord/contracts';
import { BarList, ColumnChart, Ring, StackedBar } from '../components/charts';
import { GuildScope } from '../components/guild-scope';
import { ErrorNotice, Link, Loading } from '../components/ui';
import { api } from '../lib/api';
import { percent, plural, shortDay } from '../lib/format';
import { useResource } from '../lib/resource';
import { navigate, useLocation } from '../lib/router';

const SPANS = [7, 14, 30, 90];
const DEFAULT_DAYS = 7;

export function StatsPage(props: { guildId: string | undefined }): JSX.Element {
  return (
    <GuildScope section="stats" title="Stats" guildId={props.guildId}>
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
          What played in <Link href={`/guilds/${guild.id}`}>{guild.name}</Link>, and how the room took autoplay's picks.
        </p>
        <label class="inline-label">
          Span
          <select
            name="days"
            value={String(days)}
            onChange={(event) => navigate(`${path}?days=${event.currentTarget.value}`, { replace: true })}
          >
            {SPANS.map((span) => (
              <option key={span} value={String(span)}>
                last {span} days
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

function StatsView(props: { stats: GuildStatsDto; guildId: string; nameOf: (userId: string) => string }): JSX.Element {
  const { stats, nameOf } = props;
  const { discovery } = stats;
  const picked = stats.listeners.filter((listener) => listener.fittingShare !== null);
  const undecided = Math.max(0, discovery.played - discovery.accepted - discovery.skipped);
  return (
    <div class="stats" data-testid="stats">
      <div class="tiles">
        <div class="tile">
          <span class="tile-label">Plays</span>
          <span class="tile-value" data-testid="stats-total">
            {stats.totalPlays}
          </span>
          <span class="tile-note">since {shortDay(stats.since.slice(0, 10))}</span>
        </div>
        <div class="tile">
          <span class="tile-label">Skip rate</span>
          <span class="tile-value">{stats.skipRate === null ? '–' : percent(stats.skipRate)}</span>
          <span class="tile-note">of the plays that ended</span>
        </div>
        <div class="tile">
          <span class="tile-label">Discoveries accepted</span>
          <span class="tile-value">{discovery.acceptanceRate === null ? '–' : percent(discovery.acceptanceRate)}</span>
          <span class="tile-note">{plural(discovery.played, 'discovery', 'discoveries')} played</span>
        </div>
      </div>

      <section class="card chart-card" aria-labelledby="per-day-heading">
        <h2 id="per-day-heading">Plays per day</h2>
        <ColumnChart
          label="Plays per day"
          testId="plays-per-day"
          points={stats.playsPerDay.map((day) => ({
            label: shortDay(day.day),
            shortLabel: String(Number(day.day.slice(8, 10))),
            value: day.plays,
            title: `${shortDay(day.day)}: ${plural(day.plays, 'play')}`,
          }))}
        />
      </section>

      <div class="stats-grid">
        <section class="card" aria-labelledby="top-tracks-heading">
          <h2 id="top-tracks-heading">Top songs</h2>
          {stats.topTracks.length === 0 ? (
            <p class="muted">Nothing played in this span.</p>
          ) : (
            <BarList
              label="Top songs by plays"
              testId="top-tracks"
              unit={(plays) => plural(plays, 'play')}
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
              <Link href={`/history/${props.guildId}`}>Every play in the history</Link>
            </p>
          )}
        </section>
        <section class="card" aria-labelledby="top-artists-heading">
          <h2 id="top-artists-heading">Top artists</h2>
          {stats.topArtists.length === 0 ? (
            <p class="muted">Nothing played in this span.</p>
          ) : (
            <BarList
              label="Top artists by plays"
              testId="top-artists"
              unit={(plays) => plural(plays, 'play')}
              items={stats.topArtists.map((artist) => ({
                key: artist.artistKey,
                label: artist.artist,
                value: artist.plays,
              }))}
            />
          )}
        </section>
        <section class="card" aria-labelledby="skips-heading">
          <h2 id="skips-heading">Skip rate</h2>
          <div class="ring-row">
            <Ring share={stats.skipRate} label="Skip rate" tone="bad" />
            <p class="muted small">
              Of the plays that ended (finished, skipped, stopped, replaced or failed), the share someone skipped.
            </p>
          </div>
        </section>
        <section class="card" aria-labelledby="discovery-heading">
          <h2 id="discovery-heading">Discovery acceptance</h2>
          <div class="ring-row">
            <Ring share={discovery.acceptanceRate} label="Discovery acceptance" tone="ok" />
            <StackedBar
              label="Discoveries"
              parts={[
                { label: 'accepted', value: discovery.accepted, tone: 'ok' },
                { label: 'skipped', value: discovery.skipped, tone: 'bad' },
                { label: 'neither', value: undecided, tone: 'muted' },
              ]}
            />
          </div>
          <p class="muted small">
            A discovery is a song no listener had played or liked. Accepted: heard to the end or liked.
          </p>
        </section>
        <section class="card" aria-labelledby="listeners-heading">
          <h2 id="listeners-heading">Listeners</h2>
          {stats.listeners.length === 0 ? (
            <p class="muted">No one listened in this span.</p>
          ) : (
            <BarList
              label="Plays heard by each listener"
              testId="listener-plays"
              unit={(plays) => plural(plays, 'play')}
              items={stats.listeners.map((listener) => ({
                key: listener.userId,
                label: nameOf(listener.userId),
                value: listener.plays,
              }))}
            />
          )}
        </section>
        <section class="card" aria-labelledby="fitting-heading">
          <h2 id="fitting-heading">Picks that fitted</h2>
          {picked.length === 0 ? (
            <p class="muted">Autoplay picked nothing for these listeners in this span.</p>
          ) : (
            <BarList
              label="Share of autoplay's picks that fitted each listener"
              testId="listener-fitting"
              max={1}
              unit={(share) => percent(share)}
              items={picked.map((listener) => ({
                key: listener.userId,
                label: nameOf(listener.userId),
                note: `${listener.fittingPicks} of ${plural(listener.picks, 'pick')}`,
                value: listener.fittingShare ?? 0,
              }))}
            />
          )}
          <p class="muted small">
            A pick fitted a listener when it scored at least {percent(FITTING_PICK_MIN)} of the best autoplay could have
            chosen for them.
          </p>
        </section>
      </div>
    </div>
  );
}
