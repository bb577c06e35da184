import { absorbAnnotation, emptyCollected, type Collected } from './annotations';
import { QUOTE_OPENERS, coveredMask, findTopLevel, splitTopLevel, topLevelPairs, type Pair } from './brackets';
import { splitArtistList, splitInlineFeaturing, splitInlineFeaturingBeforeBrackets } from './featuring';
import { stripFileExtension, stripHashtags, stripTrailingFluff } from './fluff';
import {
  creditHasKnownArtist,
  findKnownArtist,
  isCommonWordName,
  knownSpelling,
  type ArtistLookup,
  type TitleContext,
} from './known-artists';
import { GAME_VIDEO, STRONG_VERSION, tailStart } from './markers';
import { collapseSpaces, foldForKey, invisibleStripped, prepareText, separatorsMarked } from './normalise';
import { looksLikePersonName } from './given-names';
import { artistOnRight, looksLikeArtist } from './title-order';
import { GENRE_ALONE, detectVariant, renderVariant, type Variant } from './variant';

/** A video as a search or a playlist returns it. */
export interface TitleInput {
  title: string;
  /** Channel name ("Queen - Topic", "QueenVEVO", "Queen Official"), if known. */
  author?: string;
  /**
   * Not used to parse (a song can run for an hour: a symphony, "Thick as a Brick"); accepted so that
   * search results can be passed as they are. Scoring uses it.
   */
  durationMs?: number;
  /** Artist names the caller knows; see `TitleContext`. */
  knownArtists?: ArtistLookup;
}

/** What a title says about the song. `artist` is empty when neither the title nor the channel tells. */
export interface ParsedTitle {
  artist: string;
  title: string;
  featuring: string[];
  variant: Variant;
}

/** The song part of a title once the artist is known: its name, featured artists and variant. */
export interface CleanedTitle {
  title: string;
  featuring: string[];
  variant: Variant;
}

