import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import {
  LIVE_QUEUE_HEAD,
  type GuildSummaryDto,
  type ListenerDto,
  type PlayerStateDto,
  type QueueChangeResultDto,
  type QueueEntryDto,
  type QueuePageDto,
  type SkipResultDto,
} from '@accord/contracts';
import { EnqueueForm } from '../components/enqueue-form';
import { LyricsCard } from '../components/lyrics-card';
import { NowPlaying, type AutoplayPick, type PlayerAction } from '../components/now-playing';
import { QueueList, moved } from '../components/queue-list';
import { SettingsForm } from '../components/settings-form';
import { Avatar, Badge, ErrorNotice, Link, Loaded } from '../components/ui';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { useResource } from '../lib/resource';

interface QueueView {
  total: number;
  items: QueueEntryDto[];
}

/** Sends one player action and answers the player as it is after it. */
async function perform(guildId: string, action: PlayerAction): Promise<PlayerStateDto> {
  const base = `/guilds/${guildId}`;
  switch (action.kind) {
    case 'pause':
    case 'resume':
    case 'stop':
      return api.post<PlayerStateDto>(`${base}/player/${action.kind}`);
    case 'skip':
      return (await api.post<SkipResultDto>(`${base}/player/skip`)).player;
    case 'shuffle':
      return api.post<PlayerStateDto>(`${base}/queue/shuffle`);
    case 'seek':
      return api.post<PlayerStateDto>(`${base}/player/seek`, { positionMs: action.positionMs });
    case 'volume':
      return api.put<PlayerStateDto>(`${base}/player/volume`, { volume: action.volume });
    case 'loop':
      return api.put<PlayerStateDto>(`${base}/player/loop`, { mode: action.mode });
    case 'filter':
      return api.put<PlayerStateDto>(`${base}/player/filter`, { filter: action.filter });
  }
}

