import { discordLocalizations, t } from '@accord/i18n';
import type { APIApplicationCommandOptionChoice } from 'discord.js';

/** What a command, subcommand or option builder has for its words. */
interface Describable {
  setName(name: string): this;
  setNameLocalizations(localizations: Record<string, string>): this;
  setDescription(description: string): this;
  setDescriptionLocalizations(localizations: Record<string, string>): this;
}

/**
 * Names and describes a command, subcommand or option from `commands:<key>` (`key.name`,
 * `key.description`), in English and with every other language's localizations. The English name
 * in the message file is the one handlers read options by; the command definition spec checks it.
 */
export function localized<T extends Describable>(builder: T, key: string): T {
  return builder
    .setName(t('en', `commands:${key}.name`))
    .setNameLocalizations(discordLocalizations(`commands:${key}.name`))
    .setDescription(t('en', `commands:${key}.description`))
    .setDescriptionLocalizations(discordLocalizations(`commands:${key}.description`));
}

/** A choice of a string option, named from `commands:<key>` in every language. */
export function localizedChoice(key: string, value: string): APIApplicationCommandOptionChoice<string> {
  return { name: t('en', `commands:${key}`), name_localizations: discordLocalizations(`commands:${key}`), value };
}
