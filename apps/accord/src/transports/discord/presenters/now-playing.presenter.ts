import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { SessionEndedEvent } from '../../../domain/playback/playback.events';
import type { SessionSnapshot } from '../../../domain/playback/playback.types';
import { renderProgressBar } from './duration.presenter';
import { ACCORD_COLOR, button, clip, row, type MessageView } from './message-view';
import { describeAudioSource, describeRequester } from './track.presenter';
import { skippedSegmentsNote } from './segments.presenter';
import { transcodingNote } from './transcoding.presenter';

export const NOW_PLAYING_PREFIX = 'np';

export const NowPlayingButton = {
  PauseResume: 'np:pause',
  Skip: 'np:skip',
  Stop: 'np:stop',
  Like: 'np:like',
  Dislike: 'np:dislike',
} as const;

export type NowPlayingButtonId = (typeof NowPlayingButton)[keyof typeof NowPlayingButton];

/**
 * The now-playing message: title, artist, artwork, requester or autoplay's reason, a progress bar,
 * loop/volume/filter, the transcoding note and the control buttons. `notice` is a one-off line
 * (a track that failed and was skipped).
 */
export function renderNowPlaying(snapshot: SessionSnapshot, notice?: string): MessageView {
  const current = snapshot.current;
  const settings = `Loop: ${snapshot.loop} · Volume: ${snapshot.volume}% · Filter: ${snapshot.filter ?? 'none'}${
    snapshot.twentyFourSeven ? ' · 24/7' : ''
  }`;
  const extra = [transcodingNote(snapshot), notice ? `⚠️ ${notice}` : null].filter((line): line is string => !!line);
  if (!current) {
    return {
      embeds: [
        {
          color: ACCORD_COLOR,
          author: { name: 'Nothing is playing' },
          description: ['The queue is empty. Add something with `/play`.', ...extra].join('\n'),
          footer: { text: settings },
        },
      ],
      components: [row(button(NowPlayingButton.Stop, 'Stop', { emoji: '⏹️', style: ButtonStyle.Danger }))],
    };
  }
  const { entry } = current;
  const next = snapshot.queue[0];
  const upNext = next
    ? `Up next: ${clip(next.track.title, 60)}${snapshot.queue.length > 1 ? ` (+${snapshot.queue.length - 1} more)` : ''}`
    : null;
  const via = describeAudioSource(entry.track.sourceName);
  const embed: APIEmbed = {
    color: ACCORD_COLOR,
    author: { name: current.paused ? '⏸ Paused' : '▶️ Now playing' },
    title: clip(entry.track.title, 250),
    description: [
      `by **${clip(entry.track.author, 100)}**${via ? ` · ${via}` : ''}`,
      `Requested by ${describeRequester(entry)}`,
      '',
      renderProgressBar({ positionMs: current.positionMs, ...entry.track }),
      ...[skippedSegmentsNote(current.skippedSegments)].filter((line): line is string => !!line),
      ...extra,
    ].join('\n'),
    footer: { text: upNext ? `${settings}\n${upNext}` : settings },
  };
  if (entry.track.uri) embed.url = entry.track.uri;
  if (entry.track.artworkUrl) embed.thumbnail = { url: entry.track.artworkUrl };
  return {
    embeds: [embed],
    components: [
      row(
        current.paused
          ? button(NowPlayingButton.PauseResume, 'Resume', { emoji: '▶️', style: ButtonStyle.Success })
          : button(NowPlayingButton.PauseResume, 'Pause', { emoji: '⏸️' }),
        button(NowPlayingButton.Skip, 'Skip', { emoji: '⏭️' }),
        button(NowPlayingButton.Stop, 'Stop', { emoji: '⏹️', style: ButtonStyle.Danger }),
        button(NowPlayingButton.Like, 'Like', { emoji: '👍' }),
        button(NowPlayingButton.Dislike, 'Dislike', { emoji: '👎' }),
      ),
    ],
  };
}

const ENDED_BECAUSE: Record<SessionEndedEvent['reason'], string> = {
  stopped: 'The music was stopped and the queue cleared.',
  left: 'I left the voice channel.',
  idle: 'I left after a while with nobody listening.',
  kicked: 'I was disconnected from the voice channel.',
};

/** The message's final state: no buttons left to press. */
export function renderSessionEnded(reason: SessionEndedEvent['reason'], lastTitle?: string): MessageView {
  const last = lastTitle ? `\nLast played: ${clip(lastTitle, 100)}` : '';
  return {
    embeds: [
      {
        color: 0x4f545c,
        author: { name: '⏹ Session ended' },
        description: `${ENDED_BECAUSE[reason]}${last}\nStart again with \`/play\`.`,
      },
    ],
    components: [],
  };
}
