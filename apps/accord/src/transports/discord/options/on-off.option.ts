import type { ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';

const ON_OFF_OPTION = 'mode';

/** The required `mode: on|off` option of a toggle command (/247, /autoplay). */
export function onOffOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName(ON_OFF_OPTION)
    .setDescription('On or off')
    .setRequired(true)
    .addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' });
}

/** Reads the toggle set with `onOffOption`. */
export function readOnOff(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getString(ON_OFF_OPTION, true) === 'on';
}
