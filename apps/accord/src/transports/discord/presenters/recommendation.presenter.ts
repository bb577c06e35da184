import type { APIEmbed } from 'discord.js';
import { ACCORD_COLOR, clip, mention, type MessageView } from './message-view';
import type { QueueEntry } from '../../../domain/playback/playback.types';
import type { AutoplayPick } from '../../../use-cases/autoplay/autoplay.service';

/** Posted in the session's channel when autoplay runs out of songs and the music stops. */
export const AUTOPLAY_PAUSED_MESSAGE =
  'Autoplay paused: I ran out of songs for this room (everything was disliked or played too recently). ' +
  'Add something with `/play` and I will carry on from there.';

export function renderAutoplayPaused(): MessageView {
  return { content: `⏸️ ${AUTOPLAY_PAUSED_MESSAGE}`, embeds: [], components: [] };
}

/** Replies of the autoplay commands. */
export const RecommendationReply = {
  autoplay(on: boolean): string {
    return on
      ? '🔁 Autoplay is **on**: when the queue runs low I pick songs for everyone in the voice channel.'
      : '⏹️ Autoplay is **off**: the music stops when the queue ends.';
  },

  discover(autoplay: boolean): string {
    return autoplay
      ? '🧭 The next autoplay pick will be a discovery: a song nobody here has played yet, close to what you like.'
      : '🧭 Noted, the next autoplay pick will be a discovery, but autoplay is off on this server. Turn it on with `/autoplay on`.';
  },

  /** `/why`: what plays, who or what chose it, and for whom it fits. */
  why(entry: QueueEntry, pick: AutoplayPick | null): MessageView {
    const track = `**${clip(entry.track.title, 100)}** by ${clip(entry.track.author, 60)}`;
    const embed: APIEmbed = { color: ACCORD_COLOR, title: 'Why this song?' };
    if (entry.source === 'request' || entry.source === 'import') {
      embed.description = entry.requestedBy
        ? `${track} was asked for by ${mention(entry.requestedBy)}.`
        : `${track} was asked for by someone in the channel.`;
      return { embeds: [embed], components: [] };
    }
    const kind = entry.source === 'discovery' ? 'Autoplay picked it as a discovery' : 'Autoplay picked it';
    const reason = pick?.reason ?? entry.reason;
    const lines = [`${track}`, `${kind}${reason ? `: ${clip(reason, 300)}` : '.'}`];
    if (pick) {
      const fits = pick.fits
        .slice()
        .sort((a, b) => b.fit - a.fit)
        .map((fit) => `${clip(fit.displayName, 32)} ${Math.round(fit.fit * 100)}%`)
        .join(' · ');
      if (fits) lines.push('', `Fit for each listener: ${fits}`);
      if (pick.sources.length > 0) lines.push(`Found through: ${pick.sources.join(', ')}`);
      if (pick.relaxation > 0) lines.push('Cooldowns were relaxed to find it (the room is running out of songs).');
    }
    embed.description = lines.join('\n');
    return { embeds: [embed], components: [] };
  },
};
