import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { onOffOption, readOnOff } from '../options/on-off.option';
import { DjGuard } from '../guards/dj.guard';
import { guildIdOf } from '../guards/voice-context';
import { Command, type SlashCommand } from '../slash-command';
import { AutoplayService } from '../../../use-cases/autoplay/autoplay.service';
import { RecommendationReply } from '../presenters/recommendation.presenter';

@Command()
export class AutoplayCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('autoplay')
    .setDescription('Pick songs for the room when the queue runs low (DJ)')
    .addStringOption(onOffOption)
    .toJSON();

  // A server setting: no need to sit in voice to change it.
  readonly guards = [DjGuard];

  constructor(private readonly autoplay: AutoplayService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const on = readOnOff(interaction);
    await this.autoplay.setAutoplay(guildIdOf(interaction), on);
    await interaction.reply(RecommendationReply.autoplay(on));
  }
}
