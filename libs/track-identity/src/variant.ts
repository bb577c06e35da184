import { GAME_VIDEO } from './markers';

// Names of versions that \b cannot find or English words do not cover, in table order (lessons
// first): Japanese, Korean and Chinese ("歌ってみた", "커버", "翻唱"), then Russian, Turkish, Polish,
// German and Dutch ("кавер", "Canlı", "Coverversion", "na żywo").
const NAMED_VARIANTS: ReadonlyArray<[RegExp, string]> = [
  [/弾き方|叩き方|教學|教学|講座|강좌|레슨/, 'tutorial'],
  [/歌ってみた|弾いてみた|叩いてみた|吹いてみた|翻唱|翻自|커버/, 'cover'],
  [/カラオケ|노래방|卡拉\s*OK/i, 'karaoke'],
  [/伴奏|純音樂|纯音乐|インスト|반주/, 'instrumental'],
  [/ライブ|라이브|現場|现场|演唱[會会]/, 'live'],
  [/ピアノ|피아노|鋼琴|钢琴|ギター|吉他|オルゴール|오르골/, 'acoustic'],
  [/(?<!\p{L})(?:кавер(?:-версия)?|coverversion|przer[óo]bka)(?!\p{L})/iu, 'cover'],
  [/(?<!\p{L})(?:караоке)(?!\p{L})/iu, 'karaoke'],
  [/(?<!\p{L})(?:минусовка|минус|инструментал|altyap[ıi]|podk[łl]ad(?:\s+muzyczny)?)(?!\p{L})/iu, 'instrumental'],
  [/(?<!\p{L})(?:canl[ıi](?:\s+performans)?|na\s+[żz]ywo|живое\s+выступление|концерт)(?!\p{L})/iu, 'live'],
  [/(?<!\p{L})(?:акустика|акустическая\s+версия|akustyczn\w*|akoestisch\w*)(?!\p{L})/iu, 'acoustic'],
];
import { foldForKey } from './normalise';

/**
 * What makes a recording a different song. `none` is the studio original (remasters, radio edits,
 * extended mixes, clean/explicit and re-recordings all count as the original); the others are:
 * `live`, `remix:<by>` (or `remix`), `cover:<by>`, `acoustic`, `instrumental`, `acapella`,
 * `sped-up`, `slowed`, `nightcore`, `8d`, `bass-boosted`, `reversed`, `pitched`, `karaoke`, `demo`,
 * `language:<name>`, and uploads that are not a recording of the song at all: `tutorial`, `loop`,
 * `mashup`, `chipmunk`, `freestyle`, `parody`, `reaction` and `about` (a review, interview or making-of).
 */
export type Variant = string;

export const NO_VARIANT: Variant = 'none';

/** A variant found in a piece of text; a cover whose performer is not named gets the track's artist later. */
export interface VariantHit {
  kind: string;
  by?: string;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'english',
  eng: 'english',
  en: 'english',
  japanese: 'japanese',
  jap: 'japanese',
  jpn: 'japanese',
  jp: 'japanese',
  korean: 'korean',
  kor: 'korean',
  kr: 'korean',
  chinese: 'chinese',
  chn: 'chinese',
  cn: 'chinese',
  mandarin: 'chinese',
  spanish: 'spanish',
  french: 'french',
  german: 'german',
  italian: 'italian',
  portuguese: 'portuguese',
  thai: 'thai',
  vietnamese: 'vietnamese',
  indonesian: 'indonesian',
  russian: 'russian',
  tagalog: 'tagalog',
  hindi: 'hindi',
};

