/** Lower case, no diacritics, words separated by one space: what autocomplete prefixes are matched on. */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The folded forms a track is found by: "artist title" and "title" alone. */
export function searchTextOf(artist: string, title: string): string[] {
  return [...new Set([foldSearchText(`${artist} ${title}`), foldSearchText(title)].filter(Boolean))];
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
