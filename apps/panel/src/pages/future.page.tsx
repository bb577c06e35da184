import type { JSX } from 'preact';
import { Loaded } from '../components/ui';
import { api } from '../lib/api';
import { useResource } from '../lib/resource';

/**
 * Pages whose API is being built (issue 7): history, stats, tracks and users. The navigation
 * already leads here; each page asks its endpoint and says "not available yet" while the server
 * answers 404. When the endpoint exists, its rows are shown as they come until the page gets its
 * own view.
 */
export interface FuturePageDefinition {
  href: string;
  title: string;
  description: string;
  endpoint: string;
}

export const FUTURE_PAGES: FuturePageDefinition[] = [
  {
    href: '/history',
    title: 'History',
    description: 'Every song played: when, where, for whom, and how it ended.',
    endpoint: '/history',
  },
  {
    href: '/stats',
    title: 'Stats',
    description: 'Plays over time, top songs and artists, autoplay and discovery hit rates.',
    endpoint: '/stats',
  },
  {
    href: '/tracks',
    title: 'Tracks',
    description: 'Search the catalogue, re-pin a song to another video, merge duplicates.',
    endpoint: '/tracks',
  },
  {
    href: '/users',
    title: 'Users',
    description: 'Listener profiles: taste, linked accounts; delete a profile on request.',
    endpoint: '/users',
  },
];

export function FuturePage(props: { page: FuturePageDefinition }): JSX.Element {
  const { page } = props;
  const data = useResource(() => api.get<unknown>(page.endpoint), page.endpoint);
  return (
    <div class="page">
      <h1>{page.title}</h1>
      <p class="muted">{page.description}</p>
      <Loaded data={data.data} error={data.error} what={page.title} path={`/api/v1${page.endpoint}`}>
        {(value) => <RawRows value={value} />}
      </Loaded>
    </div>
  );
}

function cell(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? '' : JSON.stringify(value).slice(0, 80);
    case 'undefined':
    case 'function':
    case 'symbol':
      return '';
  }
}

/** The endpoint's answer as a plain table (a list, or `items` of a page), or as JSON. */
function RawRows(props: { value: unknown }): JSX.Element {
  const { value } = props;
  const rows = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items)
      ? (value as { items: unknown[] }).items
      : null;
  if (!rows || rows.some((row) => typeof row !== 'object' || row === null)) {
    return <pre class="raw">{JSON.stringify(value, null, 2)}</pre>;
  }
  const records = rows as Array<Record<string, unknown>>;
  const columns = [...new Set(records.slice(0, 20).flatMap((row) => Object.keys(row)))];
  if (records.length === 0) return <p class="empty">Nothing yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => (
                <td key={column}>{cell(row[column])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
