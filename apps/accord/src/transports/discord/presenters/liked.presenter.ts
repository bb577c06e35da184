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

export function renderLikedPage(liked: LikedPage): MessageView {
  if (liked.total === 0) {
    return {
      embeds: [
        {
          color: ACCORD_COLOR,
          title: 'No liked songs yet',
          description: 'Use `/like` (or 👍 under the song) while one plays.',
        },
      ],
      components: [],
    };
  }
  const start = liked.page * 10;
  const lines = liked.items.map(
    (mark, index) => `\`${start + index + 1}.\` ${clip(mark.name, 80)} · <t:${Math.floor(mark.at / 1000)}:d>`,
  );
  const queueLabel = liked.total > LIKED_QUEUE_MAX ? `Queue my latest ${LIKED_QUEUE_MAX}` : 'Queue them all';
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: `Your liked songs (${liked.total})`,
        description: lines.join('\n'),
        footer: { text: `Page ${liked.page + 1}/${liked.pages}` },
      },
    ],
    components: [
      row(
        button(likedPageId(liked.page - 1), 'Previous', { emoji: '◀️', disabled: liked.page === 0 }),
        button(likedPageId(liked.page + 1), 'Next', { emoji: '▶️', disabled: liked.page >= liked.pages - 1 }),
        button(LIKED_QUEUE_ID, queueLabel, { emoji: '➕', style: ButtonStyle.Primary }),
      ),
    ],
  };
}

export function renderLikedQueued(result: EnqueueResult): string {
  const count = result.added.length;
  const refused = result.refused > 0 ? ` ${result.refused} did not fit: the queue is full.` : '';
  return `Queued ${count} of your liked song${count === 1 ? '' : 's'}${result.startedPlaying ? ', starting now' : ''}.${refused}`;
}

export function renderRated(kind: 'like' | 'dislike', song: { title: string; artist: string }): string {
  const name = clip(song.artist ? `${song.artist} - ${song.title}` : song.title, 100);
  return kind === 'like'
    ? `👍 Liked **${name}**. I will play it and similar songs more for you.`
    : `👎 Disliked **${name}**. I will not pick it while you are listening.`;
}
