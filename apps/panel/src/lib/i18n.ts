import { useEffect, useState } from 'preact/hooks';
import { isLanguage, LANGUAGES, languageName, loadPanelLanguage, panelT, type Language } from '@accord/i18n/panel';

const KEY = 'accord-language';

/** The language the panel speaks now; `setLanguage` changes it and re-renders whoever uses `useLanguage`. */
let current: Language = 'en';
const listeners = new Set<(language: Language) => void>();

/** What the browser prefers: the first of `navigator.languages` Accord speaks (`de-AT` -> `de`), else English. */
export function browserLanguage(preferred: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  for (const tag of preferred) {
    if (isLanguage(tag)) return tag;
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Before the first render: the stored choice, else the browser's, with its messages fetched (English
 * if they cannot be); sets `<html lang>`.
 */
export async function startLanguage(): Promise<Language> {
  await use(storedLanguage() ?? browserLanguage());
  return current;
}

/** The switch in the header: kept in localStorage, so a reload keeps it. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // Private browsing may refuse storage: the language still applies to this page.
  }
  await use(language);
}

async function use(language: Language): Promise<void> {
  try {
    await loadPanelLanguage(language);
    apply(language);
  } catch {
    apply('en');
  }
}

function apply(language: Language): void {
  current = language;
  document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

export function language(): Language {
  return current;
}

/** The languages of the switch, each named in itself. */
export function languageChoices(): Array<{ language: Language; name: string }> {
  return LANGUAGES.map((code) => ({ language: code, name: languageName(code) }));
}

/** The panel's message `key` (in the `panel` namespace) in the current language. */
export function t(key: string, params?: Record<string, unknown>): string {
  return panelT(current, `panel:${key}`, params);
}

/** A message of another namespace (`status:fixSteps.update`, shared with the bot) in the current language. */
export function shared(key: string, params?: Record<string, unknown>): string {
  return panelT(current, key, params);
}

/** The current language; the component re-renders when it changes. The app's root uses it, so every page follows. */
export function useLanguage(): Language {
  const [value, setValue] = useState(current);
  useEffect(() => {
    listeners.add(setValue);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}
