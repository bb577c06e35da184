import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LogEntryDto, LogLevelName } from '@accord/contracts';
import { Loaded } from '../components/ui';
import { api } from '../lib/api';
import { time } from '../lib/format';
import { t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { useResource } from '../lib/resource';

const LEVELS: LogLevelName[] = ['error', 'warn', 'info', 'debug', 'verbose'];
const SEVERITY: Record<string, number> = { error: 0, warn: 1, info: 2, http: 3, debug: 4, verbose: 5, silly: 6 };
/** Lines kept on screen; older ones drop off the top. */
const KEEP = 1_000;

interface Filter {
  level: LogLevelName;
  search: string;
  context: string;
}

/** The same test the server applies to `GET /logs`, for the lines that arrive live. */
function matches(entry: LogEntryDto, filter: Filter): boolean {
  if ((SEVERITY[entry.level] ?? SEVERITY.verbose) > SEVERITY[filter.level]) return false;
  if (filter.context && entry.context !== filter.context) return false;
  return !filter.search || entry.message.toLowerCase().includes(filter.search.toLowerCase());
}

function query(filter: Filter): string {
  const params = new URLSearchParams({ level: filter.level, limit: '300' });
  if (filter.search) params.set('search', filter.search);
  if (filter.context) params.set('context', filter.context);
  return params.toString();
}

/** The bot's recent log lines, then a live tail, filtered by level, context and text. */
export function LogsPage(): JSX.Element {
  const [filter, setFilter] = useState<Filter>({ level: 'info', search: '', context: '' });
  const [typed, setTyped] = useState({ search: '', context: '' });
  const [paused, setPaused] = useState(false);
  const [followTail, setFollowTail] = useState(true);
  const key = query(filter);
  /** Recent live lines, whatever the filter: they fill the gap while a request is on its way. */
  const recent = useRef<LogEntryDto[]>([]);
  const lines = useResource(async () => {
    const rows = await api.get<LogEntryDto[]>(`/logs?${key}`);
    const lastSeq = rows.length > 0 ? rows[rows.length - 1].seq : 0;
    return [...rows, ...recent.current.filter((entry) => entry.seq > lastSeq && matches(entry, filter))];
  }, key);
  const pending = useRef<LogEntryDto[]>([]);
  const [held, setHeld] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  // Typing settles for a moment before the server is asked again.
  useEffect(() => {
    const timer = setTimeout(() => setFilter((current) => ({ ...current, ...typed })), 300);
    return () => clearTimeout(timer);
  }, [typed.search, typed.context]);

  useLive('owner', (message) => {
    if (message.event !== 'log') return;
    recent.current = [...recent.current.slice(-199), message.data];
    if (!matches(message.data, filter)) return;
    if (paused) {
      pending.current.push(message.data);
      setHeld(pending.current.length);
      return;
    }
    const entry = message.data;
    lines.set((previous) => {
      if (!previous) return previous;
      if (previous.length > 0 && previous[previous.length - 1].seq >= entry.seq) return previous;
      return [...previous, entry].slice(-KEEP);
    });
  });

  useEffect(() => {
    if (followTail && listRef.current) listRef.current.scrollTop = listRef.current.scrollHeight;
  }, [lines.data, followTail]);

  const resume = (): void => {
    const waiting = pending.current;
    pending.current = [];
    setHeld(0);
    setPaused(false);
    lines.set((previous) => (previous ? [...previous, ...waiting].slice(-KEEP) : previous));
  };

  return (
    <div class="page page-logs">
      <h1>{t('nav.logs')}</h1>
      <form class="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('logs.level')}
          <select
            name="level"
            value={filter.level}
            onChange={(event) => setFilter({ ...filter, level: event.currentTarget.value as LogLevelName })}
          >
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t('logs.atLeast', { level })}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          {t('logs.search')}
          <input
            type="search"
            name="search"
            placeholder={t('logs.searchHint')}
            value={typed.search}
            onInput={(event) => setTyped({ ...typed, search: event.currentTarget.value })}
          />
        </label>
        <label>
          {t('logs.context')}
          <input
            name="context"
            placeholder={t('logs.contextHint')}
            value={typed.context}
            onInput={(event) => setTyped({ ...typed, context: event.currentTarget.value })}
          />
        </label>
        <div class="toolbar-actions">
          {paused ? (
            <button type="button" onClick={resume}>
              {held > 0 ? t('logs.resumeNew', { count: held }) : t('logs.resume')}
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => setPaused(true)}>
              {t('logs.pause')}
            </button>
          )}
          <label class="check">
            <input
              type="checkbox"
              checked={followTail}
              onChange={(event) => setFollowTail(event.currentTarget.checked)}
            />
            {t('logs.follow')}
          </label>
        </div>
      </form>
      <Loaded data={lines.data} error={lines.error} what={t('nav.logs')} path="/api/v1/logs">
        {(entries) => (
          <div class="log-view" ref={listRef} data-testid="log-lines" aria-live="polite">
            {entries.length === 0 && <p class="muted">{t('logs.none')}</p>}
            {entries.map((entry) => (
              <div key={entry.seq} class={`log-line log-${entry.level}`} data-testid="log-line">
                <span class="log-time">{time(entry.at)}</span>
                <span class="log-level">{entry.level}</span>
                {entry.context && <span class="log-context">{entry.context}</span>}
                <span class="log-message">{entry.message}</span>
                {entry.correlationId && <span class="log-meta">#{entry.correlationId.slice(0, 8)}</span>}
              </div>
            ))}
          </div>
        )}
      </Loaded>
    </div>
  );
}
