import { t, type Language } from '@accord/i18n';
import { ACCORD_COLOR, clip, mention, type MessageView } from './message-view';
import type { ProfileView } from '../../../domain/preferences/profile-view.service';
import type { ImportSummary } from '../../../domain/preferences/profiles/taste-profile';

export function renderProfile(language: Language, view: ProfileView, name: string): MessageView {
  if (view.optedOut) {
    return {
      content: t(language, 'account:profile.optedOut', { user: mention(view.userId) }),
      embeds: [],
      components: [],
    };
  }
  if (!view.exists) {
    return {
      content: t(language, 'account:profile.unknown', { user: mention(view.userId) }),
      embeds: [],
      components: [],
    };
  }
  const list = (entries: ProfileView['topArtists']): string =>
    entries.length > 0
      ? entries.map((entry, index) => `${index + 1}. ${clip(entry.name || entry.id, 40)}`).join('\n')
      : t(language, 'account:profile.empty');
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: t(language, 'account:profile.title', { name: clip(name, 80) }),
        fields: [
          { name: t(language, 'account:profile.topArtists'), value: list(view.topArtists), inline: true },
          { name: t(language, 'account:profile.topTags'), value: list(view.topTags), inline: true },
          {
            name: t(language, 'account:profile.listening'),
            value: [
              t(language, 'account:profile.plays', { count: view.playCount }),
              t(language, 'account:profile.rated', { likes: view.likes, dislikes: view.dislikes }),
              t(language, 'account:profile.discoveries', { count: view.discoveriesLiked }),
            ].join('\n'),
          },
          { name: t(language, 'account:profile.imported'), value: describeImports(language, view.imported) },
        ],
      },
    ],
    components: [],
  };
}

export function describeImports(language: Language, imports: readonly ImportSummary[]): string {
  if (imports.length === 0) return t(language, 'account:imports.nothing');
  return imports
    .map((source) =>
      t(language, 'account:imports.line', {
        source: t(language, `account:imports.${source.kind}`),
        label: clip(source.label, 60),
        tracks: source.tracks,
        artists: source.artists,
        at: Math.floor(source.at / 1000),
      }),
    )
    .join('\n');
}
