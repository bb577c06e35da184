import { t, type Language } from '@accord/i18n';
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
 * (a track that failed and was skipped, or was ended early), shown as given.
 */
export function renderNowPlaying(language: Language, snapshot: SessionSnapshot, notice?: string): MessageView {
  const current = snapshot.current;
  const settings =
    t(language, 'playback:nowPlaying.settings', {
      loop: t(language, `playback:nowPlaying.loop.${snapshot.loop}`),
      volume: snapshot.volume,
      filter: snapshot.filter ?? t(language, 'playback:nowPlaying.noFilter'),
    }) + (snapshot.twentyFourSeven ? t(language, 'playback:nowPlaying.twentyFourSeven') : '');
  const extra = [transcodingNote(language, snapshot), notice ?? null].filter((line): line is string => !!line);
  const stop = button(NowPlayingButton.Stop, t(language, 'playback:nowPlaying.buttons.stop'), {
    emoji: '⏹️',
    style: ButtonStyle.Danger,
  });
  if (!current) {
    return {
      embeds: [
        {
          color: ACCORD_COLOR,
          author: { name: t(language, 'playback:nowPlaying.nothingTitle') },
          description: [t(language, 'playback:nowPlaying.emptyQueue'), ...extra].join('\n'),
          footer: { text: settings },
        },
      ],
      components: [row(stop)],
    };
  }
  const { entry } = current;
  const next = snapshot.queue[0];
  const upNext = next
    ? snapshot.queue.length > 1
      ? t(language, 'playback:nowPlaying.upNextMore', {
          title: clip(next.track.title, 60),
          count: snapshot.queue.length - 1,
        })
      : t(language, 'playback:nowPlaying.upNext', { title: clip(next.track.title, 60) })
    : null;
  const via = describeAudioSource(language, entry.track.sourceName);
  const by = t(language, 'playback:nowPlaying.by', { author: clip(entry.track.author, 100) });
  const embed: APIEmbed = {
    color: ACCORD_COLOR,
    author: { name: t(language, current.paused ? 'playback:nowPlaying.paused' : 'playback:nowPlaying.playing') },
    title: clip(entry.track.title, 250),
    description: [
      via ? `${by} · ${via}` : by,
      t(language, 'playback:nowPlaying.requestedBy', { requester: describeRequester(language, entry) }),
      '',
      renderProgressBar(language, { positionMs: current.positionMs, ...entry.track }),
      ...[skippedSegmentsNote(current.skippedSegments, language)].filter((line): line is string => !!line),
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
          ? button(NowPlayingButton.PauseResume, t(language, 'playback:nowPlaying.buttons.resume'), {
              emoji: '▶️',
              style: ButtonStyle.Success,
            })
          : button(NowPlayingButton.PauseResume, t(language, 'playback:nowPlaying.buttons.pause'), { emoji: '⏸️' }),
        button(NowPlayingButton.Skip, t(language, 'playback:nowPlaying.buttons.skip'), { emoji: '⏭️' }),
        stop,
        button(NowPlayingButton.Like, t(language, 'playback:nowPlaying.buttons.like'), { emoji: '👍' }),
        button(NowPlayingButton.Dislike, t(language, 'playback:nowPlaying.buttons.dislike'), { emoji: '👎' }),
      ),
    ],
  };
}

/** The message's final state: no buttons left to press. */
export function renderSessionEnded(
  language: Language,
  reason: SessionEndedEvent['reason'],
  lastTitle?: string,
): MessageView {
  const lines = [
    t(language, `playback:nowPlaying.ended.${reason}`),
    ...(lastTitle ? [t(language, 'playback:nowPlaying.ended.lastPlayed', { title: clip(lastTitle, 100) })] : []),
    t(language, 'playback:nowPlaying.ended.again'),
  ];
  return {
    embeds: [
      {
        color: 0x4f545c,
        author: { name: t(language, 'playback:nowPlaying.ended.title') },
        description: lines.join('\n'),
      },
    ],
    components: [],
  };
}
