export {
  DISCORD_LOCALE_LANGUAGE,
  discordLocalesOf,
  isLanguage,
  LANGUAGES,
  languageOf,
  matchLanguage,
  type DiscordLocale,
  type Language,
  type PlannedLanguage,
} from './languages';
export { discordLocalizations, messageFiles, rawMessage, t, type Messages } from './translate';
