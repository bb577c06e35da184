import { ButtonStyle } from 'discord.js';
import type { SessionSnapshot } from '../../../domain/playback/playback.types';
import { formatDuration } from './duration.presenter';
import { ACCORD_COLOR, button, row, type MessageView } from './message-view';
import { describeRequester, describeTrack } from './track.presenter';

export const QUEUE_PAGE_SIZE = 10;
export const QUEUE_BUTTON_PREFIX = 'queue';

/** `queue:page:<n>` (0-based page) for the prev/next buttons. */
export const queuePageId = (page: number): string => `${QUEUE_BUTTON_PREFIX}:page:${page}`;

/** The page a `queue:page:<n>` button asks for, or null when the id is not one. */
export function parseQueuePageId(customId: string): number | null {
  const match = /^queue:page:(-?\d{1,6})$/.exec(customId);
  return match ? Number(match[1]) : null;
}

export function pageCount(queueLength: number): number {
  return Math.max(1, Math.ceil(queueLength / QUEUE_PAGE_SIZE));
}

/** One page of the queue (0-based, clamped into range) with prev/next buttons. */
export function renderQueuePage(snapshot: SessionSnapshot | null, requestedPage: number): MessageView {
  if (!snapshot || (!snapshot.current && snapshot.queue.length === 0)) {
    return {
      embeds: [{ color: ACCORD_COLOR, title: 'The queue is empty', description: 'Add something with `/play`.' }],
      components: [],
    };
  }
  const pages = pageCount(snapshot.queue.length);
  const page = Math.min(Math.max(0, Math.trunc(requestedPage)), pages - 1);
  const start = page * QUEUE_PAGE_SIZE;
  const lines = snapshot.queue
    .slice(start, start + QUEUE_PAGE_SIZE)
    .map((entry, index) => `\`${start + index + 1}.\` ${describeTrack(entry, 60)} · ${describeRequester(entry)}`);
  const now = snapshot.current
    ? `${snapshot.current.paused ? '⏸' : '▶️'} ${describeTrack(snapshot.current.entry)}`
    : 'Nothing is playing.';
  const totalMs = snapshot.queue.reduce((sum, entry) => sum + (entry.track.isStream ? 0 : entry.track.durationMs), 0);
  const upNext = lines.length > 0 ? `\n\n**Up next**\n${lines.join('\n')}` : '\n\nNothing else is queued.';
  const count = snapshot.queue.length;
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: `Queue: ${count} track${count === 1 ? '' : 's'} (${formatDuration(totalMs)})`,
        description: `${now}${upNext}`,
        footer: { text: `Page ${page + 1}/${pages} · Loop: ${snapshot.loop}` },
      },
    ],
    components:
      pages > 1
        ? [
            row(
              button(queuePageId(page - 1), 'Previous', { emoji: '◀️', disabled: page === 0 }),
              button(queuePageId(page + 1), 'Next', {
                emoji: '▶️',
                style: ButtonStyle.Primary,
                disabled: page === pages - 1,
              }),
            ),
          ]
        : [],
  };
}
