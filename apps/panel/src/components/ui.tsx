import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, describeError, isNotFound } from '../lib/api';
import { t } from '../lib/i18n';
import { followLink } from '../lib/router';

export function Link(props: {
  href: string;
  class?: string;
  children: ComponentChildren;
  current?: boolean;
}): JSX.Element {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => followLink(event, props.href)}
    >
      {props.children}
    </a>
  );
}

/** What went wrong, in the server's words; `role="alert"` so screen readers say it too. */
export function ErrorNotice(props: { error: unknown; onDismiss?: () => void }): JSX.Element | null {
  if (!props.error) return null;
  const code = props.error instanceof ApiError ? props.error.code : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <span>{describeError(props.error)}</span>
      {code && <code class="notice-code">{code}</code>}
      {props.onDismiss && (
        <button type="button" class="link-button" onClick={props.onDismiss} aria-label={t('dismiss')}>
          ✕
        </button>
      )}
    </div>
  );
}

export function Loading(props: { label?: string }): JSX.Element {
  return (
    <p class="muted" aria-busy="true">
      {props.label ?? t('loading')}
    </p>
  );
}

/** The server does not offer this yet (404): say so plainly instead of showing made-up data. */
export function NotAvailable(props: { what: string; path: string }): JSX.Element {
  return (
    <div class="empty" data-testid="not-available">
      <strong>{t('notAvailable.title', { what: props.what })}</strong>
      <p class="muted">
        {t('notAvailable.before')}
        <code>{props.path}</code>
        {t('notAvailable.after')}
      </p>
    </div>
  );
}

/** Loading, a 404 as "not available yet", another error, or the content. */
export function Loaded<T>(props: {
  data: T | undefined;
  error: unknown;
  what: string;
  path: string;
  children: (data: T) => ComponentChildren;
}): JSX.Element {
  if (props.data === undefined) {
    if (isNotFound(props.error)) return <NotAvailable what={props.what} path={props.path} />;
    if (props.error) return <ErrorNotice error={props.error} />;
    return <Loading />;
  }
  return (
    <>
      {props.error && !isNotFound(props.error) ? <ErrorNotice error={props.error} /> : null}
      {props.children(props.data)}
    </>
  );
}

export function Avatar(props: { url: string | null; name: string; size?: 'small' | 'large' }): JSX.Element {
  const [broken, setBroken] = useState(false);
  const initial = (props.name.trim()[0] ?? '?').toUpperCase();
  return props.url && !broken ? (
    <img
      class={`avatar ${props.size ?? ''}`}
      src={props.url}
      alt=""
      loading="lazy"
      referrerpolicy="no-referrer"
      onError={() => setBroken(true)}
    />
  ) : (
    <span class={`avatar avatar-initial ${props.size ?? ''}`} aria-hidden="true">
      {initial}
    </span>
  );
}

/** Small inline icons (fonts often lack the media-control symbols). */
export function Icon(props: { name: 'play' | 'pause' | 'skip' | 'stop' | 'shuffle' }): JSX.Element {
  const paths: Record<typeof props.name, string> = {
    play: 'M7 5v14l12-7z',
    pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
    skip: 'M5 5v14l10-7zM16 5h3v14h-3z',
    stop: 'M6 6h12v12H6z',
    shuffle:
      'M16 4l4 4-4 4V9h-2.6l-7 8H4v-2h1.6l7-8H16zM4 7h2.4l2.2 2.5-1.3 1.5L5.6 9H4zm12 8v-3l4 4-4 4v-3h-2.4l-2.2-2.5 1.3-1.5 1.7 2z',
  };
  return (
    <svg class="icon-svg" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d={paths[props.name]} fill="currentColor" />
    </svg>
  );
}

export function Badge(props: { tone?: 'ok' | 'warn' | 'bad' | 'info'; children: ComponentChildren }): JSX.Element {
  return <span class={`badge ${props.tone ? `badge-${props.tone}` : ''}`}>{props.children}</span>;
}
