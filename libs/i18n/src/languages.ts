/**
 * The languages Accord ships: each has every key of English in every namespace (the completeness
 * spec checks it). A language is added here only once its files are complete; until then its users
 * read English.
 */
export const LANGUAGES = ['en', 'de', 'es', 'fr', 'pt-BR', 'pl', 'ja'] as const;

/** A language Accord speaks, as the message folders and the guild setting name it. */
export type Language = (typeof LANGUAGES)[number];

/** Every language Accord has or plans message files for (`locales/<language>`). */
export type PlannedLanguage = 'en' | 'de' | 'es' | 'fr' | 'pt-BR' | 'pl' | 'ja';

/** Discord's locales (`interaction.locale`, `guild.preferredLocale`) that Accord has a language for. */
export const DISCORD_LOCALE_LANGUAGE = {
  'en-US': 'en',
  'en-GB': 'en',
  de: 'de',
  'es-ES': 'es',
  'es-419': 'es',
  fr: 'fr',
  'pt-BR': 'pt-BR',
  pl: 'pl',
  ja: 'ja',
} as const satisfies Record<string, PlannedLanguage>;

/** A Discord locale Accord has (or plans) a language for, spelled as Discord spells it. */
export type DiscordLocale = keyof typeof DISCORD_LOCALE_LANGUAGE;

/** Whether `value` is a language Accord ships (for validating the guild setting). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language for a Discord locale (`de`, `pt-BR`, `es-419`, ...) or a language code (`es`): the
 * shipped language it maps to, else `fallback`.
 */
export function languageOf(discordLocale: string | null | undefined, fallback: Language = 'en'): Language {
  return matchLanguage(discordLocale) ?? fallback;
}

/** The shipped language for a Discord locale or a language code, or null when Accord does not speak it. */
export function matchLanguage(discordLocale: string | null | undefined): Language | null {
  if (!discordLocale) return null;
  if (isLanguage(discordLocale)) return discordLocale;
  const mapped: string | undefined = (DISCORD_LOCALE_LANGUAGE as Record<string, string>)[discordLocale];
  return isLanguage(mapped) ? mapped : null;
}

/** The Discord locales a shipped language answers to (`es` -> `es-ES` and `es-419`). */
export function discordLocalesOf(language: Language): DiscordLocale[] {
  return (Object.keys(DISCORD_LOCALE_LANGUAGE) as DiscordLocale[]).filter(
    (locale) => DISCORD_LOCALE_LANGUAGE[locale] === language,
  );
}
