import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { QueueEntryDto } from '@accord/contracts';
import { duration } from '../lib/format';
import { t } from '../lib/i18n';
import { sourceLabel } from './now-playing';
import { Badge } from './ui';

interface Drag {
  from: number;
  over: number;
  dy: number;
}

interface DragStart {
  pointerId: number;
  startY: number;
  /** Vertical centres of the rows when the drag began (rows only move by transform meanwhile). */
  centres: number[];
  height: number;
}

/**
 * The queue, reordered by dragging a row's handle (mouse, pen or finger: pointer events) or with
 * the arrow keys on the handle. Rows are shifted with transforms while dragging and never moved in
 * the DOM, so the pointer stays captured; the move is sent when the row is dropped.
 */
export function QueueList(props: {
  entries: QueueEntryDto[];
  disabled: boolean;
  onMove: (from: number, to: number) => void;
  onRemove: (entry: QueueEntryDto) => void;
}): JSX.Element {
  const listRef = useRef<HTMLOListElement>(null);
  const start = useRef<DragStart | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const { entries } = props;

  const begin = (event: PointerEvent, index: number): void => {
    if (props.disabled || event.button !== 0) return;
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? []);
    const rects = rows.map((row) => row.getBoundingClientRect());
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    start.current = {
      pointerId: event.pointerId,
      startY: event.clientY,
      centres: rects.map((rect) => rect.top + rect.height / 2),
      height: rects[index]?.height ?? 0,
    };
    setDrag({ from: index, over: index, dy: 0 });
  };

  const follow = (event: PointerEvent): void => {
    const origin = start.current;
    if (!drag || !origin || event.pointerId !== origin.pointerId) return;
    const dy = event.clientY - origin.startY;
    const centre = origin.centres[drag.from] + dy;
    let over = 0;
    origin.centres.forEach((other, index) => {
      if (index !== drag.from && other < centre) over += 1;
    });
    setDrag({ from: drag.from, over, dy });
  };

  const drop = (event: PointerEvent, cancelled: boolean): void => {
    const origin = start.current;
    if (!drag || !origin || event.pointerId !== origin.pointerId) return;
    start.current = null;
    setDrag(null);
    if (!cancelled && drag.over !== drag.from) props.onMove(entries[drag.from].position, entries[drag.over].position);
  };

  const shift = (index: number): string | undefined => {
    if (!drag || !start.current) return undefined;
    if (index === drag.from) return `translateY(${drag.dy}px)`;
    const height = start.current.height;
    if (drag.from < index && index <= drag.over) return `translateY(${-height}px)`;
    if (drag.over <= index && index < drag.from) return `translateY(${height}px)`;
    return undefined;
  };

  if (entries.length === 0) return <p class="empty">{t('queue.empty')}</p>;
  return (
    <ol class={`queue ${drag ? 'queue-dragging' : ''}`} ref={listRef} data-testid="queue">
      {entries.map((entry, index) => (
        <li
          key={entry.id}
          class={`queue-row ${drag?.from === index ? 'dragged' : ''}`}
          style={{ transform: shift(index) }}
          data-testid="queue-row"
          data-position={entry.position}
        >
          <button
            type="button"
            class="handle"
            aria-label={t('queue.move', { title: entry.track.title, position: entry.position })}
            title={t('queue.drag')}
            disabled={props.disabled}
            onPointerDown={(event) => begin(event, index)}
            onPointerMove={follow}
            onPointerUp={(event) => drop(event, false)}
            onPointerCancel={(event) => drop(event, true)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowUp' && index > 0) {
                event.preventDefault();
                props.onMove(entry.position, entries[index - 1].position);
              } else if (event.key === 'ArrowDown' && index < entries.length - 1) {
                event.preventDefault();
                props.onMove(entry.position, entries[index + 1].position);
              }
            }}
          >
            ⠿
          </button>
          <span class="queue-pos">{entry.position}</span>
          <span class="queue-text">
            <strong class="queue-title">{entry.track.title}</strong>
            <span class="muted">
              {entry.track.author} · {entry.track.isStream ? t('queue.live') : duration(entry.track.durationMs)}
            </span>
            {entry.reason && <span class="queue-reason">{entry.reason}</span>}
          </span>
          {entry.source !== 'request' && <Badge tone="info">{sourceLabel(entry.source)}</Badge>}
          <button
            type="button"
            class="link-button remove"
            aria-label={t('queue.remove', { title: entry.track.title })}
            disabled={props.disabled}
            onClick={() => props.onRemove(entry)}
          >
            ✕
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The entries as they are after moving the one at `from` to `to` (1-based positions). */
export function moved(entries: QueueEntryDto[], from: number, to: number): QueueEntryDto[] {
  const list = [...entries];
  const fromIndex = list.findIndex((entry) => entry.position === from);
  const toIndex = list.findIndex((entry) => entry.position === to);
  if (fromIndex < 0 || toIndex < 0) return entries;
  const [entry] = list.splice(fromIndex, 1);
  list.splice(toIndex, 0, entry);
  const first = entries[0]?.position ?? 1;
  return list.map((item, index) => ({ ...item, position: first + index }));
}
