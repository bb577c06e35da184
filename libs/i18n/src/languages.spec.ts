import { discordLocalizations, languageOf, LANGUAGES, matchLanguage, t } from './index';

describe('languageOf', () => {
  it.each([
    ['de', 'de'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['ko', 'en'],
    ['zh-CN', 'en'],
    ['xx-unknown', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('maps %s to %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });

  it('uses the given fallback for a locale Accord does not speak', () => {
    expect(languageOf('ko', 'de')).toBe('de');
  });

  it('tells a locale Accord does not speak (matchLanguage)', () => {
    expect(matchLanguage('ko')).toBeNull();
    expect(matchLanguage('en-GB')).toBe('en');
    expect(matchLanguage('de')).toBe('de');
  });

  it.each([
    ['es-ES', 'es'],
    ['es-419', 'es'],
    ['pt-BR', 'pt-BR'],
    ['fr', 'fr'],
    ['pl', 'pl'],
    ['ja', 'ja'],
  ])('maps %s to %s once that language ships, else to the fallback', (locale, language) => {
    const shipped = (LANGUAGES as readonly string[]).includes(language);
    expect(languageOf(locale, 'de')).toBe(shipped ? language : 'de');
  });
});

describe('t', () => {
  it('answers in the language asked for', () => {
    expect(t('de', 'common:none')).toBe('keine');
    expect(t('en', 'common:none')).toBe('none');
  });

  it('answers English for a locale Accord does not speak', () => {
    expect(t(languageOf('ko'), 'common:genericFailure')).toBe(t('en', 'common:genericFailure'));
  });

  it('falls back to English for a language without the file', () => {
    expect(t('xx' as 'en', 'common:none')).toBe('none');
  });
});

describe('discordLocalizations', () => {
  it('gives each shipped language but English, under its Discord locales', () => {
    const localizations = discordLocalizations('common:none');
    expect(localizations).toMatchObject({ de: 'keine', ja: 'なし' });
    expect(localizations).not.toHaveProperty('en-US');
  });
});
