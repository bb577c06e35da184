import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ForgetUserResultDto, UserProfileDto } from '@accord/contracts';
import { BarList } from '../components/charts';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Badge, ErrorNotice, Loading } from '../components/ui';
import { api, isNotFound } from '../lib/api';
import { number } from '../lib/format';
import { t } from '../lib/i18n';
import { useResource } from '../lib/resource';
import { navigate } from '../lib/router';

const SNOWFLAKE = /^\d{17,20}$/;

/** Saves what the API answered as a JSON file, through a temporary link. */
function download(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A listener's taste profile (owners): look it up by Discord id, export it, or forget the user. */
export function UsersPage(props: { userId: string | undefined }): JSX.Element {
  const userId = props.userId ?? '';
  const [typed, setTyped] = useState(userId);
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => setTyped(userId), [userId]);

  return (
    <div class="page">
      <h1>{t('nav.users')}</h1>
      <p class="muted">{t('users.intro')}</p>
      <form
        class="toolbar"
        role="search"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const id = typed.trim();
          if (!SNOWFLAKE.test(id)) {
            setInvalid(t('users.badId'));
            return;
          }
          setInvalid(null);
          navigate(`/users/${id}`);
        }}
      >
        <label class="grow">
          {t('users.id')}
          <input
            name="userId"
            inputMode="numeric"
            placeholder={t('users.idHint')}
            value={typed}
            aria-invalid={invalid ? true : undefined}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
          {invalid && <span class="field-error">{invalid}</span>}
        </label>
        <div class="toolbar-actions">
          <button type="submit">{t('users.lookUp')}</button>
        </div>
      </form>
      {userId ? <UserProfile key={userId} userId={userId} /> : <p class="empty">{t('users.enterId')}</p>}
    </div>
  );
}

function UserProfile(props: { userId: string }): JSX.Element {
  const { userId } = props;
  const profile = useResource(() => api.get<UserProfileDto>(`/users/${userId}`), userId);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [forgotten, setForgotten] = useState<ForgetUserResultDto | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);

  const forget = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      setForgotten(await api.delete<ForgetUserResultDto>(`/users/${userId}`));
      setConfirming(false);
      profile.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const exportData = async (): Promise<void> => {
    setExporting(true);
    setExportError(null);
    try {
      download(`accord-user-${userId}.json`, await api.get<unknown>(`/users/${userId}/export`));
    } catch (error) {
      setExportError(isNotFound(error) ? new Error(t('users.noExport')) : error);
    } finally {
      setExporting(false);
    }
  };

  if (!profile.data) return profile.error ? <ErrorNotice error={profile.error} /> : <Loading />;
  const view = profile.data;
  return (
    <section class="card profile" aria-labelledby="profile-heading" data-testid="user-profile">
      <div class="profile-head">
        <h2 id="profile-heading">
          {t('users.user')} <code>{view.userId}</code>
        </h2>
        {view.exists ? <Badge tone="ok">{t('users.hasProfile')}</Badge> : <Badge>{t('users.noProfile')}</Badge>}
        {view.optedOut && <Badge tone="warn">{t('users.optedOut')}</Badge>}
      </div>
      {profile.error ? <ErrorNotice error={profile.error} /> : null}
      {forgotten && (
        <p class="notice notice-ok" role="status" data-testid="user-forgotten">
          {t(forgotten.profile ? 'users.forgottenWithProfile' : 'users.forgotten', {
            feedback: t('users.feedback', { count: forgotten.feedback }),
            plays: t('stats.playCount', { count: forgotten.plays, plays: number(forgotten.plays) }),
          })}
        </p>
      )}
      <div class="tiles">
        <div class="tile">
          <span class="tile-label">{t('users.playsHeard')}</span>
          <span class="tile-value" data-testid="profile-plays">
            {number(view.playCount)}
          </span>
        </div>
        <div class="tile">
          <span class="tile-label">{t('users.likes')}</span>
          <span class="tile-value">{number(view.likes)}</span>
        </div>
        <div class="tile">
          <span class="tile-label">{t('users.dislikes')}</span>
          <span class="tile-value">{number(view.dislikes)}</span>
        </div>
        <div class="tile">
          <span class="tile-label">{t('users.discoveriesLiked')}</span>
          <span class="tile-value">{number(view.discoveriesLiked)}</span>
        </div>
      </div>
      <div class="stats-grid">
        <div>
          <h3>{t('stats.topArtists')}</h3>
          {view.topArtists.length === 0 ? (
            <p class="muted">{t('users.noneYet')}</p>
          ) : (
            <BarList
              label={t('users.artistsLabel')}
              testId="profile-artists"
              unit={(weight) => number(weight, 1)}
              items={view.topArtists.map((artist) => ({ key: artist.id, label: artist.name, value: artist.weight }))}
            />
          )}
        </div>
        <div>
          <h3>{t('users.topTags')}</h3>
          {view.topTags.length === 0 ? (
            <p class="muted">{t('users.noneYet')}</p>
          ) : (
            <p class="chips">
              {view.topTags.map((tag) => (
                <span key={tag.id} class="chip" title={t('users.weight', { weight: number(tag.weight, 2) })}>
                  {tag.name}
                </span>
              ))}
            </p>
          )}
        </div>
      </div>
      <ErrorNotice error={exportError} onDismiss={() => setExportError(null)} />
      <div class="form-actions">
        <button type="button" class="secondary" disabled={exporting} onClick={() => void exportData()}>
          {exporting ? t('users.exporting') : t('users.export')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            setFailure(null);
            setConfirming(true);
          }}
        >
          {t('users.delete')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('users.confirmTitle')}
        confirmLabel={t('users.confirmDelete')}
        danger
        busy={busy}
        error={failure}
        onConfirm={() => void forget()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {t('users.confirmBefore')}
          <code>{userId}</code>
          {t('users.confirmAfter')}
        </p>
      </ConfirmDialog>
    </section>
  );
}
