import { discordLocalesOf, t, type Language } from '@accord/i18n';
import {
  ApplicationCommandOptionType,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ACCORD_COLOR, type MessageView } from './message-view';

/** A name or description as Discord shows it to someone reading `language`. */
function inLanguage(language: Language, base: string, localizations: LocalizationMap | null | undefined): string {
  const [locale] = discordLocalesOf(language);
  return (locale && localizations?.[locale]) || base;
}

/** /help: every registered command with its options, from the definitions the registry holds. */
export function renderHelp(
  language: Language,
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
): MessageView {
  const lines = definitions
    .map((definition) => ({ definition, name: inLanguage(language, definition.name, definition.name_localizations) }))
    .sort((a, b) => a.name.localeCompare(b.name, language))
    .map(({ definition, name }) => {
      const options = (definition.options ?? [])
        .filter(
          (option) =>
            option.type !== ApplicationCommandOptionType.Subcommand &&
            option.type !== ApplicationCommandOptionType.SubcommandGroup,
        )
        .map((option) => {
          const optionName = inLanguage(language, option.name, option.name_localizations);
          return option.required ? `<${optionName}>` : `[${optionName}]`;
        });
      const usage = [`/${name}`, ...options].join(' ');
      const description = inLanguage(language, definition.description, definition.description_localizations);
      return `\`${usage}\`: ${description}`;
    });
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: t(language, 'help:title'),
        description: lines.join('\n'),
        footer: { text: t(language, 'help:footer') },
      },
    ],
    components: [],
  };
}
