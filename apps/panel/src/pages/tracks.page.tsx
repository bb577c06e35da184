import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type {
  CatalogTrackDto,
  MergeTracksRequest,
  PinRecordDto,
  PinTrackRequest,
  TrackCandidateDto,
  TrackCandidatesDto,
} from '@accord/contracts';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Badge, ErrorNotice, Loading } from '../components/ui';
import { api } from '../lib/api';
import { dateTime, duration, percent } from '../lib/format';
import { t } from '../lib/i18n';
import { useResource } from '../lib/resource';
import { navigate, useLocation } from '../lib/router';

const youtube = (id: string): string => `https://www.youtube.com/watch?v=${id}`;
const name = (track: CatalogTrackDto): string => `${track.artist} – ${track.title}`;

/** What waits for the owner's confirmation. */
type Pending =
  | { kind: 'pin'; track: CatalogTrackDto; candidate: TrackCandidateDto }
  | { kind: 'merge'; from: CatalogTrackDto; to: CatalogTrackDto };

/**
 * The shared song catalog (owners): find a song, see the videos it could be pinned to, re-pin it
 * (for every server at once), and merge two entries that are the same song.
 */
export function TracksPage(): JSX.Element {
  const { query } = useLocation();
  const q = query.get('q')?.trim() ?? '';
  const [typed, setTyped] = useState(q);
  const results = useResource(
    q ? () => api.get<CatalogTrackDto[]>(`/tracks?q=${encodeURIComponent(q)}&limit=50`) : null,
    q,
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<CatalogTrackDto[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [candidatesVersion, setCandidatesVersion] = useState(0);

  useEffect(() => setTyped(q), [q]);
  useEffect(() => {
    setSelected([]);
    setOpenId(null);
  }, [q]);

  const toggle = (track: CatalogTrackDto): void =>
    setSelected((current) =>
      current.some((item) => item.id === track.id)
        ? current.filter((item) => item.id !== track.id)
        : [...current, track].slice(-2),
    );

  const confirm = async (): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    setFailure(null);
    try {
      if (pending.kind === 'pin') {
        const body: PinTrackRequest = { youtubeId: pending.candidate.youtubeId };
        const pinned = await api.post<CatalogTrackDto>(`/tracks/${pending.track.id}/pin`, body);
        results.set((list) => list?.map((item) => (item.id === pinned.id ? pinned : item)));
        setCandidatesVersion((value) => value + 1);
        setDone(
          t('tracks.pinned', { song: name(pinned), video: pending.candidate.title, youtubeId: pinned.youtubeId }),
        );
      } else {
        const body: MergeTracksRequest = { fromTrackId: pending.from.id, toTrackId: pending.to.id };
        const kept = await api.post<CatalogTrackDto>('/tracks/merge', body);
        setSelected([]);
        if (openId === pending.from.id) setOpenId(null);
        results.reload();
        setDone(t('tracks.merged', { from: name(pending.from), to: name(kept) }));
      }
      setPending(null);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <h1>{t('nav.tracks')}</h1>
      <p class="muted">{t('tracks.intro')}</p>
      <form
        class="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setDone(null);
          navigate(`/tracks?q=${encodeURIComponent(typed.trim())}`);
        }}
      >
        <label class="grow">
          {t('logs.search')}
          <input
            type="search"
            name="q"
            placeholder={t('tracks.searchHint')}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </label>
        <div class="toolbar-actions">
          <button type="submit" disabled={!typed.trim()}>
            {t('logs.search')}
          </button>
        </div>
      </form>
      {done && (
        <p class="notice notice-ok" role="status" data-testid="tracks-done">
          {done}
        </p>
      )}
      {selected.length > 0 && (
        <MergeBar
          selected={selected}
          onSwap={() => setSelected([...selected].reverse())}
          onClear={() => setSelected([])}
          onMerge={(from, to) => {
            setFailure(null);
            setPending({ kind: 'merge', from, to });
          }}
        />
      )}
      {!q && <p class="empty">{t('tracks.start')}</p>}
      {results.error ? <ErrorNotice error={results.error} /> : null}
      {q && !results.data && !results.error && <Loading />}
      {results.data &&
        (results.data.length === 0 ? (
          <p class="empty">{t('tracks.none', { q })}</p>
        ) : (
          <ul class="track-list" data-testid="track-results">
            {results.data.map((track) => (
              <TrackRow
                key={track.id}
                track={track}
                open={openId === track.id}
                selected={selected.some((item) => item.id === track.id)}
                candidatesVersion={candidatesVersion}
                onToggleOpen={() => setOpenId(openId === track.id ? null : track.id)}
                onSelect={() => toggle(track)}
                onPin={(candidate) => {
                  setFailure(null);
                  setPending({ kind: 'pin', track, candidate });
                }}
              />
            ))}
          </ul>
        ))}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'merge' ? t('tracks.mergeTitle') : t('tracks.pinTitle')}
        confirmLabel={pending?.kind === 'merge' ? t('tracks.merge') : t('tracks.pinThis')}
        danger={pending?.kind === 'merge'}
        busy={busy}
        error={failure}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'pin' && (
          <p>
            {t('tracks.pinConfirm', {
              song: name(pending.track),
              video: pending.candidate.title,
              author: pending.candidate.author,
              youtubeId: pending.candidate.youtubeId,
              previous: pending.track.youtubeId,
            })}
          </p>
        )}
        {pending?.kind === 'merge' && (
          <p>{t('tracks.mergeConfirm', { from: name(pending.from), to: name(pending.to) })}</p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function MergeBar(props: {
  selected: CatalogTrackDto[];
  onSwap: () => void;
  onClear: () => void;
  onMerge: (from: CatalogTrackDto, to: CatalogTrackDto) => void;
}): JSX.Element {
  const [from, to] = props.selected;
  return (
    <div class="merge-bar card" data-testid="merge-bar" role="region" aria-label={t('tracks.merge')}>
      {to ? (
        <p>{t('tracks.mergeInto', { from: name(from), to: name(to) })}</p>
      ) : (
        <p>{t('tracks.selected', { song: name(from) })}</p>
      )}
      <div class="form-actions">
        <button type="button" class="danger" disabled={!to} onClick={() => to && props.onMerge(from, to)}>
          {t('tracks.mergeMore')}
        </button>
        <button type="button" class="secondary" disabled={!to} onClick={props.onSwap}>
          {t('tracks.swap')}
        </button>
        <button type="button" class="secondary" onClick={props.onClear}>
          {t('history.clear')}
        </button>
      </div>
    </div>
  );
}

function TrackRow(props: {
  track: CatalogTrackDto;
  open: boolean;
  selected: boolean;
  candidatesVersion: number;
  onToggleOpen: () => void;
  onSelect: () => void;
  onPin: (candidate: TrackCandidateDto) => void;
}): JSX.Element {
  const { track } = props;
  const panelId = `candidates-${track.id}`;
  return (
    <li class="card track-row" data-testid="track-row">
      <div class="track-head">
        <label class="check">
          <input
            type="checkbox"
            checked={props.selected}
            onChange={props.onSelect}
            aria-label={t('tracks.select', { song: name(track) })}
          />
        </label>
        <div class="track-text">
          <strong>{track.title}</strong>
          <span class="muted">
            {track.artist} · {duration(track.durationMs)}
          </span>
          <span class="np-badges">
            <Badge tone={track.pinnedBy === 'user' ? 'info' : undefined}>
              {t(`tracks.pinnedBy.${track.pinnedBy}`)}
            </Badge>
            {track.unavailable && <Badge tone="bad">{t('tracks.unavailable')}</Badge>}
            <a
              class="small"
              href={youtube(track.youtubeId)}
              target="_blank"
              rel="noreferrer"
              data-testid="pinned-video"
            >
              {track.youtubeId}
            </a>
          </span>
        </div>
        <button
          type="button"
          class="secondary small"
          aria-expanded={props.open}
          aria-controls={panelId}
          onClick={props.onToggleOpen}
        >
          {props.open ? t('tracks.hideVideos') : t('tracks.videos')}
        </button>
      </div>
      {props.open && (
        <div id={panelId}>
          <Candidates trackId={track.id} version={props.candidatesVersion} onPin={props.onPin} />
          <PinHistory records={track.pinHistory} />
        </div>
      )}
    </li>
  );
}

function Candidates(props: {
  trackId: string;
  version: number;
  onPin: (candidate: TrackCandidateDto) => void;
}): JSX.Element {
  const found = useResource(
    () => api.get<TrackCandidatesDto>(`/tracks/${props.trackId}/candidates`),
    `${props.trackId}:${props.version}`,
  );
  if (!found.data) return found.error ? <ErrorNotice error={found.error} /> : <Loading label={t('tracks.searching')} />;
  return (
    <>
      {found.error ? <ErrorNotice error={found.error} /> : null}
      {found.data.candidates.length === 0 ? (
        <p class="muted">{t('tracks.noVideo')}</p>
      ) : (
        <ol class="candidates" data-testid="candidates">
          {found.data.candidates.map((candidate) => (
            <li key={candidate.youtubeId} class="candidate" data-testid="candidate">
              <div class="track-text">
                <a href={candidate.uri} target="_blank" rel="noreferrer">
                  {candidate.title}
                </a>
                <span class="muted small">
                  {candidate.author} · {duration(candidate.durationMs)} ·{' '}
                  {t('tracks.match', { score: percent(candidate.score) })}
                </span>
                {candidate.reasons.length > 0 && (
                  <span class="muted small reasons">{candidate.reasons.join(', ')}</span>
                )}
              </div>
              {candidate.current ? (
                <Badge tone="ok">{t('tracks.pinnedBadge')}</Badge>
              ) : (
                <button
                  type="button"
                  class="small"
                  aria-label={t('tracks.pinLabel', { video: candidate.title, youtubeId: candidate.youtubeId })}
                  onClick={() => props.onPin(candidate)}
                >
                  {t('tracks.pin')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** The song's last re-pins, newest first: which video it left for which, when, and who chose it. */
function PinHistory(props: { records: PinRecordDto[] }): JSX.Element {
  return (
    <section class="pin-history" aria-label={t('tracks.history.title')}>
      <h3 class="small">{t('tracks.history.title')}</h3>
      {props.records.length === 0 ? (
        <p class="muted small">{t('tracks.history.none')}</p>
      ) : (
        <ol class="pin-history-list" data-testid="pin-history">
          {props.records.map((record) => (
            <li key={`${record.at}:${record.youtubeId}`} class="small">
              <time dateTime={record.at}>{dateTime(record.at)}</time>{' '}
              <a href={youtube(record.fromYoutubeId)} target="_blank" rel="noreferrer">
                {record.fromYoutubeId}
              </a>
              {' → '}
              <a href={youtube(record.youtubeId)} target="_blank" rel="noreferrer">
                {record.youtubeId}
              </a>{' '}
              <span class="muted">{pinnedByWhom(record)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function pinnedByWhom(record: PinRecordDto): string {
  const person = record.userName ?? record.userId ?? '';
  if (record.via === 'panel') return t('tracks.history.byPanel', { person });
  if (record.via === 'discord')
    return t('tracks.history.byDiscord', { person, server: record.guildName ?? record.guildId ?? '' });
  return record.by === 'auto' ? t('tracks.history.byCatalog') : t('tracks.history.bySomeone');
}
