import { t, type Language } from '@accord/i18n';
import type { APIEmbed } from 'discord.js';
import { ACCORD_COLOR, clip, mention, type MessageView } from './message-view';
import { describePickReason } from './pick-reason.presenter';
import type { QueueEntry } from '../../../domain/playback/playback.types';
import type { AutoplayPick } from '../../../use-cases/autoplay/autoplay.service';

/** The candidate sources autoplay may name in `/why` (their `CandidateSource.name`). */
const NAMED_SOURCES = new Set(['lastfm', 'deezer', 'youtube-mix', 'co-listening', 'library']);

/** A source as the listener reads it; an unknown one keeps its id. */
function sourceName(language: Language, source: string): string {
  return NAMED_SOURCES.has(source) ? t(language, `autoplay:sourceNames.${source}`) : source;
}

/** Posted in the session's channel when autoplay runs out of songs and the music stops. */
export function renderAutoplayPaused(language: Language): MessageView {
  return { content: t(language, 'autoplay:paused'), embeds: [], components: [] };
}

/** Replies of the autoplay commands. */
export const RecommendationReply = {
  autoplay(language: Language, on: boolean): string {
    return t(language, on ? 'autoplay:on' : 'autoplay:off');
  },

  discover(language: Language, autoplay: boolean): string {
    return t(language, autoplay ? 'autoplay:discover' : 'autoplay:discoverOff');
  },

  /** `/why`: what plays, who or what chose it, and for whom it fits. */
  why(language: Language, entry: QueueEntry, pick: AutoplayPick | null): MessageView {
    const track = t(language, 'autoplay:why.track', {
      title: clip(entry.track.title, 100),
      author: clip(entry.track.author, 60),
    });
    const embed: APIEmbed = { color: ACCORD_COLOR, title: t(language, 'autoplay:why.title') };
    if (entry.source === 'request' || entry.source === 'import') {
      embed.description = entry.requestedBy
        ? t(language, 'autoplay:why.askedBy', { track, user: mention(entry.requestedBy) })
        : t(language, 'autoplay:why.askedBySomeone', { track });
      return { embeds: [embed], components: [] };
    }
    const kind = entry.source === 'discovery' ? 'discovery' : 'picked';
    const because = pick?.because ?? entry.because;
    const reason = because ? describePickReason(language, because) : (pick?.reason ?? entry.reason);
    const lines = [
      track,
      reason
        ? t(language, `autoplay:why.${kind}Because`, { reason: clip(reason, 300) })
        : t(language, `autoplay:why.${kind}`),
    ];
    if (pick) {
      const fits = pick.fits
        .slice()
        .sort((a, b) => b.fit - a.fit)
        .map((fit) => `${clip(fit.displayName, 32)} ${Math.round(fit.fit * 100)}%`)
        .join(' · ');
      if (fits) lines.push('', t(language, 'autoplay:why.fits', { fits }));
      if (pick.sources.length > 0)
        lines.push(
          t(language, 'autoplay:why.sources', {
            sources: pick.sources.map((source) => sourceName(language, source)).join(', '),
          }),
        );
      if (pick.relaxation > 0) lines.push(t(language, 'autoplay:why.relaxed'));
    }
    embed.description = lines.join('\n');
    return { embeds: [embed], components: [] };
  },
};