/** One server: now playing with the controls, the queue, who listens, and the settings. */
export function GuildPage(props: { guildId: string }): JSX.Element {
  const { guildId } = props;
  const guilds = useResource(() => api.get<GuildSummaryDto[]>('/guilds'), 'guilds');
  const player = useResource(() => api.get<PlayerStateDto>(`/guilds/${guildId}/player`), guildId);
  const queue = useResource(async (): Promise<QueueView> => {
    const page = await api.get<QueuePageDto>(`/guilds/${guildId}/queue?limit=${LIVE_QUEUE_HEAD}`);
    return { total: page.total, items: page.items };
  }, guildId);
  const listeners = useResource(() => api.get<ListenerDto[]>(`/guilds/${guildId}/listeners`), guildId);
  const [lastPick, setLastPick] = useState<AutoplayPick | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [liveError, setLiveError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useLive(`guild:${guildId}`, (message) => {
    switch (message.event) {
      case 'player':
        if (message.data.guildId === guildId) player.set(message.data);
        break;
      case 'nowPlaying':
        if (message.data.guildId === guildId) {
          const nowPlaying = message.data.nowPlaying;
          player.set((previous) =>
            previous ? { ...previous, current: nowPlaying, active: previous.active || nowPlaying !== null } : previous,
          );
        }
        break;
      case 'queue':
        if (message.data.guildId === guildId) queue.set({ total: message.data.total, items: message.data.head });
        break;
      case 'listeners':
        if (message.data.guildId === guildId) listeners.set(message.data.listeners);
        break;
      case 'autoplay':
        if (message.data.guildId === guildId) {
          const { track, source, reason } = message.data;
          setLastPick({ title: track.title, author: track.author, source, reason });
        }
        break;
      case 'error':
        if (message.data.channel === `guild:${guildId}`) setLiveError(new Error(message.data.message));
        break;
      case 'log':
      case 'nodes':
      case 'pong':
      case 'subscribed':
      case 'unsubscribed':
      case 'trackRepinned':
        break;
    }
  });

  const act = async (name: string, action: () => Promise<PlayerStateDto>): Promise<void> => {
    setBusy(name);
    setActionError(null);
    try {
      player.set(await action());
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(null);
    }
  };

  const changeQueue = async (name: string, change: () => Promise<QueueChangeResultDto>): Promise<void> => {
    await act(name, async () => {
      try {
        return (await change()).player;
      } finally {
        // The live frame follows too; this keeps the list right if the socket is down.
        queue.reload();
      }
    });
  };

  const move = (from: number, to: number): void => {
    queue.set((previous) => (previous ? { ...previous, items: moved(previous.items, from, to) } : previous));
    void changeQueue('move', () => api.post<QueueChangeResultDto>(`/guilds/${guildId}/queue/move`, { from, to }));
  };

  const remove = (entry: QueueEntryDto): void => {
    void changeQueue('remove', () => api.delete<QueueChangeResultDto>(`/guilds/${guildId}/queue/${entry.position}`));
  };

  const loadMore = async (): Promise<void> => {
    const shown = queue.data?.items.length ?? 0;
    setLoadingMore(true);
    try {
      const page = await api.get<QueuePageDto>(`/guilds/${guildId}/queue?offset=${shown}&limit=100`);
      queue.set((previous) => ({ total: page.total, items: [...(previous?.items ?? []), ...page.items] }));
    } catch (error) {
      setActionError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const summary = guilds.data?.find((guild) => guild.id === guildId);
  const canManage = summary?.access === 'manage';
  return (
    <div class="page">
      <p class="crumbs">
        <Link href="/">{t('nav.overview')}</Link> /
      </p>
      <h1 class="guild-title">
        {summary && <Avatar url={summary.iconUrl} name={summary.name} />}
        {summary?.name ?? t('scope.server')}
        {summary && <Badge tone="info">{t(`access.${summary.access}`)}</Badge>}
      </h1>
      <p class="guild-links">
        <Link href={`/history/${guildId}`}>{t('nav.history')}</Link>
        <Link href={`/stats/${guildId}`}>{t('nav.stats')}</Link>
      </p>
      <ErrorNotice error={liveError} onDismiss={() => setLiveError(null)} />
      <div class="guild-grid">
        <div class="guild-main">
          <section class="card" aria-labelledby="np-heading">
            <h2 id="np-heading">{t('guild.nowPlaying')}</h2>
            <Loaded
              data={player.data}
              error={player.error}
              what={t('guild.player')}
              path={`/api/v1/guilds/${guildId}/player`}
            >
              {(state) => (
                <NowPlaying
                  player={state}
                  lastPick={lastPick}
                  busy={busy}
                  onAction={(action) => void act(action.kind, () => perform(guildId, action))}
                />
              )}
            </Loaded>
            <ErrorNotice error={actionError} onDismiss={() => setActionError(null)} />
          </section>
          <section class="card" aria-labelledby="queue-heading">
            <h2 id="queue-heading">
              {t('guild.upNext')}{' '}
              {queue.data && (
                <span class="muted" data-testid="queue-total">
                  ({queue.data.total})
                </span>
              )}
            </h2>
            <Loaded
              data={queue.data}
              error={queue.error}
              what={t('guild.queue')}
              path={`/api/v1/guilds/${guildId}/queue`}
            >
              {(view) => (
                <>
                  <QueueList entries={view.items} disabled={busy !== null} onMove={move} onRemove={remove} />
                  {view.items.length < view.total && (
                    <button type="button" class="secondary" disabled={loadingMore} onClick={() => void loadMore()}>
                      {t('guild.showMore', { count: view.total - view.items.length })}
                    </button>
                  )}
                </>
              )}
            </Loaded>
            <EnqueueForm
              guildId={guildId}
              onQueued={(result) => {
                player.set(result.player);
                // The live frame follows too; this keeps the list right if the socket is down.
                queue.reload();
              }}
            />
          </section>
        </div>
        <div class="guild-side">
          <LyricsCard guildId={guildId} current={player.data?.current ?? null} />
          <section class="card" aria-labelledby="listeners-heading">
            <h2 id="listeners-heading">{t('guild.listeners')}</h2>
            <Loaded
              data={listeners.data}
              error={listeners.error}
              what={t('guild.listeners')}
              path={`/api/v1/guilds/${guildId}/listeners`}
            >
              {(list) =>
                list.length === 0 ? (
                  <p class="muted">{t('guild.nobody')}</p>
                ) : (
                  <ul class="listeners" data-testid="listeners">
                    {list.map((listener) => {
                      const name = listener.displayName ?? listener.username ?? listener.id;
                      return (
                        <li key={listener.id}>
                          <Avatar url={listener.avatarUrl} name={name} />
                          <span>{name}</span>
                        </li>
                      );
                    })}
                  </ul>
                )
              }
            </Loaded>
          </section>
          <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t('guild.settings')}</h2>
            {summary ? (
              <SettingsForm guildId={guildId} canEdit={canManage} />
            ) : guilds.error ? (
              <ErrorNotice error={guilds.error} />
            ) : guilds.data ? (
              <p class="muted">{t('guild.notManaged')}</p>
            ) : (
              <p class="muted">{t('loading')}</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
