// Written by `npm run i18n:index` (libs/i18n/bin/index-locales.ts) from libs/i18n/locales: do not edit.
import de_common from '../locales/de/common.json';
import de_lyrics from '../locales/de/lyrics.json';
import de_panel from '../locales/de/panel.json';
import de_segments from '../locales/de/segments.json';
import en_common from '../locales/en/common.json';
import en_lyrics from '../locales/en/lyrics.json';
import en_panel from '../locales/en/panel.json';
import en_segments from '../locales/en/segments.json';

/** Every message file, by language and namespace. */
export const resources = {
  de: {
    common: de_common,
    lyrics: de_lyrics,
    panel: de_panel,
    segments: de_segments,
  },
  en: {
    common: en_common,
    lyrics: en_lyrics,
    panel: en_panel,
    segments: en_segments,
  },
};
