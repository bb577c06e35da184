import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { AuthOptionsDto, SessionUserDto } from '@accord/contracts';
import { LanguageSwitch } from '../components/language-switch';
import { ThemeToggle } from '../components/theme-toggle';
import { ErrorNotice, Loading } from '../components/ui';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import { useResource } from '../lib/resource';

/** The codes `/login?error=CODE` may carry after Discord sent the browser back (keys under `login.errors`). */
const LOGIN_ERRORS = new Set([
  'OAUTH_STATE_MISMATCH',
  'OAUTH_DENIED',
  'OAUTH_EXCHANGE_FAILED',
  'LOGIN_NOT_CONFIGURED',
  'SIGN_IN_LINK_INVALID',
  'TOO_MANY_ATTEMPTS',
]);

export function LoginPage(props: { error: string | null; onSignedIn: (user: SessionUserDto) => void }): JSX.Element {
  const options = useResource(() => api.get<AuthOptionsDto>('/auth/options'), 'options');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!password) {
      setFailure(new Error(t('login.passwordMissing')));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      props.onSignedIn(await api.post<SessionUserDto>('/auth/password', { password }, { expect401: true }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const redirectError = props.error
    ? LOGIN_ERRORS.has(props.error)
      ? t(`login.errors.${props.error}`)
      : t('login.failed', { code: props.error })
    : null;
  return (
    <main class="login">
      <div class="login-card card">
        <div class="login-head">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <h1>Accord</h1>
          <LanguageSwitch />
          <ThemeToggle />
        </div>
        <p class="muted">{t('login.intro')}</p>
        {redirectError && <ErrorNotice error={new Error(redirectError)} />}
        {options.error ? <ErrorNotice error={options.error} /> : null}
        {!options.data && !options.error && <Loading />}
        {options.data?.discord && (
          <a class="button discord" href="/api/v1/auth/discord">
            {t('login.discord')}
          </a>
        )}
        {options.data?.password && (
          <form class="stack" onSubmit={(event) => void submit(event)} noValidate>
            {options.data.discord && <p class="divider">{t('login.orOwner')}</p>}
            <label>
              {t('login.password')}
              <input
                type="password"
                name="password"
                autocomplete="current-password"
                value={password}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
            </label>
            <ErrorNotice error={failure} />
            <button type="submit" disabled={busy}>
              {busy ? t('login.signingIn') : t('login.signIn')}
            </button>
          </form>
        )}
        {options.data && !options.data.discord && !options.data.password && (
          <p class="notice">{t('login.notConfigured')}</p>
        )}
      </div>
    </main>
  );
}
