import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  FILTER_PRESET_NAMES,
  LOOP_MODE_NAMES,
  type FilterPresetName,
  type LoopModeName,
  type PlayerStateDto,
  type TrackSourceName,
} from '@accord/contracts';
import { duration } from '../lib/format';
import { shared, t } from '../lib/i18n';
import { Badge, Icon } from './ui';

/** What autoplay said about its latest pick (the `autoplay` live frame). */
export interface AutoplayPick {
  title: string;
  author: string;
  source: 'autoplay' | 'discovery';
  reason: string | null;
}

export type PlayerAction =
  | { kind: 'pause' | 'resume' | 'skip' | 'stop' | 'shuffle' }
  | { kind: 'seek'; positionMs: number }
  | { kind: 'volume'; volume: number }
  | { kind: 'loop'; mode: LoopModeName }
  | { kind: 'filter'; filter: FilterPresetName | null };

/** Sources other than YouTube the audio may come from (a fallback while YouTube will not play the song, or a link). */
const AUDIO_SOURCE_LABEL: Readonly<Record<string, string>> = { soundcloud: 'SoundCloud', bandcamp: 'Bandcamp' };

/** How an entry came into the queue, as the badge says it. */
export function sourceLabel(source: TrackSourceName): string {
  return t(`player.source.${source}`);
}

