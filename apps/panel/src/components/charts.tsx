import type { JSX } from 'preact';
import { t } from '../lib/i18n';
import { percent } from '../lib/format';

/**
 * Small charts drawn inline (no chart library: the panel stays a few KB). Colours come from the
 * theme's custom properties; every chart carries a text alternative for screen readers.
 */

export interface ColumnPoint {
  /** Under the column (thinned out when there are many). */
  label: string;
  /** Instead of `label` on a phone. */
  shortLabel?: string;
  value: number;
  /** The tooltip and the accessible name of the column. */
  title: string;
}

const MAX_AXIS_LABELS = 8;

/** Columns over time. The bars stretch with the width; the labels are HTML so they stay readable. */
export function ColumnChart(props: { points: ColumnPoint[]; label: string; testId?: string }): JSX.Element {
  const { points } = props;
  const max = Math.max(1, ...points.map((point) => point.value));
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const peak = points.reduce<ColumnPoint | null>(
    (best, point) => (!best || point.value > best.value ? point : best),
    null,
  );
  const every = Math.ceil(points.length / MAX_AXIS_LABELS);
  const summary =
    peak && peak.value > 0
      ? t('charts.summaryPeak', { label: props.label, total, peak: peak.title })
      : t('charts.summary', { label: props.label, total });
  return (
    <div class="column-chart" data-testid={props.testId}>
      <span class="chart-max muted small" aria-hidden="true">
        {max}
      </span>
      <svg
        class="chart-area"
        viewBox={`0 0 ${points.length * 10} 100`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
      >
        {[25, 50, 75].map((y) => (
          <line
            key={y}
            class="chart-grid"
            x1={0}
            x2={points.length * 10}
            y1={y}
            y2={y}
            vector-effect="non-scaling-stroke"
          />
        ))}
        {points.map((point, index) => {
          const height = (point.value / max) * 100;
          return (
            <rect
              key={point.title}
              class="chart-bar"
              data-value={point.value}
              x={index * 10 + 1.5}
              width={7}
              y={100 - height}
              height={height}
            >
              <title>{point.title}</title>
            </rect>
          );
        })}
      </svg>
      <div
        class="chart-x muted small"
        aria-hidden="true"
        style={{ gridTemplateColumns: `repeat(${points.length}, 1fr)` }}
      >
        {points.map((point, index) => (
          <span key={point.title}>
            {index % every === 0 && (
              <>
                <span class="long">{point.label}</span>
                <span class="short">{point.shortLabel ?? point.label}</span>
              </>
            )}
          </span>
        ))}
      </div>
    </div>
  );
}

export interface BarItem {
  key: string;
  label: string;
  note?: string;
  value: number;
}

/**
 * A ranked list with a bar for each value: an ordered list first, so it reads well without the bars.
 * The bars scale to the largest value, or to `max` (1 for shares).
 */
export function BarList(props: {
  items: BarItem[];
  unit: (value: number) => string;
  label: string;
  testId?: string;
  max?: number;
}): JSX.Element {
  const max = props.max ?? Math.max(1, ...props.items.map((item) => item.value));
  return (
    <ol class="bar-list" aria-label={props.label} data-testid={props.testId}>
      {props.items.map((item) => (
        <li key={item.key} data-value={item.value}>
          <span class="bar-label">
            <span class="bar-name">{item.label}</span>
            {item.note && <span class="muted small"> {item.note}</span>}
          </span>
          <span class="bar-value">{props.unit(item.value)}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${(item.value / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** A share (0-1) as a ring with the percentage inside; "–" when there is nothing to measure yet. */
export function Ring(props: { share: number | null; label: string; tone?: 'accent' | 'ok' | 'bad' }): JSX.Element {
  const shown = props.share === null ? '–' : percent(props.share);
  const filled = props.share === null ? 0 : Math.round(props.share * 1000) / 10;
  return (
    <svg
      class={`ring ring-${props.tone ?? 'accent'}`}
      viewBox="0 0 36 36"
      width="96"
      height="96"
      role="img"
      aria-label={`${props.label}: ${props.share === null ? t('charts.notMeasured') : shown}`}
    >
      <circle class="ring-track" cx="18" cy="18" r="15.9155" />
      {filled > 0 && (
        <circle
          class="ring-fill"
          cx="18"
          cy="18"
          r="15.9155"
          stroke-dasharray={`${filled} ${100 - filled}`}
          stroke-dashoffset="25"
        />
      )}
      <text x="18" y="20.5" text-anchor="middle" class="ring-text">
        {shown}
      </text>
    </svg>
  );
}

export interface StackPart {
  label: string;
  value: number;
  tone: 'ok' | 'bad' | 'muted';
}

/** Parts of a whole side by side in one bar, with a legend that carries the numbers. */
export function StackedBar(props: { parts: StackPart[]; label: string }): JSX.Element {
  const total = props.parts.reduce((sum, part) => sum + part.value, 0);
  return (
    <div class="stacked">
      <div
        class="stacked-bar"
        role="img"
        aria-label={`${props.label}: ${props.parts.map((part) => `${part.value} ${part.label}`).join(', ')}`}
      >
        {total > 0 &&
          props.parts
            .filter((part) => part.value > 0)
            .map((part) => (
              <span
                key={part.label}
                class={`stacked-part tone-${part.tone}`}
                style={{ width: `${(part.value / total) * 100}%` }}
              />
            ))}
      </div>
      <ul class="legend">
        {props.parts.map((part) => (
          <li key={part.label}>
            <span class={`swatch tone-${part.tone}`} aria-hidden="true" />
            {part.label} <strong>{part.value}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
