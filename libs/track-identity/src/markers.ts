import { findTopLevel } from './brackets';

// A word boundary that knows letters beyond ASCII ("\\b" only knows [A-Za-z0-9_], so "altyazılı" or
// "перевод" would never end a word); patterns using it need the `u` flag.
const WORD = String.raw`[\p{L}\p{M}\p{N}_]`;
const BOUNDARY = String.raw`(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

/**
 * Words uploaders write around a song without brackets, in several languages: lyrics and
 * translations, dance and game videos (the original audio), and the versions that make another
 * recording (tutorials, covers, karaoke, loops). Each starts a tail that runs to the end of the title.
 */

// Languages named next to lyrics or subtitles ("Hungarian Lyrics", "italiano inglese").
const LANGUAGE_WORDS = String.raw`(?:english|inglese|ingl[eé]s|englisch|anglais|italiano|italian|espa[nñ]ol|spanish|castellano|portugu[eê]s|portuguese|brasil|deutsch|deutsche|german|fran[cç]ais|french|magyar|magyarul|hungarian|vietnamese|vi[eệ]t|ti[eế]ng\s+vi[eệ]t|russian|polski|nederlands|t[uü]rk[cç]e|pt-?br|romanized|romaji|hangul)`;

/**
 * Lyrics, translation and subtitle words: en, es, pt, it, fr, de, vi, nl, pl, tr, hu, id, and in
 * Cyrillic, Chinese, Japanese and Korean script ("текст песни", "中文字幕", "和訳", "가사").
 */
const LYRICS_WORDS = String.raw`(?:(?:with|w\/|\+|con|com|avec|mit)\s+)?(?:(?:original|full|on\s*screen)\s+)?(?:lyrics?|letras?|paroles|testo|songtext|songtekst|mit\s+text|legendado|legendas?|subtitulad[oa]|subtitles?|subs?|sottotitoli|sous-titres?|vostfr|traduzione|tradu[cç][aã]o|traduci[oó]n|traducida|traduction|traduit|[uü]bersetzung|ubersetzung|vietsub|engsub|kara\s+vietsub|l[ờo]i\s+(?:d[ịi]ch|b[àa]i\s+h[áa]t)|lyrics\s+on\s+screen|ondertitel(?:d|ing)?|vertaling|tekst|napisy|t[łl]umaczenie|przek[łl]ad|[çc]eviri|altyaz[ıi](?:l[ıi])?|s[öo]zleri|felirat(?:tal|os)?|lirik|terjemahan|sub\s+indo|текст(?:\s+песни)?|перевод|субтитры|歌詞|歌词|中文字幕|中英字幕|中字|字幕|和訳|日本語訳|가사|자막|해석|번역)`;

/** Dance, game and fan videos (flash mobs, lip dubs, AMVs, slideshows): the audio is the original recording. */
const ORIGINAL_AUDIO_WORDS = String.raw`(?:choreo(?:graphy|graphed)?|dance\s+(?:cover|routine|video|fitness|choreography|practice|class|crew|studio|cent(?:re|er)|school|academy|company|team)|(?:contemporary|lyrical|hip[\s-]?hop|jazz\s+funk|ballet|heels|commercial|urban)\s+(?:dance\s+)?(?:choreography\s+)?by|line\s+dance|just\s+dance\s*(?:\d{1,4}|unlimited|now|kids|wii|fanmade|fan\s*made)|dance\s+central(?:\s*\d)?|(?:full\s+|easy\s+|hard\s+|extreme\s+)?gameplay|\d\s*\*?\s*stars?(?=\s*$|\s*[-|(\[])|zumba(?:\s+fitness)?|flash\s*mob|lip\s*dub|lip\s*sync|amv|gmv|mmd|cheer(?:leading)?(?:\s+(?:routine|dance))?(?=\s*$|\s*[-|(\[])|slide\s*show|(?:with|w\/|\+)\s+(?:pictures|pics|photos|images)|walkthrough|fan\s*video|fan-?made\s+video|踊ってみた|踊ってみる|안무|舞蹈版|動態歌詞|动态歌词|歌詞版|歌词版)`;

const INSTRUMENTS = String.raw`(?:piano|pianoforte|keyboard|guitar|acoustic\s+guitar|electric\s+guitar|bass|drums?|violin|cello|viola|ukulele|flute|sax(?:ophone)?|harp|guzheng|marimba|harmonica|accordion|music\s+box|orgel|strings|string\s+quartet|orchestra)`;

/**
 * A stage recording written after the song: "Song Live on Letterman", "Song @ Venue",
 * "Song in Concert", "en vivo", "ao vivo", "en directo", "dal vivo", "en concierto", "live concert",
 * "Song 24.05.14 Manchester" (a date followed by the place; a date alone or before upload words is the upload's).
 * "We Live in a Political World" keeps its words: a pronoun, "to" or a verb before "live" (a bare
 * "LIVE" at the end is read by the parser, in capitals only: "Let Me Live" is a song).
 */
const LIVE_TAIL = String.raw`(?<!\b(?:to|i|we|you|they|who|let|will|gonna|wanna|can|could|would|must|should|shall|might|i'll|we'll|you'll)\s+)live(?=\s+(?:at|from|on|in|by)\s|\s*@)|(?<![\d.])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d.])(?=\s+(?!(?:official|video|lyrics?|audio|hd|hq|mv|m\/v|music|visuali[sz]er|new|out|premiere|teaser|trailer|release|full|clip)\b)[a-zà-ÿ])|(?:in\s+)?(?:live\s+)?concert\b|(?:live\s+)?(?:on|at|from)\s+(?:the\s+)?(?:x\s+factor|got\s+talent|voice|letterman|fallon|kimmel|ellen|snl|today\s+show|graham\s+norton|jools\s+holland|tonight\s+show|late\s+show|grammys|brit\s+awards|vmas|amas|jingle\s+ball|glastonbury|coachella|lollapalooza|tiny\s+desk|kexp|kcrw)\b|@\s+(?=\S)|(?:en|ao|dal)\s+vivo\b|en\s+(?:directo|concierto)\b`;

/** Lessons in Spanish, Portuguese, French, Italian and German ("Aula de Violão", "Cómo tocar"). */
const FOREIGN_LESSON = String.raw`(?:tutorial\s+de|aulas?\s+de|c[oó]mo\s+tocar|tuto\s+(?:piano|guitare|batterie)|cours\s+de\s+(?:piano|guitare|batterie)|comment\s+jouer|come\s+suonare|lezione\s+di|lecci[oó]n\s+de|li[cç][aã]o\s+de|(?:klavier|gitarre)\s+lernen)`;

/**
 * Japanese, Korean and Chinese words for another recording ("歌ってみた": I sang it, "弾いてみた": I
 * played it, "커버", "翻唱": cover, "ライブ", "라이브", "現場版": live, "カラオケ", "노래방": karaoke, "伴奏",
 * "純音樂", "반주": instrumental, "ピアノ版", "鋼琴版": piano, "弾き方", "教學", "강좌": lessons), and the
 * Russian, Turkish and Polish ones written the same way ("кавер", "караоке", "Canlı", "na żywo").
 */
const NAMED_VERSION_WORDS = String.raw`mr\s*제거|кавер|караоке|минусовка|canl[ıi]|na\s+[żz]ywo|(?:(?:ギター|ピアノ|ベース|ドラム)\s*)?(?:歌ってみた|弾いてみた|叩いてみた|吹いてみた)|翻唱|翻自|커버|ライブ(?:版|ver\.?)?|라이브|現場版?|现场版?|演唱[會会]|カラオケ|노래방|卡拉\s*OK|伴奏|純音樂|纯音乐|インスト(?:ゥルメンタル)?|반주|(?:ピアノ|피아노|鋼琴|钢琴|ギター|吉他|オルゴール|오르골)(?:版|ver\.?|バージョン|アレンジ|버전|커버|연주|演奏)?|弾き方|叩き方|教學|教学|講座|강좌|레슨`;

/** Versions that are another recording, when written without brackets after the song. */
const VERSION_WORDS = String.raw`(?:${FOREIGN_LESSON}|${NAMED_VERSION_WORDS}|(?:official\s+)?remix(?=\s*$|\s*[-|(\[])|(?:dubstep|dnb|drum\s*(?:and|&|n)\s*bass|hardstyle|moombahton)(?=\s*$|\s*[-|(\[])|(?:versi[oó]n|vers[aã]o|versione)\s+(?=\S)|(?:(?:acoustic|easy|beginner|advanced|free)\s+)*(?:(?:${INSTRUMENTS}|dance)\s+)?tutorial|(?:(?:acoustic|easy|beginner|advanced|free)\s+)*${INSTRUMENTS}\s+(?:lessons?|chords|tabs?)|synthesia|how\s+to\s+play|sheet\s+music|(?:${INSTRUMENTS}\s+)?karaoke|(?:(?:acoustic|${INSTRUMENTS})\s+)*instrumental|(?:(?:live|acoustic|a\s*cappella|acapella|${INSTRUMENTS})\s+)*covers?(?=\s*$|\s+by\b|\s*[-|([~:]|\s+(?:with|w\/|\+)\s|\s+(?:acoustic|version|live|video)\b)|(?:for\s+)?(?:solo\s+)?${INSTRUMENTS}\s+(?:solo|only|version|tribute|style|arrangement|rendition|by\b)|${LIVE_TAIL}|(?:acoustic|unplugged)(?:\s+(?:version|session|ver))?(?=\s*$|\s*[-|([])|mash-?up|(?:song\s+review|behind\s+the\s+scenes)(?=\s*$|\s*[-|(\[])|chipmunks|chipmunk\s+(?:version|ver|edition|by\b)|\d{1,2}\s*(?:hours?|hrs?)(?:\s+(?:version|loop))?|one\s+hour|(?:\d+\s+)?loop(?:ed)?(?=\s*$|\s*[([]))`;

/** A tail of upload words without brackets: "… lyrics", "… Choreography by X", "… Piano Tutorial". */
export const TAIL_MARKER = new RegExp(
  String.raw`(?:\s+|\s*(?:[-~+|:]|\/\/)\s*)(?=(?:(?:${LANGUAGE_WORDS})\s+)*(?:${LYRICS_WORDS}|${ORIGINAL_AUDIO_WORDS}|${VERSION_WORDS})${BOUNDARY})`,
  'iu',
);

/** An annotation that says the video carries the original audio (dance, game, lyrics, translation). */
export const ORIGINAL_AUDIO = new RegExp(
  String.raw`${BOUNDARY}(?:${ORIGINAL_AUDIO_WORDS}|${LYRICS_WORDS})${BOUNDARY}`,
  'iu',
);

/** Game videos keep the original audio even when they call themselves a mashup. */
export const GAME_VIDEO = /\b(?:just\s+dance|dance\s+central)\b/i;

/** Only language names ("italiano inglese", "English / Español"): subtitle languages, not a version. */
export const LANGUAGE_LIST = new RegExp(
  String.raw`^(?:${LANGUAGE_WORDS}(?:\s*(?:[,+&/]|\be\b|\by\b|\band\b|\bund\b|\bet\b)?\s*))+$`,
  'i',
);

/** Markers that show the upload is not the song whatever else the title says, wherever they stand. */
export const STRONG_VERSION =
  /\b(?:aulas?\s+de\s+(?:viol[aã]o|guitarra|piano|bateria|baixo|teclado|canto)|c[oó]mo\s+tocar|cours\s+de\s+(?:piano|guitare)|come\s+suonare|tutorial|synthesia|how\s+to\s+play|sheet\s+music|(?:piano|guitar|bass|drum|keyboard|ukulele|violin)\s+lessons?|mash-?ups?|karaoke)\b/i;

/** Finds where an unbracketed tail of upload words starts (never at 0: the song keeps a name). */
export function tailStart(text: string): number {
  if (!TAIL_MARKER.test(text)) return -1;
  const hit = findTopLevel(text, TAIL_MARKER)[0];
  if (!hit) return -1;
  const before = text.slice(0, hit.index).trim();
  // "Paroles, paroles": a comma joins the word to the song's own name.
  return before.length === 0 || before.endsWith(',') ? -1 : hit.index;
}
