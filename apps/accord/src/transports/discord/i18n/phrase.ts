import { t, type Language } from '@accord/i18n';

/**
 * Words to say later, in a language not known yet: a message key and its placeholders. Guards and
 * option parsers refuse with a phrase; the error presenter says it in the interaction's language.
 */
export interface Phrase {
  readonly key: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export const phrase = (key: string, params?: Record<string, unknown>): Phrase => ({ key, params });

/** The phrase in `language`. */
export function say(language: Language, { key, params }: Phrase): string {
  return t(language, key, params ? { ...params } : undefined);
}
