import i18next from 'i18next';
import en_lyrics from '../locales/en/lyrics.json';
import en_panel from '../locales/en/panel.json';
import en_segments from '../locales/en/segments.json';
import en_status from '../locales/en/status.json';
import { isLanguage, LANGUAGES, type Language } from './languages';
import type { Messages } from './messages';

export { isLanguage, LANGUAGES, type Language };

/**
 * The panel's entry point (`@accord/i18n/panel`): only the namespaces the panel shows, English
 * bundled and every other language fetched when first chosen, so the panel's script does not carry
 * the bot's messages or languages nobody picked. The bot uses `@accord/i18n`, which bundles all.
 */
export const PANEL_NAMESPACES = ['panel', 'lyrics', 'segments', 'status'] as const;
type PanelNamespace = (typeof PANEL_NAMESPACES)[number];

const english: Record<PanelNamespace, Messages> = {
  panel: en_panel,
  lyrics: en_lyrics,
  segments: en_segments,
  status: en_status,
};

/** Each namespace's file of a language, as a chunk of its own (the bundler splits on these paths). */
const loaders: Record<PanelNamespace, (language: string) => Promise<{ default: Messages }>> = {
  panel: (language) => import(`../locales/${language}/panel.json`) as Promise<{ default: Messages }>,
  lyrics: (language) => import(`../locales/${language}/lyrics.json`) as Promise<{ default: Messages }>,
  segments: (language) => import(`../locales/${language}/segments.json`) as Promise<{ default: Messages }>,
  status: (language) => import(`../locales/${language}/status.json`) as Promise<{ default: Messages }>,
};

const instance = i18next.createInstance();
void instance.init({
  resources: { en: english },
  lng: 'en',
  fallbackLng: 'en',
  ns: [...PANEL_NAMESPACES],
  defaultNS: false,
  initAsync: false,
  // Preact escapes what it renders; HTML entities would show as typed.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translate = instance.t.bind(instance) as unknown as (key: string, options: Record<string, unknown>) => string;
const loading = new Map<Language, Promise<void>>();

/** Fetches `language`'s panel messages once; until they are here, `panelT` answers in English. */
export function loadPanelLanguage(language: Language): Promise<void> {
  if (language === 'en') return Promise.resolve();
  let load = loading.get(language);
  if (!load) {
    load = Promise.all(
      PANEL_NAMESPACES.map(async (namespace) => {
        const messages = await loaders[namespace](language);
        instance.addResourceBundle(language, namespace, messages.default, true, true);
      }),
    ).then(() => undefined);
    // A failed fetch (the bot restarted with a new build) may be tried again.
    load.catch(() => loading.delete(language));
    loading.set(language, load);
  }
  return load;
}

/** The message `key` (`namespace:path`) in `language`, English while that language is not loaded. */
export function panelT(language: Language, key: string, params: Record<string, unknown> = {}): string {
  return translate(key, { ...params, lng: language });
}

/** A language's name in itself ("Deutsch", "日本語"), for the switch, without loading its messages. */
export function languageName(language: Language): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}
