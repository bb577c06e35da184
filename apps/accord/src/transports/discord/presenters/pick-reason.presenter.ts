import type { PickClause, PickReason } from '@accord/core';
import { t, type Language } from '@accord/i18n';

/** "Ana", "Ana and Ben", "Ana, Ben and Cy" in the language. */
export function joinNames(language: Language, names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return t(language, 'autoplay:reasons.and', {
    first: names.slice(0, -1).join(', '),
    last: names[names.length - 1],
  });
}

/** "which Ana plays", "which 3 of you like". */
function whoPlays(language: Language, names: readonly string[]): string {
  return names.length >= 3
    ? t(language, 'autoplay:reasons.whoLike', { count: names.length })
    : t(language, 'autoplay:reasons.whoPlays', { names: joinNames(language, names), count: names.length });
}

function clause(language: Language, { reason, ref, names, turn }: PickClause): string {
  const count = names.length;
  if (reason === 'similar' && count > 3) return t(language, 'autoplay:reasons.for.similar.crowd', { ref, count });
  const subject = count > 3 ? t(language, 'autoplay:reasons.ofYou', { count }) : joinNames(language, names);
  const size = count === 1 ? 'one' : count === 2 ? 'two' : 'many';
  return t(language, `autoplay:reasons.for.${reason}.${size}`, {
    subject,
    ref,
    turn: turn ? t(language, 'autoplay:reasons.turn', { name: names[0] }) : '',
  });
}

/** Why autoplay picked a song, in the reader's language (the recommender says it in English too). */
export function describePickReason(language: Language, reason: PickReason): string {
  switch (reason.kind) {
    case 'popular':
      return t(language, 'autoplay:reasons.popular');
    case 'request':
      return reason.requester
        ? t(language, 'autoplay:reasons.request', { ref: reason.ref, requester: reason.requester })
        : t(language, 'autoplay:reasons.requestGone', { ref: reason.ref });
    case 'discovery-artist':
      return t(language, 'autoplay:reasons.discoveryArtist', {
        artist: reason.artist,
        who: whoPlays(language, reason.fans),
      });
    case 'discovery-close':
      return t(language, 'autoplay:reasons.discoveryClose', {
        refs: joinNames(language, reason.refs),
        who: whoPlays(language, reason.fans),
      });
    case 'discovery-tags':
      return t(language, 'autoplay:reasons.discoveryTags', { tags: joinNames(language, reason.tags) });
    case 'discovery-popular':
      return t(language, 'autoplay:reasons.discoveryPopular');
    case 'discovery-new':
      return t(language, 'autoplay:reasons.discoveryNew');
    case 'for':
      return reason.clauses
        .map((each, index) => {
          const text = clause(language, each);
          // The second clause goes on after a semicolon: "For Ana: plays Air; for Ben: ...".
          return index === 0 ? text : text.charAt(0).toLocaleLowerCase(language) + text.slice(1);
        })
        .join('; ');
  }
}
