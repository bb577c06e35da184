import { LANGUAGE_LIST, ORIGINAL_AUDIO } from './markers';

// Characters beyond ASCII may be written as they are in these String.raw patterns: the bot's build
// escapes them (apps/accord/raw-template-escapes.loader.js), as RegExp reads \u00e9 as é.

/**
 * Words in an annotation that say something about the upload, not the song: "(Official Video)",
 * "[HD]", "(Remastered 2011)", "(Lyrics)", "(Radio Edit)". An annotation with any of them is dropped
 * unless it also holds a variant or a featured artist (those are checked first).
 */
const FLUFF_WORDS = new RegExp(
  [
    String.raw`\b(?:official|oficial|officiel|offizielle[sn]?|ufficiale)\b`,
    String.raw`\b(?:music\s+)?(?:video|v\u00eddeo|audio|videoclip|vid[eé]o\s*clip|clip\s+officiel|visuali[sz]er|lyric\s+video)\b`,
    String.raw`\b(?:lyrics?|letra|paroles|testo|legendado|traducida|traducci[oó]n|subtitulado|translation|hangul|romani[sz]ed|rom|han|eng|kan)\b`,
    String.raw`\b(?:sub|subs|subtitles|eng\s+sub|cc)\b`,
    String.raw`\b(?:mv|m\/v|pv|hd|hq|uhd|4k|8k|\d{3,4}p|60fps|full\s+hd|high\s+quality|dolby\s+atmos|spatial\s+audio|360°?)\b`,
    String.raw`\b(?:re-?master(?:ed)?|re-?mastered|re-?issue|deluxe|expanded|edition|anniversary|bonus(?:\s+track)?|box\s+set)\b`,
    String.raw`\b(?:version|vers|ver|versi[oó]n|vers[aã]o|versione|edit|extended|original\s+mix|mono|stereo|re-?recorded|taylor['’]s\s+version)\b`,
    // An anime opening cut to ninety seconds for television: the same recording, shorter.
    String.raw`\btv\s*(?:size|edit|ver\.?|version)\b`,
    String.raw`\b(?:explicit|clean|dirty|censored|uncensored|(?:no|without)\s+(?:rap|intro|outro))\b`,
    String.raw`\bnew\s+(?:song|single|hit|track|music)\b`,
    String.raw`\b(?:full\s+album|official\s+album|album\s+(?:track|version)|track\s+stream|stream|premiere|exclusive|out\s+now)\b`,
    String.raw`\b(?:dance\s+practice|performance\s+video|teaser|trailer|short\s+film|color\s+coded|not\s+the\s+video|audio\s+only)\b`,
    String.raw`\b(?:youtube|vevo|dir\.?\s+by|directed\s+by|shot\s+by|edited\s+by)\b`,
    String.raw`\b(?:prod\.?|produced\s+by|parody\s+of|lyrical\s+adaption|lyrical\s+adaptation|free\s+download|download)\b`,
    String.raw`\b(?:soundtrack|ost|from\s+the\s+(?:motion\s+picture|movie|film|series|album)|motion\s+picture)\b`,
    String.raw`^(?:album|single|ep|new|original|audio|video|clip|lyric|letra|visualizer|hd|hq|explicit|clean|full|full\s+(?:song|version|track))$`,
    String.raw`^\d{4}$`,
    String.raw`\brelease$`,
    String.raw`\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b`,
    String.raw`^from\s+["“'‘「『]`,
  ].join('|'),
  'i',
);

// "(Официальный клип)", "(teledysk)": a music video, in words `FLUFF_WORDS`' \b cannot see.
const OTHER_LANGUAGE_FLUFF = /(?<!\p{L})(?:(?:официальный\s+)?(?:видео)?клип|официальное\s+видео|teledysk)(?!\p{L})/iu;

export function isFluff(annotation: string): boolean {
  const text = annotation.trim();
  return (
    text.length === 0 ||
    FLUFF_WORDS.test(text) ||
    OTHER_LANGUAGE_FLUFF.test(text) ||
    ORIGINAL_AUDIO.test(text) ||
    LANGUAGE_LIST.test(text)
  );
}