const LANGUAGE = new RegExp(`\\b(${Object.keys(LANGUAGE_NAMES).join('|')})\\.?\\s*(?:ver(?:sion|s)?\\b\\.?)`, 'i');
// The language of a sung version in its own words: "Versión en Español", "Versão em Português",
// "Versione Italiana", "Version Française", "Deutsche Version", "Auf Deutsch".
const NATIVE_LANGUAGES: ReadonlyArray<[RegExp, string]> = [
  [/espa[nñ]ol[a]?|castellano/, 'spanish'],
  [/portugu[eê]s[a]?|brasileir[oa]/, 'portuguese'],
  [/italian[oa]/, 'italian'],
  [/fran[cç]ais[e]?/, 'french'],
  [/deutsch(?:e[nr]?)?/, 'german'],
  [/ingl[eé]s|inglese|englisch|anglais/, 'english'],
  [/japon[eé]s|japonais[e]?|japanisch(?:e)?|giapponese/, 'japanese'],
  [/corean[oa]|cor[eé]en(?:ne)?|koreanisch(?:e)?/, 'korean'],
];
const NATIVE = NATIVE_LANGUAGES.map(([pattern]) => pattern.source).join('|');
const VERSION_WORD = String.raw`versi[oó]n|vers[aã]o|versione|version|ver\.?`;
const NATIVE_VERSION = new RegExp(
  String.raw`\b(?:(?:${VERSION_WORD})\s+(?:(?:en|em|in|auf)\s+)?(${NATIVE})|(${NATIVE})\s+(?:${VERSION_WORD}))(?![\p{L}])|^auf\s+(deutsch)\b`,
  'iu',
);
// Lyrics, subtitles and translations name the language of the text on screen, not of the song.
const ON_SCREEN_TEXT =
  /\b(?:lyrics?|letras?|paroles|testo|songtext|legendad[oa]|legendas?|subtitulad[oa]|subt[ií]tulos|subs?|sottotitoli|sous-titres|tradu\w*|[uü]bersetz\w*|translat\w*|vietsub|engsub)\b/i;

function languageVersion(text: string): VariantHit | null {
  const language = LANGUAGE.exec(text);
  if (language) return { kind: 'language', by: LANGUAGE_NAMES[language[1].toLowerCase()] };
  if (ON_SCREEN_TEXT.test(text)) return null;
  const native = NATIVE_VERSION.exec(text);
  if (!native) return null;
  const word = (native[1] ?? native[2] ?? native[3]).toLowerCase();
  const found = NATIVE_LANGUAGES.find(([pattern]) => new RegExp(`^(?:${pattern.source})$`, 'u').test(word));
  return { kind: 'language', by: found?.[1] ?? 'other' };
}

// Acoustic in several languages; a fingerstyle arrangement is played on an acoustic guitar.
const ACOUSTIC =
  /\bacoustic\b|\bunplugged\b|\bstripped\b|\bpiano\s+(?:version|ver)\b|\bac[uú]stic[oa]\b|\bacoustique\b|\bakustik\b|\bfingerstyle\b/i;
// Mixes that are the original recording, only longer or shorter: not a remix.
const PLAIN_MIX =
  /\b(?:original|extended|radio|album|single|main|clean|dirty|explicit|stereo|mono|short|full|12"|7"|12 inch|7 inch)\s+(?:mix|edit)\b/i;
const REMIX_WORD = /\b(?:re-?mix(?:ed|es)?|rmx|bootleg|rework|flip|vip|mix)\b/i;
const GENERIC_REMIXERS = new Set(['official', 'new', 'the', 'club', 'dance', 'house', 'dub', 'edm', 'trap', 'dj', 'a']);
// An annotation that starts with "Live" is a live recording ("(Live Aid 1985)", "[LIVE]"), unless it
// reads like a song name ("(Live Forever)"); "... Live" and "Live at/from/@ ..." anywhere count too.
/**
 * A day written loose after the song ("The Fillmore 4.15.12", "Wrigley Field 2016-08-20"): a
 * recording of that night. In brackets a date is an upload or release note ("(Video 2/12/18)").
 */
export const CONCERT_DATE =
  /(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})(?![\d.])/;
const LIVE =
  /\blive\s+by\b|^live\b(?!\s+(?:forever|your|my|and|to|like|while|it|this|that|for|life|love|wire|laugh|again|free|long|die)\b)|\blive(?:\s+(?:at|from|in|on|@)\s+\S|\s+(?:session|sessions|performance|recording|lounge|version|ver)\b|\s*@\s*\S|$)|\b(?:en vivo|ao vivo|en directo|dal vivo|en concierto|in concert|concert|showcase|fan\s?cam|soundcheck|rehearsal)\b|직캠|(?<=\S\s)sessions?\b|^@\s+\S|\b(?:world|arena|stadium|farewell|reunion|summer|winter|spring|fall|autumn|european|american|asian|latin|uk|us|north\s+american)\s+tour\b|\btour\s+(?:(?:19|20)\d{2}|live)\b|(?<!\b(?:official|dance|music)\s)(?<=\S\s)performance\b(?!\s+(?:video|ver\b|version|edit))/i;

