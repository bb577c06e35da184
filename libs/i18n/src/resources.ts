// Written by `npm run i18n:index` (libs/i18n/bin/index-locales.ts) from libs/i18n/locales: do not edit.
import de_account from '../locales/de/account.json';
import de_autoplay from '../locales/de/autoplay.json';
import de_commands from '../locales/de/commands.json';
import de_common from '../locales/de/common.json';
import de_errors from '../locales/de/errors.json';
import de_fix from '../locales/de/fix.json';
import de_help from '../locales/de/help.json';
import de_library from '../locales/de/library.json';
import de_lyrics from '../locales/de/lyrics.json';
import de_panel from '../locales/de/panel.json';
import de_playback from '../locales/de/playback.json';
import de_segments from '../locales/de/segments.json';
import de_status from '../locales/de/status.json';
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
import es_account from '../locales/es/account.json';
import es_autoplay from '../locales/es/autoplay.json';
import es_commands from '../locales/es/commands.json';
import es_common from '../locales/es/common.json';
import es_errors from '../locales/es/errors.json';
import es_fix from '../locales/es/fix.json';
import es_help from '../locales/es/help.json';
import es_library from '../locales/es/library.json';
import es_lyrics from '../locales/es/lyrics.json';
import es_panel from '../locales/es/panel.json';
import es_playback from '../locales/es/playback.json';
import es_segments from '../locales/es/segments.json';
import es_status from '../locales/es/status.json';
import fr_account from '../locales/fr/account.json';
import fr_autoplay from '../locales/fr/autoplay.json';
import fr_commands from '../locales/fr/commands.json';
import fr_common from '../locales/fr/common.json';
import fr_errors from '../locales/fr/errors.json';
import fr_fix from '../locales/fr/fix.json';
import fr_help from '../locales/fr/help.json';
import fr_library from '../locales/fr/library.json';
import fr_lyrics from '../locales/fr/lyrics.json';
import fr_panel from '../locales/fr/panel.json';
import fr_playback from '../locales/fr/playback.json';
import fr_segments from '../locales/fr/segments.json';
import fr_status from '../locales/fr/status.json';
import ja_account from '../locales/ja/account.json';
import ja_autoplay from '../locales/ja/autoplay.json';
import ja_commands from '../locales/ja/commands.json';
import ja_common from '../locales/ja/common.json';
import ja_errors from '../locales/ja/errors.json';
import ja_fix from '../locales/ja/fix.json';
import ja_help from '../locales/ja/help.json';
import ja_library from '../locales/ja/library.json';
import ja_lyrics from '../locales/ja/lyrics.json';
import ja_panel from '../locales/ja/panel.json';
import ja_playback from '../locales/ja/playback.json';
import ja_segments from '../locales/ja/segments.json';
import ja_status from '../locales/ja/status.json';
import pl_account from '../locales/pl/account.json';
import pl_autoplay from '../locales/pl/autoplay.json';
import pl_commands from '../locales/pl/commands.json';
import pl_common from '../locales/pl/common.json';
import pl_errors from '../locales/pl/errors.json';
import pl_fix from '../locales/pl/fix.json';
import pl_help from '../locales/pl/help.json';
import pl_library from '../locales/pl/library.json';
import pl_lyrics from '../locales/pl/lyrics.json';
import pl_panel from '../locales/pl/panel.json';
import pl_playback from '../locales/pl/playback.json';
import pl_segments from '../locales/pl/segments.json';
import pl_status from '../locales/pl/status.json';
import pt_BR_account from '../locales/pt-BR/account.json';
import pt_BR_autoplay from '../locales/pt-BR/autoplay.json';
import pt_BR_commands from '../locales/pt-BR/commands.json';
import pt_BR_common from '../locales/pt-BR/common.json';
import pt_BR_errors from '../locales/pt-BR/errors.json';
import pt_BR_fix from '../locales/pt-BR/fix.json';
import pt_BR_help from '../locales/pt-BR/help.json';
import pt_BR_library from '../locales/pt-BR/library.json';
import pt_BR_lyrics from '../locales/pt-BR/lyrics.json';
import pt_BR_panel from '../locales/pt-BR/panel.json';
import pt_BR_playback from '../locales/pt-BR/playback.json';
import pt_BR_segments from '../locales/pt-BR/segments.json';
import pt_BR_status from '../locales/pt-BR/status.json';

/** Every message file, by language and namespace. */
export const resources = {
  de: {
    account: de_account,
    autoplay: de_autoplay,
    commands: de_commands,
    common: de_common,
    errors: de_errors,
    fix: de_fix,
    help: de_help,
    library: de_library,
    lyrics: de_lyrics,
    panel: de_panel,
    playback: de_playback,
    segments: de_segments,
    status: de_status,
  },
  en: {
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
  },
  es: {
    account: es_account,
    autoplay: es_autoplay,
    commands: es_commands,
    common: es_common,
    errors: es_errors,
    fix: es_fix,
    help: es_help,
    library: es_library,
    lyrics: es_lyrics,
    panel: es_panel,
    playback: es_playback,
    segments: es_segments,
    status: es_status,
  },
  fr: {
    account: fr_account,
    autoplay: fr_autoplay,
    commands: fr_commands,
    common: fr_common,
    errors: fr_errors,
    fix: fr_fix,
    help: fr_help,
    library: fr_library,
    lyrics: fr_lyrics,
    panel: fr_panel,
    playback: fr_playback,
    segments: fr_segments,
    status: fr_status,
  },
  ja: {
    account: ja_account,
    autoplay: ja_autoplay,
    commands: ja_commands,
    common: ja_common,
    errors: ja_errors,
    fix: ja_fix,
    help: ja_help,
    library: ja_library,
    lyrics: ja_lyrics,
    panel: ja_panel,
    playback: ja_playback,
    segments: ja_segments,
    status: ja_status,
  },
  pl: {
    account: pl_account,
    autoplay: pl_autoplay,
    commands: pl_commands,
    common: pl_common,
    errors: pl_errors,
    fix: pl_fix,
    help: pl_help,
    library: pl_library,
    lyrics: pl_lyrics,
    panel: pl_panel,
    playback: pl_playback,
    segments: pl_segments,
    status: pl_status,
  },
  'pt-BR': {
    account: pt_BR_account,
    autoplay: pt_BR_autoplay,
    commands: pt_BR_commands,
    common: pt_BR_common,
    errors: pt_BR_errors,
    fix: pt_BR_fix,
    help: pt_BR_help,
    library: pt_BR_library,
    lyrics: pt_BR_lyrics,
    panel: pt_BR_panel,
    playback: pt_BR_playback,
    segments: pt_BR_segments,
    status: pt_BR_status,
  },
};
