// Written by `npm run i18n:index` (libs/i18n/bin/index-locales.ts) from libs/i18n/locales: do not edit.
/* eslint-disable @typescript-eslint/no-require-imports -- a language is read when first used, not at load */
import en_account from '../locales/en/account.json';
import en_autoplay from '../locales/en/autoplay.json';
import en_commands from '../locales/en/commands.json';
import en_common from '../locales/en/common.json';
import en_errors from '../locales/en/errors.json';
import en_fix from '../locales/en/fix.json';
import en_help from '../locales/en/help.json';
import en_library from '../locales/en/library.json';
import en_lyrics from '../locales/en/lyrics.json';
import en_panel from '../locales/en/panel.json';
import en_playback from '../locales/en/playback.json';
import en_segments from '../locales/en/segments.json';
import en_status from '../locales/en/status.json';
import type { Messages } from './messages';

/** English, by namespace: bundled with the code, the language every other falls back to. */
export const english = {
  account: en_account,
  autoplay: en_autoplay,
  commands: en_commands,
  common: en_common,
  errors: en_errors,
  fix: en_fix,
  help: en_help,
  library: en_library,
  lyrics: en_lyrics,
  panel: en_panel,
  playback: en_playback,
  segments: en_segments,
  status: en_status,
};

/** Every other language's message files, by language and namespace, each read when first called. */
export const otherLanguages: Readonly<Record<string, Readonly<Record<string, () => Messages>>>> = {
  de: {
    account: () => require('../locales/de/account.json') as Messages,
    autoplay: () => require('../locales/de/autoplay.json') as Messages,
    commands: () => require('../locales/de/commands.json') as Messages,
    common: () => require('../locales/de/common.json') as Messages,
    errors: () => require('../locales/de/errors.json') as Messages,
    fix: () => require('../locales/de/fix.json') as Messages,
    help: () => require('../locales/de/help.json') as Messages,
    library: () => require('../locales/de/library.json') as Messages,
    lyrics: () => require('../locales/de/lyrics.json') as Messages,
    panel: () => require('../locales/de/panel.json') as Messages,
    playback: () => require('../locales/de/playback.json') as Messages,
    segments: () => require('../locales/de/segments.json') as Messages,
    status: () => require('../locales/de/status.json') as Messages,
  },
  es: {
    account: () => require('../locales/es/account.json') as Messages,
    autoplay: () => require('../locales/es/autoplay.json') as Messages,
    commands: () => require('../locales/es/commands.json') as Messages,
    common: () => require('../locales/es/common.json') as Messages,
    errors: () => require('../locales/es/errors.json') as Messages,
    fix: () => require('../locales/es/fix.json') as Messages,
    help: () => require('../locales/es/help.json') as Messages,
    library: () => require('../locales/es/library.json') as Messages,
    lyrics: () => require('../locales/es/lyrics.json') as Messages,
    panel: () => require('../locales/es/panel.json') as Messages,
    playback: () => require('../locales/es/playback.json') as Messages,
    segments: () => require('../locales/es/segments.json') as Messages,
    status: () => require('../locales/es/status.json') as Messages,
  },
  fr: {
    account: () => require('../locales/fr/account.json') as Messages,
    autoplay: () => require('../locales/fr/autoplay.json') as Messages,
    commands: () => require('../locales/fr/commands.json') as Messages,
    common: () => require('../locales/fr/common.json') as Messages,
    errors: () => require('../locales/fr/errors.json') as Messages,
    fix: () => require('../locales/fr/fix.json') as Messages,
    help: () => require('../locales/fr/help.json') as Messages,
    library: () => require('../locales/fr/library.json') as Messages,
    lyrics: () => require('../locales/fr/lyrics.json') as Messages,
    panel: () => require('../locales/fr/panel.json') as Messages,
    playback: () => require('../locales/fr/playback.json') as Messages,
    segments: () => require('../locales/fr/segments.json') as Messages,
    status: () => require('../locales/fr/status.json') as Messages,
  },
  ja: {
    account: () => require('../locales/ja/account.json') as Messages,
    autoplay: () => require('../locales/ja/autoplay.json') as Messages,
    commands: () => require('../locales/ja/commands.json') as Messages,
    common: () => require('../locales/ja/common.json') as Messages,
    errors: () => require('../locales/ja/errors.json') as Messages,
    fix: () => require('../locales/ja/fix.json') as Messages,
    help: () => require('../locales/ja/help.json') as Messages,
    library: () => require('../locales/ja/library.json') as Messages,
    lyrics: () => require('../locales/ja/lyrics.json') as Messages,
    panel: () => require('../locales/ja/panel.json') as Messages,
    playback: () => require('../locales/ja/playback.json') as Messages,
    segments: () => require('../locales/ja/segments.json') as Messages,
    status: () => require('../locales/ja/status.json') as Messages,
  },
  pl: {
    account: () => require('../locales/pl/account.json') as Messages,
    autoplay: () => require('../locales/pl/autoplay.json') as Messages,
    commands: () => require('../locales/pl/commands.json') as Messages,
    common: () => require('../locales/pl/common.json') as Messages,
    errors: () => require('../locales/pl/errors.json') as Messages,
    fix: () => require('../locales/pl/fix.json') as Messages,
    help: () => require('../locales/pl/help.json') as Messages,
    library: () => require('../locales/pl/library.json') as Messages,
    lyrics: () => require('../locales/pl/lyrics.json') as Messages,
    panel: () => require('../locales/pl/panel.json') as Messages,
    playback: () => require('../locales/pl/playback.json') as Messages,
    segments: () => require('../locales/pl/segments.json') as Messages,
    status: () => require('../locales/pl/status.json') as Messages,
  },
  'pt-BR': {
    account: () => require('../locales/pt-BR/account.json') as Messages,
    autoplay: () => require('../locales/pt-BR/autoplay.json') as Messages,
    commands: () => require('../locales/pt-BR/commands.json') as Messages,
    common: () => require('../locales/pt-BR/common.json') as Messages,
    errors: () => require('../locales/pt-BR/errors.json') as Messages,
    fix: () => require('../locales/pt-BR/fix.json') as Messages,
    help: () => require('../locales/pt-BR/help.json') as Messages,
    library: () => require('../locales/pt-BR/library.json') as Messages,
    lyrics: () => require('../locales/pt-BR/lyrics.json') as Messages,
    panel: () => require('../locales/pt-BR/panel.json') as Messages,
    playback: () => require('../locales/pt-BR/playback.json') as Messages,
    segments: () => require('../locales/pt-BR/segments.json') as Messages,
    status: () => require('../locales/pt-BR/status.json') as Messages,
  },
};