// Artist/title separators, strongest first. Dashes and tildes need spaces around them so that
// "Sleater-Kinney" and "Anti-D" stay whole; en and em dashes are accepted without spaces.
const SPACED_DASH = /\s+(?:-{1,2}|[‒–—―−~]|\/\/)\s+/;
const BARE_LONG_DASH = /\s*[–—―]\s*/;
const ONE_SIDED_DASH = /\s-(?=[^\s\d-])|(?<=[^\s-])-\s/;
// "Song~Artist~Lyrics": a tilde between words, without spaces.
const BARE_TILDE = /(?<=[\p{L}\p{N})\]])~(?=[\p{L}\p{N}([])/u;
// "Song//Artist//Lyrics": a double slash between words, without spaces.
const BARE_DOUBLE_SLASH = /(?<=[\p{L}\p{N})\]])\/\/(?=[\p{L}\p{N}([])/u;
const DASHES = [SPACED_DASH, BARE_LONG_DASH, ONE_SIDED_DASH, BARE_TILDE, BARE_DOUBLE_SLASH];
const WEAK_SEPARATORS = [/(?<=\S):\s+/, /\s+\/\s+/, /\s+_\s+/, /(?<=[^\s_])_(?=[^\s_])/];
const PIPE = /\s*[|｜]\s*|\s+[•·]\s+/;
const EDGE_JUNK_START = /^[\s\-–—_|:;~•·,/]+/;
const EDGE_JUNK_END = /[\s\-–—_|:;~•·,/]+$/;
// "Song LIVE", "Artist LIVE: Song": capitals make it a note of the upload; a verb before keeps it a word.
const CAPITAL_LIVE = /\s+LIVE!*\s*$/;
const DANCE_WORD = /\s+(?:dance|dancing)$/i;
// "Dubstep Remixes Of …", "Piano Covers", "Acoustic Versions": a collection of versions.
const COLLECTION = /\b(?:remixes|covers|versions|mashups|medleys)\b/i;
// "Me Singing "Song"", "Jane Roe sings Song", "Cat covering Song": someone else performs the song.
const SINGER =
  /^(me|i|my\s+\S+(?:\s+\S+)?|(?:a\s+|my\s+)?(?:cat|dog|baby|kid|girl|boy)|[\p{L}.'’-]+(?:\s+[\p{L}.'’-]+){1,2})\s+(?:sings?|singing|covering|covers|playing|plays)\s+(\S.*)$/iu;
const TRAILING_REACTION = /\s+(?:[-–—|]\s*)?(?:REACTION|[Rr]eaction\s+[Vv]ideo|REACTION\s+VIDEO)!*\s*$/;
const LEADING_REACTION =
  /^(?:(?:my\s+)?first\s+time\s+(?:hearing|listening\s+to|reacting\s+to|watching)|(?:(?:[\p{L}\p{N}.'’]+\s+){0,3})?reacts?\s+to|(?:my\s+)?(?:reacting|reaction)\s+to)\s*[:!|-]*\s*(?=\S)/iu;
const TRAILING_LIVE = /\s+live!*\s*$/i;
const LIVE_AS_VERB =
  /\b(?:to|me|i|we|you|they|who|it|let|will|gonna|wanna|long|still|can|could|would|must|should|shall|might|and)$/i;
const SINGLE_OPEN = new Set(["'", '‘']);
const SINGLE_CLOSE = new Set(["'", '’']);
// Trailing unbracketed variant words that never end a real song title ("song slowed + reverb").
const TRAILING_VARIANT =
  /\s+[-–—]?\s*((?:slowed|sped\s*up|speed\s*up|nightcore|8d\s+audio|reverb)(?:\s*(?:\+|&|and|\/)\s*(?:reverb|slowed|bass\s*boosted))*|cover\s+by\s+.+|(?:official\s+)?remix)\s*$/i;

/**
 * Splits a YouTube title into artist, song title, featured artists and variant. Never throws: bad
 * input gives empty strings. The context (channel, known artists) decides the order of "A - B" and
 * finds the artist in titles without a separator; without it the usual signals decide.
 */
export function parseTitle(input: TitleInput | string, context: TitleContext = {}): ParsedTitle {
  const fields: Partial<TitleInput> = typeof input === 'string' ? { title: input } : isObject(input) ? input : {};
  const known = context.knownArtists ?? fields.knownArtists;
  const collected = emptyCollected();
  const raw = prepareText(separatorsMarked(fields.title));
  const authorArtist = artistFromAuthor(prepareText(context.channel ?? fields.author));
  let text = stripLeadingTags(stripFileExtension(raw), collected);
  text = stripNightcorePrefix(text, collected);

  let artist: string;
  let title: string;
  if (authorArtist.kind === 'topic' && !topicTitleNamesArtist(text, authorArtist.name)) {
    // Topic channels title their videos with the bare song name.
    artist = authorArtist.name;
    title = cleanInto(text, collected);
  } else {
    const order: Order = { authorName: authorArtist.name, known };
    const split = splitArtistTitle(text, order);
    artist = cleanArtist(split.artist, collected);
    if (foldForKey(artist) === 'nightcore') {
      collected.variant ??= { kind: 'nightcore' };
      const again = splitArtistTitle(split.title, order);
      artist = cleanArtist(again.artist, collected);
      split.title = again.title;
      split.rest = [...again.rest, ...split.rest];
    }
    title = cleanInto(split.title, collected, { quoted: split.quoted, artist });
    for (const rest of split.rest) absorbLoose(rest, collected);
    if (artist.length === 0 && authorArtist.kind !== 'none') artist = authorArtist.name;
  }
  if (title.length === 0 && artist.length > 0 && text.length > 0 && foldForKey(text) !== foldForKey(artist)) {
    title = collapseSpaces(text);
  }
  // Nothing readable ("🔥🔥🔥", a bare URL): keep the text itself so that such uploads do not all share one key.
  if (title.length === 0 && artist.length === 0) title = raw || invisibleStripped(fields.title);
  // "TUTORIAL Song - Artist", "Karaoke Covers: ...": a marker anywhere but in the song's own name.
  const strong = collected.variant === null ? STRONG_VERSION.exec(raw) : null;
  if (strong && foldForKey(title) !== foldForKey(strong[0])) collected.variant = detectVariant(strong[0]);
  // A Just Dance "Mashup" is a game mode danced to the original recording.
  if (collected.variant?.kind === 'mashup' && GAME_VIDEO.test(raw)) collected.variant = null;
  artist = preferKnownArtist(artist, known, collected);
  title = singerTaken(title, artist, collected);
  return {
    artist,
    title,
    featuring: dedupeFeaturing(collected.featuring, artist),
    variant: renderVariant(collected.variant, artist),
  };
}

/** "Me Singing "Song"", "Jane Roe sings Song": a cover by the singer (the artist singing is live). */
function singerTaken(title: string, artist: string, collected: Collected): string {
  if (collected.variant !== null) return title;
  // "Adele sings Hello" read with Adele known: the artist on stage.
  const own = artist ? /^(?:sings|performs|performing)\s+(\S.*)$/i.exec(title) : null;
  if (own) {
    collected.variant = { kind: 'live' };
    return collapseSpaces(own[1].replace(/^["“'‘]+|["”'’]+$/g, ''));
  }
  const m = SINGER.exec(title);
  if (!m) return title;
  const singer = m[1];
  const personal = /^(?:me|i|my\s.+|(?:a\s+)?(?:cat|dog|baby|kid|girl|boy))$/i.test(singer);
  if (!personal && !looksLikePersonName(singer) && !sameName(singer, artist)) return title;
  collected.variant = sameName(singer, artist) ? { kind: 'live' } : { kind: 'cover', by: personal ? '' : singer };
  return collapseSpaces(m[2].replace(/^["“'‘]+|["”'’]+$/g, ''));
}

function isObject(value: unknown): value is TitleInput {
  return typeof value === 'object' && value !== null;
}

// "Artist - Title" uploaded by a Topic channel: the title still names the artist.
function topicTitleNamesArtist(text: string, topicName: string): boolean {
  const dash = findDash(text);
  return dash !== null && sameName(text.slice(0, dash.index), topicName);
}

/** The known spelling of the artist; in a credit list, the known name comes first. */
function preferKnownArtist(artist: string, known: ArtistLookup | undefined, collected: Collected): string {
  if (!known || artist.length === 0) return artist;
  const whole = knownSpelling(artist, known);
  if (whole !== null) return whole;
  const native = namedInTwoScripts(artist, known);
  if (native !== null) return native;
  const names = splitArtistList(artist);
  if (names.length < 2) return artist;
  const at = names.findIndex((name) => knownSpelling(name, known) !== null);
  if (at <= 0) return artist;
  collected.featuring.push(...names.filter((_, i) => i !== at));
  return knownSpelling(names[at], known) ?? names[at];
}

/**
 * "周杰倫 Jay Chou", "아이유 IU": a name written in two scripts, one of them known. The known one
 * is the artist; the other half is the same name and goes.
 */
function namedInTwoScripts(artist: string, known: ArtistLookup): string | null {
  const halves =
    /^(\P{Script=Latin}*\p{L}\P{Script=Latin}*?)\s+(\p{Script=Latin}[\p{Script=Latin}\p{N}\s.'’&-]*)$|^(\p{Script=Latin}[\p{Script=Latin}\p{N}\s.'’&-]*?)\s+(\P{Script=Latin}*\p{L}\P{Script=Latin}*)$/u.exec(
      artist.trim(),
    );
  if (!halves) return null;
  const [a, b] = halves[1] !== undefined ? [halves[1], halves[2]] : [halves[3], halves[4]];
  return knownSpelling(a, known) ?? knownSpelling(b, known);
}

/**
 * Cleans a bare song title (as a Topic channel or a catalogue gives it): strips upload fluff, moves
 * featured artists out and reads the variant. `artist` names the performer of an unnamed cover.
 */
export function cleanTitle(text: string, artist = ''): CleanedTitle {
  const collected = emptyCollected();
  const title = cleanInto(stripFileExtension(prepareText(text)), collected);
  return {
    title,
    featuring: dedupeFeaturing(collected.featuring, artist),
    variant: renderVariant(collected.variant, artist),
  };
}

type AuthorKind = 'topic' | 'vevo' | 'official' | 'plain' | 'none';

/** What a channel name says about the artist: "X - Topic" and "XVEVO" are sure, a plain name is a guess. */
export function artistFromAuthor(author: string): { kind: AuthorKind; name: string } {
  const text = author.trim();
  if (text.length === 0) return { kind: 'none', name: '' };
  const topic = /^(.*\S)\s*-\s*topic$/i.exec(text);
  if (topic) return { kind: 'topic', name: topic[1].trim() };
  const vevo = /^(.*\S)\s*vevo$/i.exec(text);
  if (vevo) return { kind: 'vevo', name: decamel(vevo[1]) };
  if (
    /\b(?:records|recordings|music\s+group|entertainment|lyrics|nightcore|vibes|mixes|karaoke|covers|hits|radio|promotions?|label|charts|various\s+artists)\b/i.test(
      text,
    )
  ) {
    return { kind: 'none', name: '' };
  }
  const official =
    /^(.*\S)\s*[-|]?\s*(?:\(official\)|official(?:\s+(?:channel|youtube(?:\s+channel)?|artist\s+channel|music))?|music|tv)$/i.exec(
      text,
    );
  if (official) return { kind: 'official', name: official[1].trim() };
  return { kind: 'plain', name: text };
}

// "TaylorSwift" -> "Taylor Swift"; "AC/DC" and "BTS" are left as they are.
function decamel(name: string): string {
  return name.includes(' ') ? name.trim() : name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').trim();
}

interface Split {
  artist: string;
  title: string;
  quoted: boolean;
  rest: string[];
}

/** What decides the order of "A - B": the channel's artist name and the known artists. */
interface Order {
  authorName: string;
  known?: ArtistLookup;
}

function splitArtistTitle(text: string, order: Order): Split {
  const segments = dropAnnotationSegments(
    splitTopLevel(text, PIPE)
      .map((segment) => segment.trim())
      .filter((segment) => segment.length > 0),
  );
  const dropped = segments.dropped;
  const kept = segments.kept;
  if (kept.length === 0) return { artist: '', title: '', quoted: false, rest: [] };
  const withDash = kept.findIndex((segment) => findDash(segment) !== null);
  if (withDash >= 0) {
    const main = kept[withDash];
    const dash = findDash(main);
    const rest = [...kept.filter((_, i) => i !== withDash), ...dropped];
    if (dash) {
      const left = main.slice(0, dash.index);
      const right = main.slice(dash.index + dash.length);
      // "LiSA 『紅蓮華』 -MUSiC CLiP-", "Song - Official Video": the dash only leads to an annotation.
      // "Song by Artist - Dance": a dance video of the song, when the left names both.
      if ((isOnlyFluff(right) || /^\s*(?:dance|dancing)\s*$/i.test(right)) && findDash(left) === null) {
        const inner = splitArtistTitle(left, order);
        // "India.Arie - Video": with nobody else to credit, a bare word after the dash is the title.
        if (inner.artist.trim() || !/^\s*[\p{L}\p{N}]+\s*$/u.test(right)) {
          return { ...inner, rest: [...inner.rest, right, ...rest] };
        }
      }
      // "Artist Song - Acapella version": the dash only leads to a version of the song.
      if (isVersionNote(right) && findDash(left) === null) {
        const inner = splitArtistTitle(left, order);
        return { ...inner, rest: [...inner.rest, right, ...rest] };
      }
      // "Dubstep Remixes Of Popular Songs - Song - Artist": a collection of versions named first.
      if (findDash(right) !== null && COLLECTION.test(left) && detectVariant(left) !== null) {
        const inner = splitArtistTitle(right, order);
        return { ...inner, rest: [left, ...inner.rest, ...rest] };
      }
      // "Dance Central 3 - Artist - Song", "Guitar Lesson: Artist - Song": a leading annotation.
      // "Just Dance - Lady Gaga" stays the song and its artist: the right side is only the known name.
      const rightNamesSong = findDash(right) !== null || !isOnlyKnownArtist(right, order.known);
      if (
        isNote(left) &&
        rightNamesSong &&
        (findDash(right) !== null || findKnownArtist(right, order.known) !== null)
      ) {
        const inner = splitArtistTitle(right, order);
        return { ...inner, rest: [...inner.rest, left, ...rest] };
      }
      return orient({ artist: left, title: right, quoted: false, rest }, order);
    }
  }
  if (kept.length >= 2) {
    // "Dancer | Artist "Song" | Choreography": the segment with a quoted song names it.
    const quotedAt = kept.findIndex((segment) => (splitOnQuotes(segment)?.artist ?? '').length > 0);
    if (quotedAt > 0) {
      const quoted = splitOnQuotes(kept[quotedAt]);
      if (quoted) return { ...quoted, rest: [...quoted.rest, ...kept.filter((_, i) => i !== quotedAt), ...dropped] };
    }
    if (!hasQuotedTitle(kept[0])) {
      return orient({ artist: kept[0], title: kept[1], quoted: false, rest: [...kept.slice(2), ...dropped] }, order);
    }
  }
  const main = kept[0];
  const rest = [...kept.slice(1), ...dropped];
  const quoted = splitOnQuotes(main);
  if (quoted) {
    const artist = quoted.artist || artistAfterQuote(quoted, order);
    return { ...quoted, artist: artist || order.authorName, rest: [...quoted.rest, ...rest] };
  }
  for (const separator of WEAK_SEPARATORS) {
    const hit = findTopLevel(main, separator)[0];
    if (hit && hit.index > 0) {
      const left = main.slice(0, hit.index);
      const right = main.slice(hit.index + hit.length);
      // "Guitar Cover: Song - Artist": the part before the colon is an annotation.
      if (isNote(left)) return { ...splitArtistTitle(right, order), rest: [left, ...rest] };
      // "Song by: Artist".
      const by = /^(.*\S)\s+by$/i.exec(left);
      if (by && separator === WEAK_SEPARATORS[0]) return { artist: right, title: by[1], quoted: false, rest };
      return orient({ artist: left, title: right, quoted: false, rest }, order);
    }
  }
  const by = splitOnBy(main, order, dropped.length > 0);
  if (by) return { ...by, rest: [...by.rest, ...rest] };
  const credited = splitOnBracketCredit(main, order);
  if (credited) return { ...credited, rest: [...credited.rest, ...rest] };
  const found = splitOnKnownArtist(main, order.known);
  if (found) return { ...found, rest: [...found.rest, ...rest] };
  const named = order.authorName ? null : splitOnNameAtEdge(main);
  if (named) return { ...named, rest: [...named.rest, ...rest] };
  return { artist: order.authorName, title: main, quoted: false, rest };
}

/**
 * "Boyfriend Justin Bieber lyrics", "Justin Bieber Boyfriend Just Dance 4": no separator, but upload
 * words end the title, so the rest is a song and an artist; a person's name at one edge (and not at
 * the other) is the artist.
 */
function splitOnNameAtEdge(text: string): Split | null {
  const cut = tailStart(text);
  if (cut <= 0) return null;
  let body = text.slice(0, cut).trim();
  const rest = [text.slice(cut)];
  const featuring = /\s(?:ft|feat|featuring)\.?\s.*$/i.exec(body);
  if (featuring) {
    rest.unshift(featuring[0]);
    body = body.slice(0, featuring.index);
  }
  const words = body.split(/\s+/);
  // Shortest name first at the start ("Sam Smith Stay With Me"), longest at the end ("… Carly Rae Jepsen").
  const edges = (from: 'start' | 'end'): string[] =>
    (from === 'start' ? [2, 3] : [3, 2])
      .filter((n) => words.length > n)
      .map((n) => (from === 'start' ? words.slice(0, n) : words.slice(-n)).join(' '))
      .filter(looksLikePersonName);
  const first = edges('start').at(0);
  const last = edges('end').at(0);
  if (first !== undefined && last === undefined) {
    return { artist: first, title: body.slice(first.length).trim(), quoted: false, rest };
  }
  if (last !== undefined && first === undefined) {
    return { artist: last, title: body.slice(0, body.length - last.length).trim(), quoted: false, rest };
  }
  return null;
}

/**
 * Pipe segments that are only annotations ("| Choreography", "| Lyrics"), set apart so that the
 * song and the artist are read from the others. The first segment goes only when three or more
 * are left to choose from ("Dancer Choreography | Song | Artist").
 */
function dropAnnotationSegments(segments: string[]): { kept: string[]; dropped: string[] } {
  if (segments.length < 2) return { kept: segments, dropped: [] };
  const kept: string[] = [];
  const dropped: string[] = [];
  segments.forEach((segment, i) => {
    const annotation = (i > 0 || segments.length >= 3) && isNote(segment);
    (annotation ? dropped : kept).push(segment);
  });
  return kept.length > 0 ? { kept, dropped } : { kept: segments, dropped: [] };
}

/** "Song by Artist": only when the artist side is a known artist, the channel, or reads like a name. */
function splitOnBy(text: string, order: Order, annotated: boolean): Split | null {
  // "Song Choreography by X": that "by" credits the upload, not the song.
  const cut = tailStart(text);
  const m = /^(.+?)\s+by\s+(.+)$/i.exec(cut > 0 ? text.slice(0, cut) : text);
  if (!m) return null;
  if (cut > 0) m[2] += text.slice(cut);
  const song = m[1];
  const tail = tailStart(m[2]);
  const credit = tail > 0 ? m[2].slice(0, tail) : m[2];
  const rest = tail > 0 ? [m[2].slice(tail)] : [];
  const known = creditHasKnownArtist(credit, order.known);
  const channel = order.authorName.length > 0 && sameName(credit, order.authorName);
  const looks = looksLikeArtist(withoutBrackets(credit)) && (/\S\s+\S/.test(song.trim()) || annotated || cut > 0);
  if (!known && !channel && !looks) return null;
  if (isCommonWordName(credit) && !known && !channel) return null;
  return { artist: credit, title: song, quoted: false, rest };
}

/** "'Song' Artist Choreography by X", "'Song' Artist Dance": the words after a leading quoted song, up to the upload words. */
function artistAfterQuote(quoted: Split, order: Order): string {
  const after = quoted.rest[0];
  if (!after) return '';
  const tail = tailStart(`x ${after}`);
  let head = (tail > 0 ? `x ${after}`.slice(2, tail) : after)
    .replace(EDGE_JUNK_START, '')
    .replace(/\s+(?:dance|dancing)$/i, '')
    .trim();
  if (head.length === 0) return '';
  // "'Song' Artist Fan Cam": a known name at the start is the artist, the words after it a note.
  const found = findKnownArtist(head, order.known);
  if (found && found.start === 0 && !isCommonWordName(head.slice(0, found.end))) head = head.slice(0, found.end);
  const accepted = creditHasKnownArtist(head, order.known) || looksLikeArtist(head);
  if (!accepted) return '';
  quoted.rest[0] = after.slice(after.indexOf(head) + head.length);
  return head;
}

/** "Song (Artist)", "Song (Artist) lyrics": a bracket that holds nothing but a known artist, the channel or a person's name. */
function splitOnBracketCredit(text: string, order: Order): Split | null {
  const pair = topLevelPairs(text).find((p) => p.openChar === '(' && p.open > 0);
  if (!pair) return null;
  const credit = text.slice(pair.open + 1, pair.close).trim();
  const known = knownSpelling(credit, order.known) !== null;
  const channel = order.authorName.length > 0 && sameName(credit, order.authorName);
  // "Call Me Maybe (Carly Rae Jepsen) lyrics": a person's name alone in the brackets.
  const person = looksLikePersonName(credit) && absorbAnnotation(credit, emptyCollected()) === 'other';
  if (!known && !channel && !person) return null;
  const after = text.slice(pair.close + 1).trim();
  if (after.length > 0 && !isAnnotationTail(after)) return null;
  return { artist: credit, title: text.slice(0, pair.open), quoted: false, rest: after ? [after] : [] };
}

/** No separator at all: a known artist named inside the text splits it ("Song Artist Lyrics"). */
function splitOnKnownArtist(text: string, known: ArtistLookup | undefined): Split | null {
  const found = findKnownArtist(text, known);
  if (!found) return null;
  const before = text.slice(0, found.start).replace(EDGE_JUNK_END, '').trim();
  const after = text
    .slice(found.end)
    .replace(/^['’]s\s/i, ' ')
    .replace(EDGE_JUNK_START, '')
    .trim();
  const afterIsNote = after.length === 0 || isAnnotationTail(after);
  const beforeIsNote = before.length === 0 || isNote(before);
  if (afterIsNote && !beforeIsNote) {
    // "ft. X Lyrics": the featured names stop where the upload words start.
    const cut = tailStart(after);
    const rest = cut > 0 ? [after.slice(0, cut), after.slice(cut)] : [after];
    return { artist: found.name, title: before, quoted: false, rest };
  }
  if (beforeIsNote && after.length > 0) return { artist: found.name, title: after, quoted: false, rest: [before] };
  // Words on both sides that say nothing we know ("Guzheng Artist Song"): keep them in the title.
  return { artist: found.name, title: `${before} ${after}`.trim(), quoted: false, rest: [] };
}

/** "ft. X Lyrics", "(Giang hap)", "Lyrics + traduction", "Dance": featured artists and upload words only. */
function isAnnotationTail(text: string): boolean {
  const feat = /^(?:feat(?:uring)?|ft)\.?\s*/i.exec(text);
  let rest = text;
  if (feat) {
    const tail = tailStart(`x ${text}`);
    rest = tail > 0 ? `x ${text}`.slice(tail) : '';
  }
  rest = rest.replace(/[([{][^)\]}]*[)\]}]/g, ' ').trim();
  // "Song (Artist) Dance", "Song Artist dancing": a dance video after the credit.
  return rest.length === 0 || isOnlyFluff(rest) || tailStart(`x ${rest}`) === 1 || /^(?:dance|dancing)$/i.test(rest);
}

function findDash(text: string): { index: number; length: number } | null {
  const mask = coveredMask(text);
  for (const pattern of DASHES) {
    const hits = findTopLevel(text, pattern, mask).filter(
      (hit) => hit.index > 0 && text.slice(0, hit.index).trim() !== '',
    );
    if (hits.length > 0) return hits[0];
  }
  return null;
}

/** Whether a dash-suffix is nothing but upload words ("-MUSiC CLiP-", "- Official Video"). */
function isOnlyFluff(text: string): boolean {
  const core = text.replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '').trim();
  if (core.length === 0) return true;
  const pair = topLevelPairs(core)[0];
  if (pair && pair.open === 0 && pair.close === core.length - 1) {
    return absorbAnnotation(core.slice(1, -1), emptyCollected()) === 'fluff';
  }
  return stripTrailingFluff(`x ${core}`) === 'x' || tailStart(`x ${core}`) === 1;
}

// Words that make up a version note and nothing else ("Acapella version", "Piano Cover", "Live Session").
const VERSION_NOTE_WORDS = new Set(
  (
    'a an the my our and with version ver vers edition acapella cappella capella acoustic unplugged stripped ' +
    'instrumental inst karaoke live cover covers remix rmx mix edit bootleg piano guitar drum drums violin cello ' +
    'ukulele bass keyboard strings orchestral orchestra sped speed up slowed reverb nightcore 8d audio tutorial ' +
    'lesson lessons easy hd hq official dubstep trap reggae chipmunk chipmunks mashup loop hour hours session ' +
    'demo duet solo only female male japanese english korean spanish'
  ).split(' '),
);

/** A dash suffix that is only a version of the song ("Acapella version", "Piano Cover"), naming nobody. */
function isVersionNote(text: string): boolean {
  const core = withoutBrackets(text).replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '').toLowerCase();
  const words = core.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
  // One word alone may be the song ("Drake - Karaoke"): a note has two or more ("Acapella version").
  if (words.length < 2 || words.length > 5 || !words.every((word) => VERSION_NOTE_WORDS.has(word))) return false;
  return detectVariant(core) !== null;
}

// "Anthony Lee Choreography", "Dance Studio X": a dance credit standing where a name could.
const DANCE_CREDIT =
  /^(?:\S+\s+){0,3}(?:choreo(?:graphy)?|dance(?:\s+(?:studio|crew|class|cover|routine))?)(?:\s+by\s+.+)?$/i;

/** A segment or a prefix that is only an annotation: upload words, or a dance or game credit. */
function isNote(text: string): boolean {
  const core = text.replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '').trim();
  return isOnlyFluff(core) || DANCE_CREDIT.test(core) || GAME_VIDEO.test(core);
}

/**
 * Puts the artist first. "Song - Artist" is turned round when the right side (up to its own dash)
 * is a known artist, the channel, or reads like a name while the left reads like a song; and for
 * `"Title" - Artist`.
 */
function orient(split: Split, order: Order): Split {
  const left = split.artist.trim();
  const right = split.title.trim();
  const rightDash = findDash(right);
  const head = rightDash ? right.slice(0, rightDash.index).trim() : right;
  const headTail = tailStart(head);
  // "Payphone - Maroon 5 Official Music Video", "Boyfriend - Justin Bieber HD": upload words after the name.
  const headName = stripTrailingFluff(headTail > 0 ? head.slice(0, headTail) : head);
  const headNote = head.slice(headName.length).trim();
  const tail = rightDash ? right.slice(rightDash.index) : '';
  const swapped = {
    ...split,
    artist: headName,
    title: `${left}${tail}`,
    rest: headNote ? [headNote, ...split.rest] : split.rest,
  };
  const leftQuoted = isWhollyQuoted(left);
  if (leftQuoted && !isWhollyQuoted(right)) return { ...split, artist: right, title: left };
  const known = order.known;
  if (known) {
    if (creditHasKnownArtist(left, known)) return split;
    if (creditHasKnownArtist(headName, known)) return swapped;
    // "Song - Artist Dance", "SONG - ARTIST DANCE": a dance video of the song.
    const dance = DANCE_WORD.exec(headName);
    if (dance && creditHasKnownArtist(headName.slice(0, dance.index), known)) {
      return { ...swapped, artist: headName.slice(0, dance.index), rest: [...split.rest, dance[0].trim()] };
    }
  }
  const author = order.authorName;
  if (author) {
    if (sameName(left, author)) return split;
    if (sameName(head, author) || sameName(right, author)) return swapped;
  }
  // "Artist ft. X - Song": the side with the featured artists is the artist's.
  if (/\s(?:feat(?:uring)?|ft)\.?\s/i.test(` ${left} `)) return split;
  const name = withoutBrackets(headName);
  if (artistOnRight(left, name) && !isCommonWordName(name)) return swapped;
  return split;
}

/** "Lady Gaga (Lyrics)": a known name and upload words, but no song ("Katy Perry (Part Of Me)"). */
function isOnlyKnownArtist(text: string, known: ArtistLookup | undefined): boolean {
  const tail = tailStart(text);
  const head = tail > 0 ? text.slice(0, tail) : text;
  const names = topLevelPairs(head).some(
    (pair) => absorbAnnotation(head.slice(pair.open + 1, pair.close), emptyCollected()) === 'other',
  );
  return !names && creditHasKnownArtist(withoutBrackets(head), known);
}

function withoutBrackets(text: string): string {
  return collapseSpaces(text.replace(/[([{【][^)\]}】]*[)\]}】]/g, ' '));
}

function sameName(a: string, b: string): boolean {
  const fa = foldForKey(a);
  const fb = foldForKey(b);
  return fa.length > 0 && fa === fb;
}

function isWhollyQuoted(text: string): boolean {
  const pair = topLevelPairs(text)[0];
  return pair !== undefined && pair.open === 0 && pair.close === text.length - 1 && QUOTE_OPENERS.has(pair.openChar);
}

function hasQuotedTitle(text: string): boolean {
  return findQuote(text) !== null;
}

/** `Artist "Title" M/V`, `Artist「Title」`, `BTS 'Dynamite' Official MV`, `"Title" by Artist`. */
function splitOnQuotes(text: string): Split | null {
  const quote = findQuote(text);
  if (!quote) return null;
  const before = text.slice(0, quote.open).replace(EDGE_JUNK_END, '').trim();
  const inner = text.slice(quote.open + 1, quote.close);
  const after = text.slice(quote.close + 1).trim();
  // "How to Play "Song" by Artist": words before the quote that are an annotation name nobody.
  if (before.length > 0 && !isNote(before)) {
    // "Artist performs "Song" at X": a stage performance.
    const performs = /^(.*\S)\s+(?:performs?|performing|sings?|singing)$/i.exec(before);
    if (performs) return { artist: performs[1], title: inner, quoted: true, rest: ['live', after] };
    return { artist: before, title: inner, quoted: true, rest: after ? [after] : [] };
  }
  const note = before.length > 0 ? [before] : [];
  const by = /^[-–—,]?\s*by\s+(.+)$/i.exec(after);
  if (by) return { artist: by[1], title: inner, quoted: true, rest: note };
  // The text after the quote stays first: it may name the artist ("'Song' Artist").
  return { artist: '', title: inner, quoted: true, rest: [after, ...note] };
}

function findQuote(text: string): { open: number; close: number } | null {
  const double = topLevelPairs(text).find(
    (pair: Pair) => pair.close > pair.open + 1 && (QUOTE_OPENERS.has(pair.openChar) || isLenticularTitle(text, pair)),
  );
  const single = findSingleQuoted(text);
  if (double && single) return double.open < single.open ? double : single;
  return double ?? single;
}

// Chinese and Japanese uploads often put the song in lenticular brackets: "周杰倫 Jay Chou【告白氣球】".
function isLenticularTitle(text: string, pair: Pair): boolean {
  return (
    pair.openChar === '【' &&
    pair.open > 0 &&
    absorbAnnotation(text.slice(pair.open + 1, pair.close), emptyCollected()) === 'other'
  );
}

/** A single-quoted span that is not an apostrophe: "4MINUTE - 'Volume Up'" but not "Rock 'n' Roll". */
function findSingleQuoted(text: string, onlyAtStart = false): { open: number; close: number } | null {
  for (let i = 0; i < text.length; i++) {
    if (!SINGLE_OPEN.has(text[i])) continue;
    const prev = i === 0 ? ' ' : text[i - 1];
    if (!/[\s([:\-–—]/.test(prev) || !/\S/.test(text[i + 1] ?? ' ')) {
      if (onlyAtStart) return null;
      continue;
    }
    for (let j = i + 1; j < text.length; j++) {
      if (!SINGLE_CLOSE.has(text[j])) continue;
      const next = text[j + 1] ?? ' ';
      if (!/[\s)\].,!?:;\-–—]/.test(next) || /\s/.test(text[j - 1])) continue;
      if (j - i - 1 >= 2) return { open: i, close: j };
      break;
    }
    if (onlyAtStart) return null;
  }
  return null;
}

/** Leading "[MV]", "【MV】", "(Official Video)", "MV_" tags; a variant among them ("[Nightcore]") is kept. */
function stripLeadingTags(text: string, collected: Collected): string {
  let current = text.trim();
  for (let guard = 0; guard < 5; guard++) {
    const prefix = /^(?:mv|m\/v|pv)\s*[_:\-–|]\s*/i.exec(current);
    if (prefix && current.length > prefix[0].length) {
      current = current.slice(prefix[0].length).trim();
      continue;
    }
    // "Just Dance 4 Song Artist", "Dance Central 3 Artist Song": the game, then the song it plays.
    const game =
      /^(?:just\s+dance\s+(?:\d{1,4}|unlimited|now|kids|wii)|dance\s+central(?:\s+\d)?)(?:\s*\([^)]*\))?\s*(?:[-:|]\s*)?(?=\S)/i.exec(
        current,
      );
    if (game) {
      current = current.slice(game[0].length).trim();
      continue;
    }
    // "Lyrics: Artist - Song", "[Lyrics] …": the upload's words first.
    const words = /^(?:lyrics?|letra|paroles|testo|songtext|lyric\s+video)\s*[:|]\s*(?=\S)/i.exec(current);
    if (words) {
      current = current.slice(words[0].length).trim();
      continue;
    }
    // "FIRST TIME HEARING Artist - Song", "Vocal Coach Reacts to …": someone listening to the song.
    const reaction = LEADING_REACTION.exec(current);
    if (reaction && current.length > reaction[0].length) {
      collected.variant ??= { kind: 'reaction' };
      current = current.slice(reaction[0].length).trim();
      continue;
    }
    // "Piano Tutorial: Song - Artist", "Guitar Cover: …", "Karaoke: …".
    const version =
      /^((?:[\p{L}\p{N}]+\s+){0,2}(?:covers?|tutorial|lessons?|karaoke))\s*:\s*(?=\S)|^(tutorial|karaoke|synthesia)\s+(?=\S)/iu.exec(
        current,
      );
    if (version) {
      absorbAnnotation(version[1] ?? version[2], collected);
      current = current.slice(version[0].length).trim();
      continue;
    }
    const pair = topLevelPairs(current)[0];
    if (!pair || pair.open !== 0 || QUOTE_OPENERS.has(pair.openChar)) break;
    const after = current.slice(pair.close + 1).replace(EDGE_JUNK_START, '');
    if (after.trim().length === 0) break;
    const content = current.slice(1, pair.close);
    // "(G)I-DLE" starts with a bracket too: only drop round brackets that are clearly tags.
    if (pair.openChar === '(' && absorbAnnotation(content, emptyCollected()) === 'other') break;
    // "[Electro] - Artist - Song": a label's genre tag, not a version.
    if (!GENRE_ALONE.test(content.trim())) absorbAnnotation(content, collected);
    current = after.trim();
  }
  return current.replace(EDGE_JUNK_START, '');
}

function stripNightcorePrefix(text: string, collected: Collected): string {
  const m = /^nightcore\s*[-–—:|]\s*(?=\S)/i.exec(text);
  if (!m) return text;
  collected.variant ??= { kind: 'nightcore' };
  return text.slice(m[0].length);
}

/** Artist part: drops "[핫펠트(예은)]", "[@handle]", quotes; moves "feat. X" out. */
function cleanArtist(text: string, collected: Collected): string {
  let artist = text.trim();
  for (const pair of topLevelPairs(artist).reverse()) {
    const content = artist.slice(pair.open + 1, pair.close);
    const kind = absorbAnnotation(content, collected);
    if (pair.openChar === '(' && kind === 'other') continue;
    if (QUOTE_OPENERS.has(pair.openChar) && kind === 'other') continue;
    artist = artist.slice(0, pair.open) + ' ' + artist.slice(pair.close + 1);
  }
  artist = artist.replace(/(?:^|\s)@[\w.]+/g, ' ');
  artist = cutTail(artist, collected);
  // "Adele LIVE: Song", "Artist Live - Song": the artist's stage recording.
  const live = TRAILING_LIVE.exec(artist);
  if (live && live.index > 0 && !LIVE_AS_VERB.test(artist.slice(0, live.index).trim())) {
    collected.variant ??= { kind: 'live' };
    artist = artist.slice(0, live.index);
  }
  const inline = splitInlineFeaturing(collapseSpaces(artist));
  collected.featuring.push(...inline.featuring);
  artist = inline.rest.replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '');
  if (isWhollyQuoted(artist) || /^'.+'$/.test(artist)) artist = artist.slice(1, -1);
  // "米津玄師 MV「Lemon」": the tag sits between artist and title.
  artist = artist.replace(/\s+(?:official\s+)?(?:mv|m\/v|pv)$/i, '');
  return collapseSpaces(artist);
}

/** Annotations outside the title ("M/V", "Dance Practice (Crazy Ver.)", "| Live at X"): kept only if they tell something. */
function absorbLoose(text: string, collected: Collected): void {
  const pairs = topLevelPairs(text);
  for (const pair of pairs) absorbAnnotation(text.slice(pair.open + 1, pair.close), collected);
  let rest = text;
  for (const pair of [...pairs].reverse()) rest = rest.slice(0, pair.open) + ' ' + rest.slice(pair.close + 1);
  const plain = collapseSpaces(rest).replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '');
  if (plain.length > 0) absorbAnnotation(plain, collected, { loose: true });
}

/** The song title part: quotes, dash-suffixes, bracket annotations, inline featuring, trailing fluff. */
function cleanInto(text: string, collected: Collected, options: { quoted?: boolean; artist?: string } = {}): string {
  const start = text.replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '').trim();
  if (start.length === 0) return '';

  if (!options.quoted) {
    const quoted = leadingQuote(start);
    if (quoted) {
      const title = cleanInto(quoted.inner, collected, { ...options, quoted: true });
      if (quoted.after.trim()) absorbLoose(quoted.after, collected);
      return title;
    }
  }

  // Pipe suffixes ("Song | Official Video") and dash suffixes ("Song - Remastered 2011").
  const [beforePipe, ...pipeRest] = splitTopLevel(start, PIPE);
  for (const extra of pipeRest) absorbLoose(extra, collected);
  const segments = splitTopLevel(beforePipe, SPACED_DASH);
  segments[0] = cutTail(segments[0], collected);
  const inlineFirst = splitInlineFeaturingBeforeBrackets(segments[0]);
  // Left to right, so that the first variant marker wins.
  let main = stripAnnotations(inlineFirst.rest, collected);
  collected.featuring.push(...inlineFirst.featuring);
  if (inlineFirst.tail) absorbLoose(inlineFirst.tail, collected);
  for (const segment of segments.slice(1)) {
    // "Hymn For The Weekend - Coldplay": the artist repeated after the title.
    if (options.artist && foldForKey(segment) === foldForKey(options.artist)) continue;
    const kind = absorbAnnotation(stripBrackets(segment), collected, { loose: topLevelPairs(segment).length === 0 });
    if (kind === 'other') main = `${main} - ${stripAnnotations(segment, collected)}`;
  }

  const inline = splitInlineFeaturing(main);
  if (inline.featuring.length > 0) {
    collected.featuring.push(...inline.featuring);
    main = stripAnnotations(inline.rest, collected);
  }
  // "Song dance", "Song dancing" in lower case after a capitalised title: a dance video of the song.
  const dance = /\s+(?:dance|dancing)$/.exec(main);
  if (dance && /\p{Lu}/u.test(main.slice(0, dance.index))) main = main.slice(0, dance.index);
  // "Song LIVE" in capitals after a title that is not: a stage recording ("Let Me Live" stays a song).
  // In an upload that names the artist apart, "Song Live" is a stage recording as well.
  const live = (options.artist ? TRAILING_LIVE : CAPITAL_LIVE).exec(main);
  const beforeLive = live ? main.slice(0, live.index).trim() : '';
  const counts = options.artist ? true : /\p{Ll}/u.test(beforeLive);
  if (live && live.index > 0 && counts && !LIVE_AS_VERB.test(beforeLive) && /\S\s+\S/.test(beforeLive)) {
    collected.variant ??= { kind: 'live' };
    main = main.slice(0, live.index);
  }
  // "Song REACTION", "Song reaction video": "Chain Reaction" stays a song.
  const reaction = TRAILING_REACTION.exec(main);
  if (reaction && reaction.index > 0) {
    collected.variant ??= { kind: 'reaction' };
    main = main.slice(0, reaction.index);
  }
  const trailing = TRAILING_VARIANT.exec(main);
  if (trailing && trailing.index > 0) {
    const variant = detectVariant(trailing[1]);
    if (variant) {
      collected.variant ??= variant;
      main = main.slice(0, trailing.index);
    }
  }
  main = stripHashtags(stripTrailingFluff(collapseSpaces(main)));
  main = main.replace(/\(\s*\)|\[\s*\]|【\s*】/g, ' ');
  main = collapseSpaces(main).replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '');
  main = trimStrayQuotes(main.replace(/^[;:]+|[;:]+$/g, '').trim());
  if (main.length === 0) return collapseSpaces(start.replace(/^[\s"“”'‘’]+|[\s"“”'‘’]+$/g, ''));
  return main;
}

/** Moves an unbracketed tail of upload words ("… lyrics HD", "… Piano Tutorial") out of a title or credit. */
function cutTail(text: string, collected: Collected): string {
  const at = tailStart(text);
  if (at < 0) return text;
  absorbLoose(text.slice(at).replace(EDGE_JUNK_START, ''), collected);
  return text.slice(0, at);
}

/** Drops a quote mark at either end that has no partner ("Track Title\"" -> "Track Title"). */
function trimStrayQuotes(text: string): string {
  let out = text;
  const covered = new Set(topLevelPairs(out).flatMap((pair) => [pair.open, pair.close]));
  if (/^["“”]/.test(out) && !covered.has(0)) out = out.slice(1);
  const last = out.length - 1;
  const coveredNow = new Set(topLevelPairs(out).flatMap((pair) => [pair.open, pair.close]));
  if (/["“”]$/.test(out) && !coveredNow.has(last)) out = out.slice(0, last);
  return out.trim();
}

function stripBrackets(segment: string): string {
  const pair = topLevelPairs(segment)[0];
  if (pair && pair.open === 0 && pair.close === segment.trim().length - 1) return segment.slice(1, pair.close);
  return segment;
}

function leadingQuote(text: string): { inner: string; after: string } | null {
  const pair = topLevelPairs(text)[0];
  if (pair && pair.open === 0 && QUOTE_OPENERS.has(pair.openChar) && pair.close > 1) {
    return { inner: text.slice(1, pair.close), after: text.slice(pair.close + 1) };
  }
  const single = findSingleQuoted(text, true);
  if (single && single.open === 0) return { inner: text.slice(1, single.close), after: text.slice(single.close + 1) };
  return null;
}

/** Removes bracketed annotations that are fluff, featuring or variant; keeps "(in C for Two Virgins)". */
function stripAnnotations(text: string, collected: Collected): string {
  const pairs = topLevelPairs(text).filter((pair) => !QUOTE_OPENERS.has(pair.openChar));
  // Classify left to right (the first variant wins), then cut right to left (indices stay valid).
  const kinds = pairs.map((pair) => absorbAnnotation(text.slice(pair.open + 1, pair.close), collected));
  let out = text;
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i];
    const kind = kinds[i];
    const content = text.slice(pair.open + 1, pair.close);
    if (kind === 'other' && !isBracketTag(pair.openChar, content)) continue;
    const candidate = out.slice(0, pair.open) + ' ' + out.slice(pair.close + 1);
    if (kind === 'other' && candidate.trim().length === 0) continue;
    out = candidate;
  }
  return collapseSpaces(out);
}

// Lenticular brackets, and square brackets around a translation ("[넘버나인]") or a label tag
// ("[NCS Release]"), are tags of the upload rather than part of the song name.
const LABEL_TAG =
  /\b(?:release|records|monstercat|ncs|no\s+copyright|copyright\s+free|free\s+to\s+use|bass\s+boosted|1\s+hour|10\s+hours?|loop)\b/i;

function isBracketTag(openChar: string, content: string): boolean {
  if (openChar === '【' || openChar === '〔') return true;
  if (openChar !== '[') return false;
  return !/\p{Script=Latin}/u.test(content) || LABEL_TAG.test(content);
}

function dedupeFeaturing(featuring: readonly string[], artist: string): string[] {
  const seen = new Set<string>([foldForKey(artist)]);
  const out: string[] = [];
  for (const name of featuring) {
    const key = foldForKey(name);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
