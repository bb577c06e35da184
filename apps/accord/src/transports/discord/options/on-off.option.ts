import type { ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { localized, localizedChoice } from '../i18n/localized-command';

const ON_OFF_OPTION = 'mode';

/** The required `mode: on|off` option of a toggle command (/247, /autoplay). */
export function onOffOption(command: string): (option: SlashCommandStringOption) => SlashCommandStringOption {
  const key = `${command}.options.${ON_OFF_OPTION}`;
  return (option) =>
    localized(option, key)
      .setRequired(true)
      .addChoices(localizedChoice(`${key}.choices.on`, 'on'), localizedChoice(`${key}.choices.off`, 'off'));
}

/** Reads the toggle set with `onOffOption`. */
export function readOnOff(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getString(ON_OFF_OPTION, true) === 'on';
}
