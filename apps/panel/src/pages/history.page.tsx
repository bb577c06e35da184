import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type {
  GuildSummaryDto,
  HistoryPageDto,
  ListenerDto,
  PlayDto,
  PlaySourceName,
  TrackEndReasonName,
} from '@accord/contracts';
import { GuildScope } from '../components/guild-scope';
import { sourceLabel } from '../components/now-playing';
import { Badge, ErrorNotice, Link, Loading } from '../components/ui';
import { api } from '../lib/api';
import { dateTime, duration } from '../lib/format';
import { t } from '../lib/i18n';
import { useResource } from '../lib/resource';
import { navigate, useLocation } from '../lib/router';

const SOURCES: PlaySourceName[] = ['request', 'autoplay', 'discovery', 'import'];
const END_REASONS: TrackEndReasonName[] = ['finished', 'skipped', 'stopped', 'error', 'replaced'];
const PAGE_SIZE = 50;
const SNOWFLAKE = /^\d{17,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters, as the panel's own query string holds them (so a reload or a shared link keeps them). */
interface HistoryFilter {
  /** Local days, `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  userId: string;
  trackKey: string;
  source: PlaySourceName | '';
  endReason: TrackEndReasonName | '';
}

function readFilter(query: URLSearchParams): HistoryFilter {
  const source = query.get('source') ?? '';
  const endReason = query.get('endReason') ?? '';
  return {
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    userId: query.get('userId') ?? '',
    trackKey: query.get('trackKey') ?? '',
    source: (SOURCES as string[]).includes(source) ? (source as PlaySourceName) : '',
    endReason: (END_REASONS as string[]).includes(endReason) ? (endReason as TrackEndReasonName) : '',
  };
}

function searchOf(filter: HistoryFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter) as Array<[string, string]>) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Local midnight of a `YYYY-MM-DD` day, plus `days`. */
function localDay(day: string, days = 0): Date | null {
  if (!DATE.test(day)) return null;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days);
}

/**
 * One page from the API. The API pages back in time with `before`; "from" is applied here: plays
 * older than it are left out, and the paging stops at the first of them.
 */
async function loadPage(guildId: string, filter: HistoryFilter, before: string | null): Promise<HistoryPageDto> {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  const until = localDay(filter.to, 1);
  if (before) params.set('before', before);
  else if (until) params.set('before', until.toISOString());
  if (filter.userId) params.set('userId', filter.userId);
  if (filter.trackKey) params.set('trackKey', filter.trackKey);
  if (filter.source) params.set('source', filter.source);
  if (filter.endReason) params.set('endReason', filter.endReason);
  const page = await api.get<HistoryPageDto>(`/guilds/${guildId}/history?${params.toString()}`);
  const since = localDay(filter.from)?.getTime();
  if (since === undefined) return page;
  const kept = page.plays.filter((play) => Date.parse(play.startedAt) >= since);
  return { plays: kept, nextBefore: kept.length < page.plays.length ? null : page.nextBefore };
}

/** The checks the API makes too, said before asking it. */
function check(filter: HistoryFilter): Partial<Record<keyof HistoryFilter, string>> {
  const errors: Partial<Record<keyof HistoryFilter, string>> = {};
  if (filter.userId && !SNOWFLAKE.test(filter.userId)) errors.userId = t('history.badUserId');
  if (filter.from && filter.to && filter.from > filter.to) errors.to = t('history.endBeforeStart');
  return errors;
}

export function HistoryPage(props: { guildId: string | undefined }): JSX.Element {
  return (
    <GuildScope section="history" title={t('nav.history')} guildId={props.guildId}>
      {(guild) => <GuildHistory key={guild.id} guild={guild} />}
    </GuildScope>
  );
}

function GuildHistory(props: { guild: GuildSummaryDto }): JSX.Element {
  const { guild } = props;
  const { path, query } = useLocation();
  const filter = readFilter(query);
  const key = `${guild.id}${searchOf(filter)}`;
  const plays = useResource(() => loadPage(guild.id, filter, null), key);
  const listeners = useResource(() => api.get<ListenerDto[]>(`/guilds/${guild.id}/listeners`), guild.id);
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const names = new Map((listeners.data ?? []).map((item) => [item.id, item.displayName ?? item.username ?? item.id]));
  const nameOf = (userId: string): string => names.get(userId) ?? `…${userId.slice(-5)}`;
  const apply = (next: HistoryFilter): void => navigate(`${path}${searchOf(next)}`);

  const loadOlder = async (): Promise<void> => {
    const before = plays.data?.nextBefore;
    if (!before) return;
    setMore({ busy: true, error: null });
    try {
      const page = await loadPage(guild.id, filter, before);
      plays.set((previous) => ({ plays: [...(previous?.plays ?? []), ...page.plays], nextBefore: page.nextBefore }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error });
    }
  };

  const trackTitle = plays.data?.plays.find((play) => play.trackKey === filter.trackKey);
  return (
    <>
      <p class="muted">
        {t('history.introBefore')}
        <Link href={`/guilds/${guild.id}`}>{guild.name}</Link>
        {t('history.introAfter')}
      </p>
      <FilterForm filter={filter} onApply={apply} />
      {filter.trackKey && (
        <p class="chips">
          <span class="chip">
            {t('history.songChip', {
              song: trackTitle ? `${trackTitle.artist} – ${trackTitle.title}` : filter.trackKey,
            })}
            <button
              type="button"
              class="link-button"
              aria-label={t('history.everySong')}
              onClick={() => apply({ ...filter, trackKey: '' })}
            >
              ✕
            </button>
          </span>
        </p>
      )}
      {plays.error ? <ErrorNotice error={plays.error} /> : null}
      {!plays.data && !plays.error && <Loading />}
      {plays.data &&
        (plays.data.plays.length === 0 ? (
          <p class="empty" data-testid="history-empty">
            {t('history.none')}
          </p>
        ) : (
          <PlayTable
            plays={plays.data.plays}
            nameOf={nameOf}
            onTrack={(trackKey) => apply({ ...filter, trackKey })}
            onUser={(userId) => apply({ ...filter, userId })}
          />
        ))}
      <ErrorNotice error={more.error} onDismiss={() => setMore({ busy: false, error: null })} />
      {plays.data?.nextBefore && (
        <button type="button" class="secondary" disabled={more.busy} onClick={() => void loadOlder()}>
          {more.busy ? t('loading') : t('history.older')}
        </button>
      )}
    </>
  );
}

function FilterForm(props: { filter: HistoryFilter; onApply: (filter: HistoryFilter) => void }): JSX.Element {
  const [form, setForm] = useState(props.filter);
  const [errors, setErrors] = useState<Partial<Record<keyof HistoryFilter, string>>>({});
  // The form follows the address (back and forward, a cleared chip).
  useEffect(() => setForm(props.filter), [searchOf(props.filter)]);
  const change = (name: keyof HistoryFilter, value: string): void => setForm({ ...form, [name]: value });

  return (
    <form
      class="toolbar filters"
      role="search"
      aria-label={t('history.filter')}
      data-testid="history-filters"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = { ...form, userId: form.userId.trim() };
        const found = check(trimmed);
        setErrors(found);
        if (Object.keys(found).length === 0) props.onApply(trimmed);
      }}
    >
      <label>
        {t('history.from')}
        <input
          type="date"
          name="from"
          value={form.from}
          onInput={(event) => change('from', event.currentTarget.value)}
        />
      </label>
      <label>
        {t('history.to')}
        <input
          type="date"
          name="to"
          value={form.to}
          aria-invalid={errors.to ? true : undefined}
          onInput={(event) => change('to', event.currentTarget.value)}
        />
        {errors.to && <span class="field-error">{errors.to}</span>}
      </label>
      <label>
        {t('history.listenerId')}
        <input
          name="userId"
          inputMode="numeric"
          placeholder={t('history.any')}
          value={form.userId}
          aria-invalid={errors.userId ? true : undefined}
          onInput={(event) => change('userId', event.currentTarget.value)}
        />
        {errors.userId && <span class="field-error">{errors.userId}</span>}
      </label>
      <label>
        {t('history.source')}
        <select name="source" value={form.source} onChange={(event) => change('source', event.currentTarget.value)}>
          <option value="">{t('history.any')}</option>
          {SOURCES.map((source) => (
            <option key={source} value={source}>
              {sourceLabel(source)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('history.ended')}
        <select
          name="endReason"
          value={form.endReason}
          onChange={(event) => change('endReason', event.currentTarget.value)}
        >
          <option value="">{t('history.anyWay')}</option>
          {END_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`history.endReason.${reason}`)}
            </option>
          ))}
        </select>
      </label>
      <div class="toolbar-actions">
        <button type="submit">{t('history.apply')}</button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setErrors({});
            props.onApply({ from: '', to: '', userId: '', trackKey: '', source: '', endReason: '' });
          }}
        >
          {t('history.clear')}
        </button>
      </div>
    </form>
  );
}