// Unbracketed upload words at the end of a title: "Anti-D Official Video", "I.O.U Official MV",
// "GOT7 "A" Dance Practice #2", "Song Radio Edit". Applied repeatedly; never to the whole title.
const TRAILING_FLUFF = new RegExp(
  String.raw`(?:^|\s|[-–—_|:~])\s*(?:` +
    [
      String.raw`(?:official\s+)?(?:hd\s+|4k\s+)?(?:music\s+|lyrics?\s+|lyric\s+)?(?:video|audio|mv|m\/v|pv)(?:\s+oficial|\s+official|\s+officiel)?`,
      String.raw`(?:official|oficial|officiel)`,
      String.raw`(?:offizielles\s+video|(?:vid[eé]o\s*clip|videoclip)(?:\s+(?:officiel|oficiel|official|oficial))?|(?:music\s+)?clip)`,
      String.raw`(?:with\s+)?lyrics?`,
      String.raw`letra`,
      String.raw`visuali[sz]er`,
      String.raw`(?:hd|hq|4k|uhd|\d{3,4}p)`,
      String.raw`(?:full|official)\s+album`,
      String.raw`sub(?:titulado)?\s+espa[nñ]ol`,
      String.raw`dance\s+practice(?:\s*#?\d+)?`,
      String.raw`(?:re-?master(?:ed)?|re-?issue)(?:\s+\d{4})?`,
      String.raw`\*+\s*(?:new|(?:with\s+)?lyrics?|hd|hq|audio|full\s+song|official(?:\s+(?:music\s+)?video)?)\s*\*+`,
      String.raw`v\u00eddeo(?:\s+oficial)?`,
      String.raw`new\s*!+`,
      String.raw`explicit`,
      String.raw`\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})`,
      String.raw`(?:radio|clean|dirty|explicit|extended|album|single|original|short|full)\s+(?:edit|version|mix|ver)`,
      // An edit that keeps or drops one part of the recording: "SIA ONLY Edit", "No Rap Version".
      String.raw`(?:(?!vocals?\b|piano\b|guitar\b|drums?\b|bass\b|instrumental\b)[\w'’.-]+\s+only|no\s+(?:rap|intro|outro)|without\s+(?:rap|intro|outro))\s+(?:edit|version|ver)`,
    ].join('|') +
    String.raw`)\s*[!.]*\s*$`,
  'i',
);

/** Removes unbracketed fluff from the end of a title, keeping at least something. */
export function stripTrailingFluff(title: string): string {
  let current = title;
  for (let guard = 0; guard < 8; guard++) {
    const m = TRAILING_FLUFF.exec(current);
    if (!m) break;
    const next = current.slice(0, m.index).trim();
    if (next.replace(/[\s\-–—_|:~"'“”‘’]/g, '').length === 0) break;
    current = next;
  }
  return current;
}

const FILE_EXTENSION = /\s*\.(?:mp4|m4v|mov|avi|wmv|mpe?g|flv|mkv|webm|3gp|mp3|m4a|wav|flac|ogg|opus|aac)\s*$/i;

export function stripFileExtension(text: string): string {
  const stripped = text.replace(FILE_EXTENSION, '');
  return stripped.trim().length > 0 ? stripped : text;
}

/** Trailing hashtags ("#shorts #music"); a title that is itself a hashtag ("#CAKE") stays. */
export function stripHashtags(text: string): string {
  const stripped = text
    .replace(/(?:\s+#[\p{L}_][\p{L}\p{N}_]*)+\s*$/u, '')
    .replace(/^(?:#[\p{L}_][\p{L}\p{N}_]*\s+)+(?=\S)/u, (m) =>
      /^#(?:shorts?|music|lyrics|kpop|jpop|nightcore|viral|fyp|tiktok)\b/i.test(m) ? '' : m,
    );
  return stripped.trim().length > 0 ? stripped : text;
}
