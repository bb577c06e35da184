import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ForgetUserResultDto, UserProfileDto } from '@accord/contracts';
import { BarList } from '../components/charts';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Badge, ErrorNotice, Loading } from '../components/ui';
import { api, isNotFound } from '../lib/api';
import { plural } from '../lib/format';
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
      <h1>Users</h1>
      <p class="muted">
        What the bot learned about a listener from what they played, liked and skipped. Deleting does what /forget-me
        does.
      </p>
      <form
        class="toolbar"
        role="search"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const id = typed.trim();
          if (!SNOWFLAKE.test(id)) {
            setInvalid('A Discord user id has 17 to 20 digits (Developer Mode: right-click a user, Copy User ID).');
            return;
          }
          setInvalid(null);
          navigate(`/users/${id}`);
        }}
      >
        <label class="grow">
          Discord user id
          <input
            name="userId"
            inputMode="numeric"
            placeholder="e.g. 123456789012345678"
            value={typed}
            aria-invalid={invalid ? true : undefined}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
          {invalid && <span class="field-error">{invalid}</span>}
        </label>
        <div class="toolbar-actions">
          <button type="submit">Look up</button>
        </div>
      </form>
      {userId ? (
        <UserProfile key={userId} userId={userId} />
      ) : (
        <p class="empty">Enter a user id to see their profile.</p>
      )}
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
      setExportError(
        isNotFound(error) ? new Error("This bot's server does not offer the export yet (it answered 404).") : error,
      );
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
          User <code>{view.userId}</code>
        </h2>
        {view.exists ? <Badge tone="ok">has a profile</Badge> : <Badge>no profile</Badge>}
        {view.optedOut && <Badge tone="warn">opted out</Badge>}
      </div>
      {profile.error ? <ErrorNotice error={profile.error} /> : null}
      {forgotten && (
        <p class="notice notice-ok" role="status" data-testid="user-forgotten">
          Forgotten: {forgotten.profile ? 'the profile, ' : ''}
          {plural(forgotten.feedback, 'like, dislike or skip', 'likes, dislikes and skips')}, and their id taken out of{' '}
          {plural(forgotten.plays, 'play')}.
        </p>
      )}
      <div class="tiles">
        <div class="tile">
          <span class="tile-label">Plays heard</span>
          <span class="tile-value" data-testid="profile-plays">
            {view.playCount}
          </span>
        </div>
        <div class="tile">
          <span class="tile-label">Likes</span>
          <span class="tile-value">{view.likes}</span>
        </div>
        <div class="tile">
          <span class="tile-label">Dislikes</span>
          <span class="tile-value">{view.dislikes}</span>
        </div>
        <div class="tile">
          <span class="tile-label">Discoveries liked</span>
          <span class="tile-value">{view.discoveriesLiked}</span>
        </div>
      </div>
      <div class="stats-grid">
        <div>
          <h3>Top artists</h3>
          {view.topArtists.length === 0 ? (
            <p class="muted">None yet.</p>
          ) : (
            <BarList
              label="Top artists by taste weight"
              testId="profile-artists"
              unit={(weight) => weight.toFixed(1)}
              items={view.topArtists.map((artist) => ({ key: artist.id, label: artist.name, value: artist.weight }))}
            />
          )}
        </div>
        <div>
          <h3>Top tags</h3>
          {view.topTags.length === 0 ? (
            <p class="muted">None yet.</p>
          ) : (
            <p class="chips">
              {view.topTags.map((tag) => (
                <span key={tag.id} class="chip" title={`weight ${tag.weight.toFixed(2)}`}>
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
          {exporting ? 'Exporting…' : 'Export JSON'}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            setFailure(null);
            setConfirming(true);
          }}
        >
          Delete user data…
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Forget this user?"
        confirmLabel="Delete"
        danger
        busy={busy}
        error={failure}
        onConfirm={() => void forget()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The profile, likes, dislikes and linked accounts of <code>{userId}</code> are deleted, and their id is taken
          out of every play (the plays stay as anonymous server history). This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
