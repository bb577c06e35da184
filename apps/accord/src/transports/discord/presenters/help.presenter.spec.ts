import { SlashCommandBuilder } from 'discord.js';
import { renderHelp } from './help.presenter';

describe(renderHelp.name, () => {
  it('lists every command alphabetically with its required and optional options', () => {
    const definitions = [
      new SlashCommandBuilder()
        .setName('play')
        .setDescription('Play a song')
        .addStringOption((o) => o.setName('query').setDescription('q').setRequired(true))
        .addBooleanOption((o) => o.setName('next').setDescription('n'))
        .toJSON(),
      new SlashCommandBuilder().setName('pause').setDescription('Pause the music').toJSON(),
    ];
    const [embed] = renderHelp(definitions).embeds;
    expect(embed.description).toBe('`/pause`: Pause the music\n`/play <query> [next]`: Play a song');
    expect(embed.footer?.text).toContain('DJ role');
  });
});
