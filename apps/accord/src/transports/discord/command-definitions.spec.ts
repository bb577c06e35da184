import 'reflect-metadata';
import { DISCORD_LOCALE_LANGUAGE, LANGUAGES, discordLocalesOf, messageFiles } from '@accord/i18n';
import { DISCORD_NAME, flatten } from '@accord/i18n/message-checks';
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOption,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { DiscordModule } from './discord.module';
import { SLASH_COMMAND_METADATA, type SlashCommand } from './slash-command';

/**
 * Every slash command as registered with Discord, in every language: built from the commands the
 * Discord module provides (each constructed without its services: a definition needs none).
 */
const definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[] = (
  Reflect.getMetadata('providers', DiscordModule) as Array<new (...args: unknown[]) => SlashCommand>
)
  .filter((provider) => Reflect.getMetadata(SLASH_COMMAND_METADATA, provider) === true)
  .map((Provider) => new Provider().definition);

const translated = LANGUAGES.filter((language) => language !== 'en');
const localesOf = (localizations: LocalizationMap | null | undefined): string[] => Object.keys(localizations ?? {});

/** A command's options and subcommands' options, each with the path that names it. */
function optionsOf(
  options: readonly APIApplicationCommandOption[] | undefined,
  path: string,
): Array<{ path: string; option: APIApplicationCommandOption }> {
  return (options ?? []).flatMap((option) => [
    { path: `${path} ${option.name}`, option },
    ...('options' in option ? optionsOf(option.options, `${path} ${option.name}`) : []),
  ]);
}

function nameProblems(path: string, name: string, locale: string): string[] {
  const problems: string[] = [];
  if (!DISCORD_NAME.test(name)) problems.push(`${path} (${locale}): "${name}" does not fit Discord's name rule`);
  if (name !== name.toLocaleLowerCase(locale)) problems.push(`${path} (${locale}): "${name}" is not lowercase`);
  return problems;
}

describe('slash command definitions', () => {
  it('finds the commands', () => {
    expect(definitions.map((definition) => definition.name)).toEqual(
      expect.arrayContaining(['play', 'skip', 'queue', 'help']),
    );
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '/%s has a name and description in every language, within Discord limits',
    (_name, definition) => {
      const problems: string[] = [];
      const check = (
        path: string,
        item: {
          name: string;
          name_localizations?: LocalizationMap | null;
          description?: string;
          description_localizations?: LocalizationMap | null;
        },
      ): void => {
        problems.push(...nameProblems(path, item.name, 'en-US'));
        for (const [locale, name] of Object.entries(item.name_localizations ?? {}))
          problems.push(...nameProblems(path, name ?? '', locale));
        for (const description of [item.description, ...Object.values(item.description_localizations ?? {})])
          if (!description || description.length > 100)
            problems.push(`${path}: description "${description}" is not 1-100 characters`);
        for (const language of translated)
          for (const locale of discordLocalesOf(language)) {
            if (!localesOf(item.name_localizations).includes(locale)) problems.push(`${path}: no ${locale} name`);
            if (!localesOf(item.description_localizations).includes(locale))
              problems.push(`${path}: no ${locale} description`);
          }
      };
      check(`/${definition.name}`, definition);
      for (const { path, option } of optionsOf(definition.options, `/${definition.name}`)) {
        check(path, option);
        const choices = 'choices' in option ? (option.choices ?? []) : [];
        for (const choice of choices)
          for (const name of [choice.name, ...Object.values(choice.name_localizations ?? {})])
            if (!name || name.length > 100) problems.push(`${path}: choice "${name}" is not 1-100 characters`);
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(['en-US', ...Object.keys(DISCORD_LOCALE_LANGUAGE).filter((locale) => !locale.startsWith('en'))])(
    'gives every command, and every option of a command, its own name in %s',
    (locale) => {
      const named = (item: { name: string; name_localizations?: LocalizationMap | null }): string =>
        (item.name_localizations as Record<string, string> | null | undefined)?.[locale] ?? item.name;
      const duplicates = (names: string[]): string[] => names.filter((name, index) => names.indexOf(name) !== index);
      expect(duplicates(definitions.map(named))).toEqual([]);
      for (const definition of definitions) {
        expect(duplicates((definition.options ?? []).map(named))).toEqual([]);
        for (const option of definition.options ?? [])
          if (option.type === ApplicationCommandOptionType.Subcommand)
            expect(duplicates((option.options ?? []).map(named))).toEqual([]);
      }
    },
  );

  it.each(LANGUAGES.map((language) => [language] as const))(
    'the %s messages name commands as that language shows them',
    (language) => {
      const [locale] = discordLocalesOf(language);
      const shown = new Map<string, string>();
      for (const definition of definitions) {
        const name =
          language === 'en'
            ? definition.name
            : ((definition.name_localizations as Record<string, string> | null | undefined)?.[locale] ??
              definition.name);
        shown.set(definition.name, name);
      }
      const everyName = new Set(
        definitions.flatMap((definition) => [definition.name, ...Object.values(definition.name_localizations ?? {})]),
      );
      // What Discord shows: every namespace but the web panel's.
      const messages = Object.entries(messageFiles(language))
        .filter(([namespace]) => namespace !== 'panel')
        .flatMap(([namespace, tree]) => [...flatten(namespace, tree)]);
      const problems = messages.flatMap(([key, text]) =>
        [...text.matchAll(/(?:^|[\s`(„“"])\/([-_\p{L}\p{N}]+)/gu)]
          .map((match) => match[1])
          .filter((name) => everyName.has(name) && ![...shown.values()].includes(name))
          .map((name) => `${key} says /${name}, which ${language} readers see as another name`),
      );
      expect(problems).toEqual([]);
    },
  );
});
