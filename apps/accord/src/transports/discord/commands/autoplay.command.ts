import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { onOffOption, readOnOff } from '../options/on-off.option';
import { DjGuard } from '../guards/dj.guard';
import { guildIdOf } from '../guards/voice-context';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { AutoplayService } from '../../../use-cases/autoplay/autoplay.service';
import { RecommendationReply } from '../presenters/recommendation.presenter';

@Command()
export class AutoplayCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'autoplay')
    .addStringOption(onOffOption('autoplay'))
    .toJSON();

  // A server setting: no need to sit in voice to change it.
  readonly guards = [DjGuard];

  constructor(private readonly autoplay: AutoplayService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const on = readOnOff(interaction);
    await this.autoplay.setAutoplay(guildIdOf(interaction), on);
    await interaction.reply(RecommendationReply.autoplay(language, on));
  }
}
