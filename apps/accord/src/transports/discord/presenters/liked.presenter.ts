import { t, type Language } from '@accord/i18n';
import { ButtonStyle } from 'discord.js';
import { ACCORD_COLOR, button, clip, row, type MessageView } from './message-view';
import type { EnqueueResult } from '../../../domain/playback/playback.types';
import { LIKED_QUEUE_MAX, type LikedPage } from '../../../use-cases/liked/liked.service';

export const LIKED_BUTTON_PREFIX = 'liked';
export const likedPageId = (page: number): string => `${LIKED_BUTTON_PREFIX}:page:${page}`;
export const LIKED_QUEUE_ID = `${LIKED_BUTTON_PREFIX}:queue`;

export type LikedButton = { kind: 'page'; page: number } | { kind: 'queue' };

export function parseLikedButton(customId: string): LikedButton | null {
  if (customId === LIKED_QUEUE_ID) return { kind: 'queue' };
  const match = /^liked:page:(-?\d{1,6})$/.exec(customId);
  return match ? { kind: 'page', page: Number(match[1]) } : null;
}

export function renderLikedPage(language: Language, liked: LikedPage): MessageView {
  if (liked.total === 0) {
    return {
      embeds: [
        {
          color: ACCORD_COLOR,
          title: t(language, 'library:liked.emptyTitle'),
          description: t(language, 'library:liked.emptyDescription'),
        },
      ],
      components: [],
    };
  }
  const start = liked.page * 10;
  const lines = liked.items.map(
    (mark, index) => `\`${start + index + 1}.\` ${clip(mark.name, 80)} · <t:${Math.floor(mark.at / 1000)}:d>`,
  );
  const queueLabel =
    liked.total > LIKED_QUEUE_MAX
      ? t(language, 'library:liked.buttons.queueLatest', { max: LIKED_QUEUE_MAX })
      : t(language, 'library:liked.buttons.queueAll');
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: t(language, 'library:liked.title', { total: liked.total }),
        description: lines.join('\n'),
        footer: { text: t(language, 'library:liked.footer', { page: liked.page + 1, pages: liked.pages }) },
      },
    ],
    components: [
      row(
        button(likedPageId(liked.page - 1), t(language, 'library:liked.buttons.previous'), {
          emoji: '◀️',
          disabled: liked.page === 0,
        }),
        button(likedPageId(liked.page + 1), t(language, 'library:liked.buttons.next'), {
          emoji: '▶️',
          disabled: liked.page >= liked.pages - 1,
        }),
        button(LIKED_QUEUE_ID, queueLabel, { emoji: '➕', style: ButtonStyle.Primary }),
      ),
    ],
  };
}

export function renderLikedQueued(language: Language, result: EnqueueResult): string {
  const count = result.added.length;
  const queued = t(language, result.startedPlaying ? 'library:liked.queuedStarting' : 'library:liked.queued', {
    count,
  });
  return result.refused > 0 ? `${queued} ${t(language, 'library:liked.refused', { refused: result.refused })}` : queued;
}

export function renderRated(
  language: Language,
  kind: 'like' | 'dislike',
  song: { title: string; artist: string },
): string {
  const name = clip(song.artist ? `${song.artist} - ${song.title}` : song.title, 100);
  return t(language, kind === 'like' ? 'library:rated.like' : 'library:rated.dislike', { name });
}
