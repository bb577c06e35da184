import { t, type Language } from '@accord/i18n';
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
export function renderQueuePage(
  language: Language,
  snapshot: SessionSnapshot | null,
  requestedPage: number,
): MessageView {
  if (!snapshot || (!snapshot.current && snapshot.queue.length === 0)) {
    return {
      embeds: [
        {
          color: ACCORD_COLOR,
          title: t(language, 'playback:queue.emptyTitle'),
          description: t(language, 'playback:queue.emptyDescription'),
        },
      ],
      components: [],
    };
  }
  const pages = pageCount(snapshot.queue.length);
  const page = Math.min(Math.max(0, Math.trunc(requestedPage)), pages - 1);
  const start = page * QUEUE_PAGE_SIZE;
  const lines = snapshot.queue
    .slice(start, start + QUEUE_PAGE_SIZE)
    .map(
      (entry, index) =>
        `\`${start + index + 1}.\` ${describeTrack(language, entry, 60)} · ${describeRequester(language, entry)}`,
    );
  const now = snapshot.current
    ? `${snapshot.current.paused ? '⏸' : '▶️'} ${describeTrack(language, snapshot.current.entry)}`
    : t(language, 'playback:queue.nothingPlaying');
  const totalMs = snapshot.queue.reduce((sum, entry) => sum + (entry.track.isStream ? 0 : entry.track.durationMs), 0);
  const upNext =
    lines.length > 0
      ? `\n\n${t(language, 'playback:queue.upNext')}\n${lines.join('\n')}`
      : `\n\n${t(language, 'playback:queue.nothingElse')}`;
  const count = snapshot.queue.length;
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: t(language, 'playback:queue.title', { count, duration: formatDuration(totalMs) }),
        description: `${now}${upNext}`,
        footer: {
          text: t(language, 'playback:queue.footer', {
            page: page + 1,
            pages,
            loop: t(language, `playback:nowPlaying.loop.${snapshot.loop}`),
          }),
        },
      },
    ],
    components:
      pages > 1
        ? [
            row(
              button(queuePageId(page - 1), t(language, 'playback:queue.buttons.previous'), {
                emoji: '◀️',
                disabled: page === 0,
              }),
              button(queuePageId(page + 1), t(language, 'playback:queue.buttons.next'), {
                emoji: '▶️',
                style: ButtonStyle.Primary,
                disabled: page === pages - 1,
              }),
            ),
          ]
        : [],
  };
}