/**
 * Television shows, award nights, radio sessions and festivals named in an annotation: a performance
 * there ("(X Factor)", "- The Voice 2012", "(BRIT Awards 2012)", "(Jimmy Kimmel)", "(Glastonbury 2016)").
 */
const STAGE =
  /\b(?:x\s+factor|the\s+voice|got\s+talent|american\s+idol|letterman|fallon|kimmel|ellen\s+show|snl|saturday\s+night\s+live|today\s+show|good\s+morning\s+america|graham\s+norton|jools\s+holland|tonight\s+show|late\s+(?:late\s+)?show|conan|grammys|grammy\s+awards|(?:at|on)\s+the\s+grammy|on\s+ellen|brit\s+awards|brits|vmas?|amas|billboard\s+music\s+awards|bbmas|teen\s+choice|kids['’]?\s+choice|kcas?|music\s+awards|awards\s+(?:show|(?:19|20)\d{2})|jingle\s+ball|iheart(?:radio)?|summertime\s+ball|wango\s+tango|glastonbury|coachella|lollapalooza|rock\s+in\s+rio|reading\s+festival|festival\s+(?:19|20)\d{2}|tiny\s+desk|kexp|kcrw|colors\s+show|like\s+a\s+version|spotify\s+singles|austin\s+city\s+limits|mtv\s+(?:awards|ema|vma)|tv\s+show|on\s+tv)\b/i;

/** Finds a variant marker in an annotation ("(Live at Wembley)", "[Moby Remix]", "- Acoustic"). */
export function detectVariant(annotation: string): VariantHit | null {
  const text = annotation.trim();
  if (text.length === 0) return null;
  // A tutorial's audio is a lesson, a loop or mashup is another upload; game videos keep the original.
  if (TUTORIAL.test(text)) return { kind: 'tutorial' };
  const named = NAMED_VARIANTS.find(([pattern]) => pattern.test(text));
  if (named) return { kind: named[1] };
  if (GAME_VIDEO.test(text)) return null;
  if (LOOP.test(text)) return { kind: 'loop' };
  if (/\bmash[\s-]?ups?\b|\bmegamix\b|\bmedley\b/i.test(text)) return { kind: 'mashup' };
  if (/\bchipmunks?\b|\bchipmunked\b/i.test(text)) return { kind: 'chipmunk' };
  // "(but it's a bossa nova)", "(but you're in a bathroom at a party)": an edit of the recording.
  // "(But I Won't Do That)" is part of a song's name.
  if (/^but\s+(?:it['’]?s|its|it\s+gets|you['’]?re|you\s+are|every\s+time|in\s|with\s)/i.test(text))
    return { kind: 'remix' };
  if (/\bfree\s?style\b/i.test(text)) return { kind: 'freestyle' };
  // "(Parody)" is another song on the same tune; "(Parody of X by Y)" only credits the tune.
  if (/\bparod(?:y|ia|ie)\b(?!\s+of\b)/i.test(text) && !/\bparody\s+of\b/i.test(text)) return { kind: 'parody' };
  if (/\bkaraoke\b|\bsing[\s-]?along\b|\bminus one\b/i.test(text)) return { kind: 'karaoke' };
  if (/\bnightcore\b/i.test(text)) return { kind: 'nightcore' };
  if (/\bsped[\s-]*up\b|\bspeed(?:ed)?[\s-]*up\b/i.test(text)) return { kind: 'sped-up' };
  if (/\bslowed\b|\breverb(?:ed)?\b|\bdaycore\b/i.test(text)) return { kind: 'slowed' };
  if (/\b8d\b/i.test(text)) return { kind: '8d' };
  if (
    /\binstrumental\b|\boff[\s-]?vocal\b|\binst\b\.?|\bbacking track\b|\b(?:no|without)\s+vocals?\b|\bplayback\b|^(?:beat(?:\s+g[ốo]c|\s+chu[ẩa]n)?|mr)$/i.test(
      text,
    )
  ) {
    return { kind: 'instrumental' };
  }
  // "MR 제거": the backing track (MR) taken out, the voice left.
  if (/\ba[\s-]?cap+el+a\b|\bvocals?\s+only\b|\bmr\s*(?:제거|removed)/i.test(text)) return { kind: 'acapella' };
  const remix = detectRemix(text) ?? genreVersion(text) ?? performedVersion(text);
  if (remix) return remix;
  const cover = detectCover(text);
  if (cover) return cover;
  // Other audio effects over the recording: louder bass, played backwards, shifted pitch.
  if (/\bbass[\s-]?boost(?:ed)?\b|\bear[\s-]?rape\b/i.test(text)) return { kind: 'bass-boosted' };
  if (/\breversed\b|\bin\s+reverse\b|\bbackwards\b/i.test(text)) return { kind: 'reversed' };
  if (/\bpitch(?:ed)?(?:\s+(?:up|down))?\b/i.test(text)) return { kind: 'pitched' };
  const instrument = instrumentVersion(text);
  if (instrument) return instrument;
  // Someone watching the song, or talking about it, is not the song.
  if (/\breaction\b|\breact(?:s|ing)\s+to\b|\bfirst\s+time\s+hearing\b/i.test(text)) return { kind: 'reaction' };
  if (ABOUT_THE_SONG.test(text)) return { kind: 'about' };
  if (LIVE.test(text) || STAGE.test(text)) return { kind: 'live' };
  if (ACOUSTIC.test(text)) return { kind: 'acoustic' };
  if (/\bdemo\b/i.test(text)) return { kind: 'demo' };
  return languageVersion(text);
}

function detectRemix(text: string): VariantHit | null {
  const withoutPlain = text.replace(PLAIN_MIX, ' ');
  const word = REMIX_WORD.exec(withoutPlain);
  if (!word) return namedEdit(text);
  const byAfter = /\b(?:re-?mix(?:ed)?|rmx|mix|rework)\s+by\s+(.+)$/i.exec(withoutPlain);
  if (byAfter) return remixBy(byAfter[1]);
  const before = withoutPlain
    .slice(0, word.index)
    .replace(/['’]s\s*$/i, '')
    .replace(/\b(?:official|the|new)\b/gi, ' ')
    .replace(/^[\s\-–—:|/]+|[\s\-–—:|/]+$/g, '');
  return remixBy(before);
}

// "(Robin Schulz Radio Edit)" is Robin Schulz's remix, cut for radio; "(2015 Radio Edit)" is not.
function namedEdit(text: string): VariantHit | null {
  const plain = PLAIN_MIX.exec(text);
  if (!plain) return null;
  const name = text
    .slice(0, plain.index)
    .replace(/\b(?:official|the|new|original|\d+)\b/gi, ' ')
    .replace(/[^\p{L}\p{N}&.'’ -]/gu, ' ')
    .trim();
  return name.length > 0 ? remixBy(name) : null;
}

function remixBy(name: string): VariantHit {
  const cleaned = name
    .replace(/\b(?:remix|mix|edit)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0 || GENERIC_REMIXERS.has(cleaned.toLowerCase())) return { kind: 'remix' };
  return { kind: 'remix', by: cleaned };
}

// Videos about a song: a review, an interview, a making-of, an analysis.
const ABOUT_THE_SONG =
  /\b(?:song\s+|album\s+)?review\b|\binterview\b|\bbehind\s+the\s+scenes\b|\bmaking\s+of\b|\bexplained\b|\bbreakdown\b|\banalysis\b|\bdocumentary\b|\bcommentary\b|\bgenius\s+verified\b|\bbreaks?\s+down\b/i;

// "Dance Cover" copies the dance: the audio is the original recording.
const DANCE_COVER = /\bdance\s+cover(?:s|ed)?\b|\bcover\s+dance\b/gi;

// "(Glee Cast Version)": a show's cast sings it.
const CAST_VERSION = /^(?:the\s+)?(.+?\s+cast)(?:\s+(?:version|ver\.?|recording))?$/i;

function detectCover(annotation: string): VariantHit | null {
  const cast = CAST_VERSION.exec(annotation.trim());
  if (cast) return { kind: 'cover', by: cast[1] };
  const text = annotation.replace(DANCE_COVER, ' ');
  if (
    !/\bcover(?:ed|s|ing)?\b|\boriginally\s+(?:performed|sung|by)\b|\bopb\b|\bplaythrough\b|\bremake\b|\breprise\b|^tribute$|\btribute\s+(?:version|band|cover)\b/i.test(
      text,
    )
  )
    return null;
  // "cover by J.Fla", "covered by X": the performer is named. "(a Mazzy Star cover)" and
  // "(cover of The Police)" name the original artist, so the performer is the track's artist.
  const by = /\b(?:cover(?:ed)?|sung|performed)\s+by\s+(.+)$/i.exec(text);
  if (by && !/\boriginally\b|\bopb\b/i.test(text)) return { kind: 'cover', by: cleanName(by[1]) };
  return { kind: 'cover' };
}

const GENRES =
  'reggae|dubstep|trap|metal|rock|jazz|bossa\\s*nova|lo-?fi|orchestral|8-?bit|edm|house|techno|dnb|drum\\s*(?:and|&|n)\\s*bass|punk|country|rap|chill(?:out)?|disco|swing|salsa|cumbia|bachata|reggaeton|electro|ska|gospel|symphonic|hardstyle|moombahton|funk|blues|lounge|samba|forr[oó]|sertanejo|pagode|bolero|mariachi|tango|kizomba|zouk|merengue|norte[nñ]o';
const GENRE_VERSION = new RegExp(
  `\\b(?:${GENRES})\\s+(?:version|ver\\b\\.?|edit|style)(?:\\s+by\\s+(.+))?|\\b(?:versi[oó]n|vers[aã]o|versione)\\s+(?:${GENRES})(?![a-zà-ÿ])(?:\\s+by\\s+(.+))?`,
  'i',
);
// A genre alone after the song ("| DUBSTEP", "(Jazz)", "[8-bit]", "(Chiptune)"); a leading one is a label's tag.
// Electronic genres that labels tag their own releases with ("[House]", "[Electro]") are left out.
export const GENRE_ALONE =
  /^(?:dubstep|trap|dnb|drum\s*(?:and|&|n)\s*bass|edm|hardstyle|moombahton|jazz|swing|country|bossa\s*nova|reggae|metal|heavy\s+metal|rock|punk|pop\s+punk|orchestral|symphonic|chiptune|8-?bit|opera|lo-?fi|gospel|salsa|cumbia|bachata|mariachi|samba|forr[oó]|tango|ska|bluegrass|flamenco)$/i;
// Someone else's take named by its kind ("(Male Version)", "(Kids Version)", "(Beatbox)", "(Choir)").
const PERFORMED_VERSION =
  /^(?:(?:male|boy|boys|female|girl|girls|kids?|children['’]?s|christmas|xmas|baby|lullaby|opera|choir|gospel|disney|a\s+cappella)\s+(?:version|ver\.?|edition|cover)|beatbox|choir|punk\s+goes\s+pop(?:\s+style)?)$/i;
const TEMPO_VERSION = /^(?:(slow|slower)|(fast|faster))(?:\s+(?:version|ver\.?|edit))?$/i;

/** "(reggae version by Reggaesta)", "| DUBSTEP": another arrangement, kept apart like a remix. */
function genreVersion(text: string): VariantHit | null {
  const m = GENRE_VERSION.exec(text);
  const by = m?.[1] ?? m?.[2];
  if (m) return by ? remixBy(cleanName(by)) : { kind: 'remix' };
  return GENRE_ALONE.test(text) ? { kind: 'remix' } : null;
}

/** "(Male Version)", "(Beatbox)": performed again; "(Slow Version)", "(Faster)": another tempo. */
function performedVersion(text: string): VariantHit | null {
  if (PERFORMED_VERSION.test(text)) return { kind: 'cover' };
  const tempo = TEMPO_VERSION.exec(text);
  if (tempo) return { kind: tempo[1] ? 'slowed' : 'sped-up' };
  return null;
}

const INSTRUMENT =
  'piano|pianoforte|keyboard|guitar|bass|drums?|violin|cello|viola|ukulele|flute|sax(?:ophone)?|harp|guzheng|marimba|harmonica|accordion|music\\s+box|orgel|strings|string\\s+quartet|orchestra';
const INSTRUMENT_ONLY = new RegExp(
  `^(?:for\\s+)?(?:solo\\s+)?(?:acoustic\\s+|electric\\s+|classical\\s+)?(?:${INSTRUMENT})(?:\\s*[/&+]\\s*(?:${INSTRUMENT}))*(?:\\s+(?:solo|only|version|ver|arrangement|tribute|style|rendition))*$`,
  'i',
);
const INSTRUMENT_PART = new RegExp(
  `\\b(?:pianoforte|(?:${INSTRUMENT})\\s+(?:only|solo|tribute|arrangement|rendition))\\b|\\bfor\\s+(?:solo\\s+)?(?:${INSTRUMENT})\\b`,
  'i',
);
// "(Lindsey Stirling Violin)", "(Jazz Piano Version)": a few words, then the instrument that plays the song.
const NAMED_INSTRUMENT = new RegExp(
  `^[\\p{L}\\p{N}.'’&-]+(?:\\s+[\\p{L}\\p{N}.'’&-]+){0,3}\\s+(?:${INSTRUMENT})(?:\\s+(?:version|ver|cover|solo|style))?$`,
  'iu',
);
const INSTRUMENT_BY = new RegExp(`\\b(?:${INSTRUMENT})(?:\\s+\\w+)?\\s+by\\s+(.+)$`, 'i');

/** "(Piano)", "(Pianoforte)", "(slower version piano only by X)", "Piano by X": played on an instrument. */
function instrumentVersion(annotation: string): VariantHit | null {
  const text = annotation.replace(/\s*[([{][^)\]}]*[)\]}]\s*/g, ' ').trim();
  const by = INSTRUMENT_BY.exec(text);
  if (by) return { kind: 'cover', by: cleanName(by[1]) };
  if (INSTRUMENT_ONLY.test(text) || INSTRUMENT_PART.test(text) || NAMED_INSTRUMENT.test(text))
    return { kind: 'acoustic' };
  return null;
}

// A performer's name as written after "by": handles and trailing upload words go.
function cleanName(name: string): string {
  return name
    .replace(/^@/, '')
    .replace(/\s*[-|([].*$/, '')
    .trim();
}

// Lessons in several languages: "Tutorial de Piano", "Aula de Violão", "Cómo tocar", "Tuto Piano",
// "Cours de guitare", "Come suonare", "Lezione di chitarra", "Klavier lernen".
const TUTORIAL =
  /\btutorial\b|\blessons?\b|\bsynthesia\b|\bhow\s+to\s+(?:play|sing|dance)\b|\bsheet\s+music\b|\bchords\b|\btabs?\b(?!\s*\d)|\btuto\b|\baulas?\s+de\b|\bc[oó]mo\s+tocar\b|\bclases?\s+de\s+(?:guitarra|piano|bater[ií]a|bajo|canto|baile)\b|\bcours\s+de\s+(?:piano|guitare|batterie|chant|danse)\b|\bcomment\s+jouer\b|\bcome\s+suonare\b|\blezione\s+di\b|\blecci[oó]n\s+de\b|\bli[cç][aã]o\s+de\b|\b(?:klavier|gitarre)\s+lernen\b|\bacordes\b|\bcifra\b/i;
const LOOP = /\b\d+\s*(?:hours?|hrs?)\b|\bone\s+hour\b|\bloop(?:ed)?\b|\bon\s+repeat\b/i;

/** Renders a hit as the variant string, folding the name so that spellings agree. */
export function renderVariant(hit: VariantHit | null, fallbackBy: string): Variant {
  if (!hit) return NO_VARIANT;
  switch (hit.kind) {
    case 'remix':
      return hit.by ? `remix:${foldForKey(hit.by)}` : 'remix';
    case 'cover': {
      const by = foldForKey(hit.by ?? fallbackBy);
      return by.length > 0 ? `cover:${by}` : 'cover';
    }
    case 'language':
      return `language:${hit.by ?? 'other'}`;
    default:
      return hit.kind;
  }
}

/** The kind part of a variant string: `remix:moby` -> `remix`. */
export function variantKind(variant: Variant): string {
  const colon = variant.indexOf(':');
  return colon < 0 ? variant : variant.slice(0, colon);
}