const END_TONE: Record<TrackEndReasonName, 'ok' | 'warn' | 'bad' | undefined> = {
  finished: 'ok',
  skipped: 'warn',
  stopped: undefined,
  error: 'bad',
  replaced: undefined,
};

/** A table on wide screens; each row becomes a card on a phone (see `.responsive` in the styles). */
function PlayTable(props: {
  plays: PlayDto[];
  nameOf: (userId: string) => string;
  onTrack: (trackKey: string) => void;
  onUser: (userId: string) => void;
}): JSX.Element {
  const person = (userId: string): JSX.Element => (
    <button
      type="button"
      class="link-button person"
      title={t('history.onlyHeard', { userId })}
      onClick={() => props.onUser(userId)}
    >
      {props.nameOf(userId)}
    </button>
  );
  return (
    <div class="table-wrap">
      <table class="responsive" data-testid="history-table">
        <thead>
          <tr>
            <th scope="col">{t('history.started')}</th>
            <th scope="col">{t('history.song')}</th>
            <th scope="col">{t('history.source')}</th>
            <th scope="col">{t('history.ended')}</th>
            <th scope="col">{t('history.played')}</th>
            <th scope="col">{t('history.requestedBy')}</th>
            <th scope="col">{t('guild.listeners')}</th>
            <th scope="col">{t('history.votes')}</th>
          </tr>
        </thead>
        <tbody>
          {props.plays.map((play) => (
            <tr key={play.id} data-testid="history-row">
              <td data-label={t('history.started')}>
                <time dateTime={play.startedAt}>{dateTime(play.startedAt)}</time>
              </td>
              <td data-label={t('history.song')} class="cell-song">
                <button
                  type="button"
                  class="link-button song"
                  title={t('history.onlySong')}
                  onClick={() => props.onTrack(play.trackKey)}
                >
                  <strong>{play.title}</strong>
                </button>
                <span class="muted"> {play.artist}</span>
              </td>
              <td data-label={t('history.source')}>
                <Badge tone={play.source === 'request' ? undefined : 'info'}>{sourceLabel(play.source)}</Badge>
              </td>
              <td data-label={t('history.ended')}>
                {play.endReason ? (
                  <Badge tone={END_TONE[play.endReason]}>{t(`history.endReason.${play.endReason}`)}</Badge>
                ) : (
                  <Badge tone="ok">{t('overview.playing')}</Badge>
                )}
                {play.skippedBy && (
                  <span class="muted small"> {t('history.skippedBy', { name: props.nameOf(play.skippedBy) })}</span>
                )}
              </td>
              <td data-label={t('history.played')} class="num">
                {duration(play.playedMs)} / {duration(play.durationMs)}
              </td>
              <td data-label={t('history.requestedBy')}>
                {play.requestedBy ? person(play.requestedBy) : <span class="muted">–</span>}
              </td>
              <td data-label={t('guild.listeners')}>
                {play.listeners.length === 0 ? (
                  <span class="muted">{t('history.nobody')}</span>
                ) : (
                  <span class="people">
                    {play.listeners.map((userId) => (
                      <span key={userId}>{person(userId)}</span>
                    ))}
                  </span>
                )}
              </td>
              <td data-label={t('history.votes')} class="num">
                {play.likes > 0 || play.dislikes > 0 ? (
                  <span title={t('history.likes', { likes: play.likes, dislikes: play.dislikes })}>
                    +{play.likes} / −{play.dislikes}
                  </span>
                ) : (
                  <span class="muted">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
