import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SessionUserDto } from '@accord/contracts';
import { LanguageSwitch } from './components/language-switch';
import { ThemeToggle } from './components/theme-toggle';
import { Avatar, ErrorNotice, Link, Loading } from './components/ui';
import { ApiError, api, setCsrfToken, whenSignedOut } from './lib/api';
import { t, useLanguage } from './lib/i18n';
import { live, useLiveStatus } from './lib/live';
import { navigate, useLocation } from './lib/router';
import { GuildPage } from './pages/guild.page';
import { HistoryPage } from './pages/history.page';
import { LoginPage } from './pages/login.page';
import { LogsPage } from './pages/logs.page';
import { NodesPage } from './pages/nodes.page';
import { OverviewPage } from './pages/overview.page';
import { StatsPage } from './pages/stats.page';
import { TracksPage } from './pages/tracks.page';
import { UsersPage } from './pages/users.page';

interface NavItem {
  href: string;
  /** The key under `nav`. */
  label: string;
  ownerOnly?: boolean;
}

const NAV: NavItem[] = [
  { href: '/', label: 'overview' },
  { href: '/history', label: 'history' },
  { href: '/stats', label: 'stats' },
  { href: '/tracks', label: 'tracks', ownerOnly: true },
  { href: '/users', label: 'users', ownerOnly: true },
  { href: '/logs', label: 'logs', ownerOnly: true },
  { href: '/nodes', label: 'nodes', ownerOnly: true },
];

/** undefined while the panel asks who is signed in; null when nobody is. */
type SessionState = SessionUserDto | null | undefined;

export function App(): JSX.Element {
  const [user, setUser] = useState<SessionState>(undefined);
  const [bootError, setBootError] = useState<unknown>(null);
  const { path, query } = useLocation();
  // The root follows the language, so every page renders again in the new one.
  useLanguage();

  const signedIn = (me: SessionUserDto): void => {
    setCsrfToken(me.csrfToken);
    setUser(me);
  };

  useEffect(() => {
    whenSignedOut(() => {
      setCsrfToken(null);
      setUser(null);
    });
    api.get<SessionUserDto>('/auth/me', { expect401: true }).then(signedIn, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setUser(null);
      else setBootError(error);
    });
  }, []);

  useEffect(() => {
    if (!user) return undefined;
    live.start({
      onSessionEnded: () => setUser(null),
      // A 401 here signs the panel out (see whenSignedOut).
      checkSession: () => void api.get('/auth/me').catch(() => undefined),
    });
    return () => live.stop();
  }, [user?.id]);

  useEffect(() => {
    if (user === null && path !== '/login') {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path)}`;
      navigate(`/login${next}`, { replace: true });
    }
    if (user && path === '/login') navigate(query.get('next') ?? '/', { replace: true });
  }, [user, path]);

  if (bootError) {
    return (
      <main class="centered">
        <ErrorNotice error={bootError} />
        <button type="button" onClick={() => location.reload()}>
          {t('tryAgain')}
        </button>
      </main>
    );
  }
  if (user === undefined) {
    return (
      <main class="centered">
        <Loading />
      </main>
    );
  }
  if (user === null) {
    return <LoginPage error={query.get('error')} onSignedIn={signedIn} />;
  }

  const signOut = async (): Promise<void> => {
    try {
      await api.post('/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  };

  return (
    <div class="shell">
      <header class="topbar">
        <Link href="/" class="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Accord</span>
        </Link>
        <LiveIndicator />
        <span class="spacer" />
        <LanguageSwitch />
        <ThemeToggle />
        <span class="user" title={user.owner ? t('header.owner') : undefined}>
          <Avatar url={user.avatarUrl} name={user.username} />
          <span class="user-name">{user.username}</span>
        </span>
        <button type="button" class="secondary small" onClick={() => void signOut()}>
          {t('header.signOut')}
        </button>
      </header>
      <nav class="nav" aria-label={t('nav.pages')}>
        {NAV.filter((item) => !item.ownerOnly || user.owner).map((item) => (
          <Link key={item.href} href={item.href} current={isCurrent(item.href, path)}>
            {t(`nav.${item.label}`)}
          </Link>
        ))}
      </nav>
      <main class="content">
        <Page path={path} user={user} />
      </main>
    </div>
  );
}

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' || path.startsWith('/guilds/') : path.startsWith(href);
}

const OWNER_SECTIONS = new Set(['tracks', 'users', 'logs', 'nodes']);

function Page(props: { path: string; user: SessionUserDto }): JSX.Element {
  const [, section, id] = props.path.split('/');
  if (!section) return <OverviewPage user={props.user} />;
  if (section === 'guilds' && id) return <GuildPage key={id} guildId={id} />;
  if (section === 'history') return <HistoryPage guildId={id} />;
  if (section === 'stats') return <StatsPage guildId={id} />;
  if (OWNER_SECTIONS.has(section) && !props.user.owner) {
    return <ErrorNotice error={new Error(t('ownerOnly'))} />;
  }
  if (section === 'tracks') return <TracksPage />;
  if (section === 'users') return <UsersPage key={id} userId={id} />;
  if (section === 'logs') return <LogsPage />;
  if (section === 'nodes') return <NodesPage />;
  return (
    <div class="empty">
      <strong>{t('noPage')}</strong> <Link href="/">{t('backToOverview')}</Link>
    </div>
  );
}

function LiveIndicator(): JSX.Element {
  const status = useLiveStatus();
  const label = status === 'open' ? t('live.open') : status === 'idle' ? t('live.idle') : t('live.reconnecting');
  return (
    <span class={`live live-${status}`} role="status" title={t('live.title')}>
      <span class="dot" aria-hidden="true" />
      <span class="live-label">{label}</span>
    </span>
  );
}
