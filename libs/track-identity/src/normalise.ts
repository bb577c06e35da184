/** Longest input we look at: YouTube caps titles at 100 characters, so anything past this is noise. */
export const MAX_INPUT_LENGTH = 1000;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u180E\u00AD]|\u034F/g;
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\r\n\v\f]+/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g;
// Emoji and decorative symbols carry no identity; keycap/flag/skin-tone parts go with them.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u20E3/gu;
const DECORATION = /[♪♫♬♩★☆✩✪✫✬✭✮✯✰✦✧✨⭐●◆◇■□▶►▷◀◁❤♥♡❥✔✅☑✓]/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** Decodes the HTML entities YouTube APIs leak into titles; unknown or invalid entities stay as they are. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Decorative alphabets uploaders use to make words stand out: mathematical bold, italic and script
// letters (𝐋𝐲𝐫𝐢𝐜𝐬), full-width Latin (ＬＹＲＩＣＳ), circled letters (Ⓛⓨⓡⓘⓒⓢ) and superscript
// modifier letters (ᴴᴰ). Their compatibility form is the plain letter.
const COMPATIBILITY_LETTERS =
  /[\u{1D400}-\u{1D7FF}\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u24B6-\u24E9\u1D2C-\u1D6A\u1D9C-\u1DBF\u2070-\u209C]+/gu;
// Small capitals (ʟʏʀɪᴄꜱ) have no compatibility form; a word written only in them is read as Latin.
const SMALL_CAPITAL_LETTERS = 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ';
const SMALL_CAPITALS = new Map(
  [...SMALL_CAPITAL_LETTERS].map((ch, at) => [ch, 'ABCDEFGHIJKLMNOPQRSTUVWYZ'.charAt(at)]),
);
const SMALL_CAPITAL_WORD = /(?<![\p{L}\p{M}])[ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ]{2,}(?![\p{L}\p{M}])/gu;

/** Writes decorative Latin letters (bold, script, full-width, circled, superscript, small capitals) plainly. */
export function decorativeLettersPlain(text: string): string {
  return text
    .replace(COMPATIBILITY_LETTERS, (run) => run.normalize('NFKC'))
    .replace(SMALL_CAPITAL_WORD, (word) => word.replace(/./gu, (ch) => SMALL_CAPITALS.get(ch) ?? ch));
}

/**
 * Cleans raw text before parsing: NFC, HTML entities, decorative letters, zero-width and direction
 * marks, odd spaces, emoji and URLs. Keeps the uploader's letters and quotes (the key folds those later).
 */
export function prepareText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  let text = raw.length > MAX_INPUT_LENGTH ? raw.slice(0, MAX_INPUT_LENGTH) : raw;
  text = decorativeLettersPlain(decodeHtmlEntities(text.normalize('NFC')));
  text = text
    .replace(ZERO_WIDTH, '')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROL, '')
    .replace(ODD_SPACES, ' ')
    .replace(URL, ' ')
    .replace(EMOJI, ' ')
    .replace(DECORATION, ' ')
    // Full-width brackets and bars behave like their ASCII forms.
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/［/g, '[')
    .replace(/］/g, ']')
    .replace(/｜/g, '|')
    .replace(/～/g, '~');
  return collapseSpaces(text);
}

// A note, star, arrow or bullet standing between words ("Song ♫ Artist", "Artist ★ Song ★ Lyrics"), or
// a gap of three spaces or more that such a symbol left where it was stripped before: a separator.
const SEPARATOR_SYMBOLS =
  /(?<=[\p{L}\p{N})\]"'’!?.])(?:\s+[♪♫♬♩★☆✩✪✫✬✭✮✯✰✦✧●◆◇■□▶►▷◀◁](?:\s*[♪♫♬♩★☆✩✪✫✬✭✮✯✰✦✧●◆◇■□▶►▷◀◁])*\s+| {3,})(?=[\p{L}\p{N}(["'‘“])/gu;

/** Turns symbols that separate the parts of a title into `|` (before `prepareText` drops them). */
export function separatorsMarked(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.length > MAX_INPUT_LENGTH ? raw.slice(0, MAX_INPUT_LENGTH) : raw;
  return text.replace(SEPARATOR_SYMBOLS, ' | ');
}

/** Only removes invisible characters: the fallback for titles that are all emoji or a bare URL. */
export function invisibleStripped(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = raw.length > MAX_INPUT_LENGTH ? raw.slice(0, MAX_INPUT_LENGTH) : raw;
  return collapseSpaces(
    text
      .normalize('NFC')
      .replace(ZERO_WIDTH, '')
      .replace(BIDI_CONTROLS, '')
      .replace(CONTROL, '')
      .replace(ODD_SPACES, ' '),
  );
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ſ: 's',
};

/**
 * Folds text for comparison: compatibility forms, case, Latin diacritics (but not Japanese voicing
 * marks or Indic vowel signs, which change the word), punctuation and spaces all go.
 */
export function foldForKey(text: string): string {
  const lowered = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ßæœøłđðþıſ]/g, (ch) => LETTER_FOLDS[ch] ?? ch);
  const folded = lowered.replace(/[\p{P}\p{S}\s\uFE00-\uFE0F]+/gu, '');
  // A name made only of punctuation ("!!!") keeps its symbols rather than vanishing.
  return folded.length > 0 ? folded : lowered.replace(/\s+/g, '');
}

/**
 * Letters that artists write as symbols, read as letters: "$" is an "s" ("Ke$ha", "A$AP Rocky",
 * "Ty Dolla $ign") and "!" between letters an "i" ("P!nk"); "Wham!" and "!!!" keep theirs.
 */
export function readStylisedLetters(name: string): string {
  return name.replace(/\$/g, 's').replace(/(?<=\p{L})!(?=\p{L})/gu, 'i');
}

/** Case- and space-insensitive form used when comparing parses with expected values. */
export function foldCaseAndSpaces(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}
