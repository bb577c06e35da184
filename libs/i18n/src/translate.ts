import i18next from 'i18next';
import { discordLocalesOf, LANGUAGES, type DiscordLocale, type Language } from './languages';
import { resources } from './resources';

/** A namespace's messages: nested objects of strings. */
export interface Messages {
  readonly [key: string]: string | Messages;
}

const instance = i18next.createInstance();
// All messages are bundled (imported JSON), so initialisation finishes before `init` returns.
void instance.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: Object.keys(resources.en),
  defaultNS: false,
  initAsync: false,
  // Discord and Preact escape what they show; HTML entities would show as typed.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translate = instance.t.bind(instance) as unknown as (key: string, options: Record<string, unknown>) => string;

/**
 * The message `key` (`namespace:path.to.key`) in `language`, with `{{placeholders}}` filled from
 * `params`; `count` picks the plural form (`key_one`, `key_other`, ...). A key missing in `language`
 * falls back to English.
 */
export function t(language: Language, key: string, params: Record<string, unknown> = {}): string {
  return translate(key, { ...params, lng: language });
}

/** The message `key` exactly as `language`'s file has it, without fallback (undefined when missing). */
export function rawMessage(language: string, key: string): string | undefined {
  const [namespace, path] = splitKey(key);
  const value: unknown = instance.getResource(language, namespace, path);
  return typeof value === 'string' ? value : undefined;
}

/**
 * `key` in every shipped language but English, keyed by Discord locale, for a slash command's
 * `name_localizations` / `description_localizations` (English is the command's own name).
 */
export function discordLocalizations(key: string): Partial<Record<DiscordLocale, string>> {
  const localizations: Partial<Record<DiscordLocale, string>> = {};
  for (const language of LANGUAGES) {
    if (language === 'en' || rawMessage(language, key) === undefined) continue;
    const text = t(language, key);
    for (const locale of discordLocalesOf(language)) localizations[locale] = text;
  }
  return localizations;
}

function splitKey(key: string): [namespace: string, path: string] {
  const colon = key.indexOf(':');
  if (colon < 0) throw new Error(`Message key without a namespace: ${key}`);
  return [key.slice(0, colon), key.slice(colon + 1)];
}
