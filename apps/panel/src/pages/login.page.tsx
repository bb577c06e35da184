import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { AuthOptionsDto, SessionUserDto } from '@accord/contracts';
import { ThemeToggle } from '../components/theme-toggle';
import { ErrorNotice, Loading } from '../components/ui';
import { api } from '../lib/api';
import { useResource } from '../lib/resource';

/** What `/login?error=CODE` means, after Discord sent the browser back. */
const LOGIN_ERRORS: Record<string, string> = {
  OAUTH_STATE_MISMATCH: 'The Discord sign-in expired or was started in another tab. Please try again.',
  OAUTH_DENIED: 'Discord did not allow the sign-in (it was cancelled or refused).',
  OAUTH_EXCHANGE_FAILED:
    'The bot could not confirm the sign-in with Discord. Check DISCORD_CLIENT_SECRET and the redirect URL.',
  LOGIN_NOT_CONFIGURED: 'Discord sign-in is not configured on this bot.',
  SIGN_IN_LINK_INVALID: 'That sign-in link was used already or has expired. Ask for a new one with /panel in Discord.',
  TOO_MANY_ATTEMPTS: 'Too many sign-in attempts. Wait a minute and try again.',
};

export function LoginPage(props: { error: string | null; onSignedIn: (user: SessionUserDto) => void }): JSX.Element {
  const options = useResource(() => api.get<AuthOptionsDto>('/auth/options'), 'options');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!password) {
      setFailure(new Error('Enter the owner password.'));
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

  const redirectError = props.error ? (LOGIN_ERRORS[props.error] ?? `Sign-in failed (${props.error}).`) : null;
  return (
    <main class="login">
      <div class="login-card card">
        <div class="login-head">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <h1>Accord</h1>
          <ThemeToggle />
        </div>
        <p class="muted">Sign in to control the music and see how the bot is doing.</p>
        {redirectError && <ErrorNotice error={new Error(redirectError)} />}
        {options.error ? <ErrorNotice error={options.error} /> : null}
        {!options.data && !options.error && <Loading />}
        {options.data?.discord && (
          <a class="button discord" href="/api/v1/auth/discord">
            Log in with Discord
          </a>
        )}
        {options.data?.password && (
          <form class="stack" onSubmit={(event) => void submit(event)} noValidate>
            {options.data.discord && <p class="divider">or, as the bot owner</p>}
            <label>
              Owner password
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
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        )}
        {options.data && !options.data.discord && !options.data.password && (
          <p class="notice">
            No sign-in is configured. Set <code>DISCORD_CLIENT_SECRET</code>, <code>PUBLIC_URL</code> and{' '}
            <code>ADMIN_SESSION_SECRET</code> (or <code>ADMIN_PASSWORD</code>) and restart the bot.
          </p>
        )}
      </div>
    </main>
  );
}