export function NowPlaying(props: {
  player: PlayerStateDto;
  lastPick: AutoplayPick | null;
  busy: string | null;
  onAction: (action: PlayerAction) => void;
}): JSX.Element {
  const { player, busy, onAction } = props;
  const current = player.current;
  if (!player.active) {
    return (
      <div class="empty" data-testid="now-playing">
        <strong>{t('player.inactive')}</strong>
        <p class="muted">{t('player.inactiveHint')}</p>
      </div>
    );
  }
  const entry = current?.entry;
  const track = entry?.track;
  return (
    <div class="now-playing" data-testid="now-playing">
      <div class="np-main">
        <Artwork key={track?.artworkUrl} url={track?.artworkUrl ?? null} />
        <div class="np-text">
          {track ? (
            <>
              <strong class="np-title" data-testid="np-title">
                {track.uri ? (
                  <a href={track.uri} target="_blank" rel="noreferrer">
                    {track.title}
                  </a>
                ) : (
                  track.title
                )}
              </strong>
              <span class="np-author">{track.author}</span>
              <span class="np-badges">
                <Badge tone={entry.source === 'request' ? undefined : 'info'}>{sourceLabel(entry.source)}</Badge>
                {track.sourceName && AUDIO_SOURCE_LABEL[track.sourceName] && (
                  <Badge tone="info">{t('player.via', { source: AUDIO_SOURCE_LABEL[track.sourceName] })}</Badge>
                )}
                {current?.paused && <Badge tone="warn">{t('player.paused')}</Badge>}
                {player.transcoding ? (
                  <Badge tone="warn">{t('nodes.transcoding')}</Badge>
                ) : (
                  <Badge tone="ok">{t('player.passthrough')}</Badge>
                )}
                {player.loop !== 'off' && (
                  <Badge>{t('player.looping', { mode: t(`player.loopMode.${player.loop}`) })}</Badge>
                )}
              </span>
              {entry.reason && (
                <p class="np-reason" data-testid="np-reason">
                  <span class="muted">{t('player.why')} </span>
                  {entry.reason}
                </p>
              )}
              {(current?.skippedSegments ?? []).length > 0 && (
                <p class="np-reason muted" data-testid="np-skipped">
                  {current!.skippedSegments
                    .map((segment) =>
                      shared('segments:skipped', {
                        length: duration(segment.endMs - segment.startMs),
                        category: shared(`segments:category.${segment.category}`),
                        at: duration(segment.startMs),
                      }),
                    )
                    .join(' · ')}
                </p>
              )}
            </>
          ) : (
            <strong class="np-title" data-testid="np-title">
              {t('player.nothing')}
            </strong>
          )}
        </div>
      </div>
      {current && track && (
        <SeekBar
          key={entry.id}
          positionMs={current.positionMs}
          durationMs={track.durationMs}
          disabled={track.isStream || busy !== null}
          onSeek={(positionMs) => onAction({ kind: 'seek', positionMs })}
        />
      )}
      <div class="controls" role="group" aria-label={t('player.controls')}>
        {current?.paused ? (
          <button type="button" disabled={busy !== null} onClick={() => onAction({ kind: 'resume' })}>
            <Icon name="play" /> {t('player.resume')}
          </button>
        ) : (
          <button type="button" disabled={busy !== null || !current} onClick={() => onAction({ kind: 'pause' })}>
            <Icon name="pause" /> {t('player.pause')}
          </button>
        )}
        <button type="button" disabled={busy !== null} onClick={() => onAction({ kind: 'skip' })}>
          <Icon name="skip" /> {t('player.skip')}
        </button>
        <button type="button" class="secondary" disabled={busy !== null} onClick={() => onAction({ kind: 'shuffle' })}>
          <Icon name="shuffle" /> {t('player.shuffle')}
        </button>
        <button type="button" class="danger" disabled={busy !== null} onClick={() => onAction({ kind: 'stop' })}>
          <Icon name="stop" /> {t('player.stop')}
        </button>
      </div>
      <div class="player-settings">
        <VolumeSlider
          volume={player.volume}
          disabled={busy !== null}
          onCommit={(volume) => onAction({ kind: 'volume', volume })}
        />
        <label>
          {t('player.loop')}
          <select
            value={player.loop}
            disabled={busy !== null}
            onChange={(event) => onAction({ kind: 'loop', mode: event.currentTarget.value as LoopModeName })}
          >
            {LOOP_MODE_NAMES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`player.loopMode.${mode}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('player.filter')}
          <select
            value={player.filter ?? ''}
            disabled={busy !== null}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onAction({ kind: 'filter', filter: value ? (value as FilterPresetName) : null });
            }}
          >
            <option value="">{t('player.noFilter')}</option>
            {FILTER_PRESET_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.lastPick && (
        <p class="muted small" data-testid="autoplay-pick">
          {t('player.latestPick', { source: sourceLabel(props.lastPick.source) })}{' '}
          <strong>{props.lastPick.author}</strong> – {props.lastPick.title}
          {props.lastPick.reason ? `. ${props.lastPick.reason}` : ''}
        </p>
      )}
    </div>
  );
}

/** The track's artwork, or a note symbol when there is none or it does not load (offline, blocked). */
function Artwork(props: { url: string | null }): JSX.Element {
  const [broken, setBroken] = useState(false);
  return props.url && !broken ? (
    <img class="artwork" src={props.url} alt="" referrerpolicy="no-referrer" onError={() => setBroken(true)} />
  ) : (
    <div class="artwork artwork-empty" aria-hidden="true">
      ♪
    </div>
  );
}

/** Follows the player; while the thumb is held it shows where the seek will go. */
function SeekBar(props: {
  positionMs: number;
  durationMs: number;
  disabled: boolean;
  onSeek: (positionMs: number) => void;
}): JSX.Element {
  const [held, setHeld] = useState<number | null>(null);
  const shown = held ?? Math.min(props.positionMs, props.durationMs);
  return (
    <div class="seek">
      <span class="time">{duration(shown)}</span>
      <input
        type="range"
        aria-label={t('player.position')}
        min={0}
        max={Math.max(1, props.durationMs)}
        step={1000}
        value={shown}
        disabled={props.disabled}
        onInput={(event) => setHeld(Number(event.currentTarget.value))}
        onChange={(event) => {
          setHeld(null);
          props.onSeek(Number(event.currentTarget.value));
        }}
      />
      <span class="time">{duration(props.durationMs)}</span>
    </div>
  );
}

function VolumeSlider(props: { volume: number; disabled: boolean; onCommit: (volume: number) => void }): JSX.Element {
  const [value, setValue] = useState(props.volume);
  useEffect(() => setValue(props.volume), [props.volume]);
  return (
    <label class="volume">
      <span>
        {t('player.volume')} <output>{value}</output>
      </span>
      <input
        type="range"
        min={0}
        max={150}
        step={5}
        value={value}
        disabled={props.disabled}
        onInput={(event) => setValue(Number(event.currentTarget.value))}
        onChange={(event) => props.onCommit(Number(event.currentTarget.value))}
      />
    </label>
  );
}
