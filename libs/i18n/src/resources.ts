// Written by `npm run i18n:index` (libs/i18n/bin/index-locales.ts) from libs/i18n/locales: do not edit.
import de_common from '../locales/de/common.json';
import en_common from '../locales/en/common.json';
import en_segments from '../locales/en/segments.json';

/** Every message file, by language and namespace. */
export const resources = {
  de: {
    common: de_common,
  },
  en: {
    common: en_common,
    segments: en_segments,
  },
};
