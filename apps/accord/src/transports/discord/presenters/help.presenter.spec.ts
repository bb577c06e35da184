import { SlashCommandBuilder } from 'discord.js';
import { renderHelp } from './help.presenter';

describe(renderHelp.name, () => {
  const definitions = [
    new SlashCommandBuilder()
      .setName('play')
      .setNameLocalizations({ de: 'abspielen' })
      .setDescription('Play a song')
      .setDescriptionLocalizations({ de: 'Spielt einen Song' })
      .addStringOption((o) =>
        o.setName('query').setNameLocalizations({ de: 'suche' }).setDescription('q').setRequired(true),
      )
      .addBooleanOption((o) => o.setName('next').setDescription('n'))
      .toJSON(),
    new SlashCommandBuilder().setName('pause').setDescription('Pause the music').toJSON(),
  ];

  it('lists every command alphabetically with its required and optional options', () => {
    const [embed] = renderHelp('en', definitions).embeds;
    expect(embed.description).toBe('`/pause`: Pause the music\n`/play <query> [next]`: Play a song');
    expect(embed.footer?.text).toContain('DJ role');
  });

  it('lists the names and descriptions a reader of the language sees in Discord', () => {
    const [embed] = renderHelp('de', definitions).embeds;
    expect(embed.title).toBe('Accord-Befehle');
    expect(embed.description).toBe('`/abspielen <suche> [next]`: Spielt einen Song\n`/pause`: Pause the music');
  });
});
