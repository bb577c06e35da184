import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { EnqueueRequest, EnqueueResultDto } from '@accord/contracts';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import { ErrorNotice } from './ui';

/** One line for what `POST .../queue` did. */
function describe(result: EnqueueResultDto): string {
  const first = result.first ? `${result.first.track.author} – ${result.first.track.title}` : null;
  if (result.playlist) {
    const { name, total, loading, full } = result.playlist;
    const queued = t('enqueue.playlist', { count: result.queued, name });
    const rest = loading ? ` ${t('enqueue.playlistLoading', { total })}` : '';
    const cut = full ? ` ${t('enqueue.queueFull')}` : '';
    return `${queued}${rest}${cut}`;
  }
  if (result.startedPlaying && first) return t('enqueue.playing', { track: first });
  if (first && result.firstPosition) return t('enqueue.addedAt', { track: first, position: result.firstPosition });
  return t('enqueue.added', { count: result.queued });
}

/**
 * "Add to queue": a song ("artist - title") or a link, resolved the way /play resolves it. The bot
 * must already be in a voice channel there (the API answers 409 otherwise, shown as it says).
 */
export function EnqueueForm(props: { guildId: string; onQueued: (result: EnqueueResultDto) => void }): JSX.Element {
  const [query, setQuery] = useState('');
  const [next, setNext] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const text = query.trim();
    if (!text) return;
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      const body: EnqueueRequest = { query: text, next };
      const result = await api.post<EnqueueResultDto>(`/guilds/${props.guildId}/queue`, body);
      setQuery('');
      setDone(describe(result));
      props.onQueued(result);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="enqueue" onSubmit={(event) => void submit(event)} data-testid="enqueue-form">
      <div class="enqueue-row">
        <label class="grow">
          <span class="sr-only">{t('enqueue.label')}</span>
          <input
            name="query"
            placeholder={t('enqueue.placeholder')}
            maxLength={500}
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy || !query.trim()}>
          {busy ? t('enqueue.adding') : t('enqueue.add')}
        </button>
      </div>
      <label class="check small">
        <input type="checkbox" checked={next} onChange={(event) => setNext(event.currentTarget.checked)} />
        {t('enqueue.next')}
      </label>
      {done && (
        <p class="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <ErrorNotice error={failure} onDismiss={() => setFailure(null)} />
    </form>
  );
}
