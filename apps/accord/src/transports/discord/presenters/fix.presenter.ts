import { t, type Language } from '@accord/i18n';
import { ButtonStyle, escapeMarkdown } from 'discord.js';
import { formatDuration } from './duration.presenter';
import { button, row, type MessageView } from './message-view';
import { variantLabel } from './variant.presenter';
import type { CatalogTrack, TrackCandidates } from '../../../domain/catalog/catalog.types';

export const FIX_BUTTON_PREFIX = 'fix:';

/** `fix:<trackId>:<youtubeId>`: at most 40 characters, well under Discord's 100. */
export function fixButtonId(trackId: string, youtubeId: string): string {
  return `${FIX_BUTTON_PREFIX}${trackId}:${youtubeId}`;
}

export function parseFixButtonId(customId: string): { trackId: string; youtubeId: string } | null {
  const match = /^fix:([a-f0-9]{24}):([A-Za-z0-9_-]{11})$/.exec(customId);
  return match ? { trackId: match[1], youtubeId: match[2] } : null;
}

function songName(language: Language, track: CatalogTrack): string {
  const name = track.artist ? `${track.artist} - ${track.title}` : track.title || track.lavalink.title;
  return track.variant && track.variant !== 'none' ? `${name} (${variantLabel(language, track.variant)})` : name;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The candidates as a numbered list and one button each; the current pin is marked. */
export function renderFixCandidates(language: Language, { track, candidates }: TrackCandidates): MessageView {
  const lines = candidates.map((candidate, index) =>
    t(language, 'fix:candidate', {
      index: index + 1,
      title: escapeMarkdown(clip(candidate.title, 90)),
      uri: candidate.uri,
      channel: escapeMarkdown(clip(candidate.author, 40)),
      duration: formatDuration(candidate.durationMs),
      score: candidate.score.toFixed(2),
      marker: candidate.current ? t(language, 'fix:currentPin') : '',
    }),
  );
  const buttons = candidates.map((candidate, index) =>
    button(fixButtonId(track.id, candidate.youtubeId), clip(`${index + 1}. ${candidate.title}`, 80), {
      style: candidate.current ? ButtonStyle.Success : ButtonStyle.Secondary,
    }),
  );
  return {
    content: [
      t(language, 'fix:question', { song: escapeMarkdown(clip(songName(language, track), 120)) }),
      t(language, 'fix:pick'),
      ...lines,
    ].join('\n'),
    embeds: [],
    components: buttons.length > 0 ? [row(...buttons)] : [],
  };
}

export function renderFixChosen(language: Language, track: CatalogTrack): MessageView {
  return {
    content: t(language, 'fix:chosen', {
      song: escapeMarkdown(clip(songName(language, track), 120)),
      video: escapeMarkdown(clip(track.lavalink.title, 90)),
      uri: track.lavalink.uri ?? `https://www.youtube.com/watch?v=${track.youtubeId}`,
    }),
    embeds: [],
    components: [],
  };
}
