import { ACCORD_COLOR, clip, mention, type MessageView } from './message-view';
import type { ProfileView } from '../../../domain/preferences/profile-view.service';
import type { ImportSummary } from '../../../domain/preferences/profiles/taste-profile';

export function renderProfile(view: ProfileView, name: string): MessageView {
  if (view.optedOut) {
    return {
      content: `${mention(view.userId)} has opted out: I keep no taste profile for them.`,
      embeds: [],
      components: [],
    };
  }
  if (!view.exists) {
    return {
      content: `I know nothing about ${mention(view.userId)}'s taste yet: it grows with every song they hear, like or skip.`,
      embeds: [],
      components: [],
    };
  }
  const list = (entries: ProfileView['topArtists']): string =>
    entries.length > 0
      ? entries.map((entry, index) => `${index + 1}. ${clip(entry.name || entry.id, 40)}`).join('\n')
      : '—';
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: `${clip(name, 80)}'s taste`,
        fields: [
          { name: 'Top artists', value: list(view.topArtists), inline: true },
          { name: 'Top tags', value: list(view.topTags), inline: true },
          {
            name: 'Listening',
            value: [
              `${view.playCount} play${view.playCount === 1 ? '' : 's'} heard`,
              `${view.likes} liked, ${view.dislikes} disliked`,
              `${view.discoveriesLiked} discover${view.discoveriesLiked === 1 ? 'y' : 'ies'} liked`,
            ].join('\n'),
          },
          { name: 'Imported', value: describeImports(view.imported) },
        ],
      },
    ],
    components: [],
  };
}

export function describeImports(imports: readonly ImportSummary[]): string {
  if (imports.length === 0) return 'Nothing (try `/link spotify`, `/link lastfm` or `/import`).';
  return imports
    .map(
      (source) =>
        `${sourceName(source.kind)}: ${clip(source.label, 60)} (${source.tracks} tracks, ${source.artists} artists, <t:${Math.floor(source.at / 1000)}:d>)`,
    )
    .join('\n');
}

function sourceName(kind: ImportSummary['kind']): string {
  switch (kind) {
    case 'spotify':
      return 'Spotify';
    case 'lastfm':
      return 'Last.fm';
    case 'playlist':
      return 'Playlist';
  }
}
