import { language, t } from './i18n';

/** 3:07, or 1:02:03 past an hour. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** 2 d 4 h, 3 h 12 min, 5 min, 40 s (in the panel's language). */
export function uptime(seconds: number): string {
  const s = Math.floor(seconds);
  if (s >= 86_400)
    return t('units.daysHours', { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600) });
  if (s >= 3600) return t('units.hoursMinutes', { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) });
  if (s >= 60) return t('units.minutes', { minutes: Math.floor(s / 60) });
  return t('units.seconds', { seconds: s });
}

export function bytes(value: number): string {
  if (value >= 1024 ** 3) return `${number(value / 1024 ** 3, 1)} GB`;
  if (value >= 1024 ** 2) return `${number(Math.round(value / 1024 ** 2))} MB`;
  return `${number(Math.round(value / 1024))} KB`;
}

/** A number as the panel's language writes it (1,234.5 or 1.234,5). */
export function number(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(language(), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function percent(share: number): string {
  return new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(language(), { hour12: false });
}

/** 22 Nov, 14:05 (the year only when it is not this one). */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return date.toLocaleString(language(), {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** `2026-01-31` (a UTC day from the API) as "31 Jan". */
export function shortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? day
    : date.toLocaleDateString(language(), { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
