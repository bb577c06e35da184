import { rawMessage, t, type Language } from '@accord/i18n';

// The languages a sung version is named in (see @accord/track-identity's variants), as BCP 47 codes.
const SUNG_LANGUAGES: Readonly<Record<string, string>> = {
  english: 'en',
  japanese: 'ja',
  korean: 'ko',
  chinese: 'zh',
  spanish: 'es',
  french: 'fr',
  german: 'de',
  italian: 'it',
  portuguese: 'pt',
  thai: 'th',
  vietnamese: 'vi',
  indonesian: 'id',
  russian: 'ru',
  tagalog: 'fil',
  hindi: 'hi',
};

/**
 * A song's variant in the reader's words: `live` -> "live", `cover:pentatonix` -> "cover by
 * pentatonix", `language:japanese` -> "Japanese version". A kind this version does not know is
 * shown as stored.
 */
export function variantLabel(language: Language, variant: string): string {
  const colon = variant.indexOf(':');
  const kind = colon < 0 ? variant : variant.slice(0, colon);
  const detail = colon < 0 ? '' : variant.slice(colon + 1);
  if ((kind === 'remix' || kind === 'cover') && detail) return t(language, `fix:variant.${kind}By`, { by: detail });
  if (kind === 'language') {
    const code = SUNG_LANGUAGES[detail];
    if (!code) return t(language, 'fix:variant.languageOther');
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? detail;
    return t(language, 'fix:variant.language', { language: name });
  }
  return rawMessage('en', `fix:variant.${kind}`) === undefined ? variant : t(language, `fix:variant.${kind}`);
}
