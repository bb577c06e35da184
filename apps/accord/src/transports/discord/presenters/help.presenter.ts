import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ACCORD_COLOR, type MessageView } from './message-view';

/** /help: every registered command with its options, from the definitions the registry holds. */
export function renderHelp(definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[]): MessageView {
  const lines = [...definitions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((definition) => {
      const options = (definition.options ?? [])
        .filter(
          (option) =>
            option.type !== ApplicationCommandOptionType.Subcommand &&
            option.type !== ApplicationCommandOptionType.SubcommandGroup,
        )
        .map((option) => (option.required ? `<${option.name}>` : `[${option.name}]`));
      const usage = [`/${definition.name}`, ...options].join(' ');
      return `\`${usage}\`: ${definition.description}`;
    });
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: 'Accord commands',
        description: lines.join('\n'),
        footer: {
          text: 'Destructive commands need the DJ role, Manage Server, or being alone with me. Anyone can vote to skip.',
        },
      },
    ],
    components: [],
  };
}
