import i18next from 'i18next';
import { discordLocalesOf, LANGUAGES, type DiscordLocale, type Language } from './languages';
import type { Messages } from './messages';
import { english, otherLanguages } from './resources';

export type { Messages } from './messages';

const instance = i18next.createInstance();
// English is bundled (imported JSON), so initialisation finishes before `init` returns. Every other
// language's namespace is added when first asked for (`load`): a bot whose servers all speak English
// never holds the other six.
void instance.init({
  resources: { en: english },
  lng: 'en',
  fallbackLng: 'en',
  ns: Object.keys(english),
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
  load(language, key.slice(0, Math.max(0, key.indexOf(':'))));
  return translate(key, { ...params, lng: language });
}

/** The message `key` exactly as `language`'s file has it, without fallback (undefined when missing). */
export function rawMessage(language: string, key: string): string | undefined {
  const [namespace, path] = splitKey(key);
  load(language, namespace);
  const value: unknown = instance.getResource(language, namespace, path);
  return typeof value === 'string' ? value : undefined;
}

/** Every message file of `language`, by namespace (empty for a language without files). */
export function messageFiles(language: string): Record<string, Messages> {
  if (language === 'en') return english;
  const files = Object.hasOwn(otherLanguages, language) ? otherLanguages[language] : {};
  return Object.fromEntries(Object.entries(files).map(([namespace, read]) => [namespace, read()]));
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

const loaded = new Set<string>();

/** Adds `language`'s `namespace` file to the instance the first time one of its messages is asked for. */
function load(language: string, namespace: string): void {
  const file = `${language}/${namespace}`;
  if (language === 'en' || loaded.has(file)) return;
  const files = Object.hasOwn(otherLanguages, language) ? otherLanguages[language] : {};
  if (!Object.hasOwn(files, namespace)) return;
  loaded.add(file);
  instance.addResourceBundle(language, namespace, files[namespace](), false, true, { silent: true, skipCopy: true });
}

function splitKey(key: string): [namespace: string, path: string] {
  const colon = key.indexOf(':');
  if (colon < 0) throw new Error(`Message key without a namespace: ${key}`);
  return [key.slice(0, colon), key.slice(colon + 1)];
}
