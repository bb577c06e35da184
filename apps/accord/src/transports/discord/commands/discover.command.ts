import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { AutoplayService } from '../../../use-cases/autoplay/autoplay.service';
import { RecommendationReply } from '../presenters/recommendation.presenter';

@Command()
export class DiscoverCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'discover').toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly autoplay: AutoplayService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const { autoplay } = await this.autoplay.discoverNext(guildIdOf(interaction));
    await interaction.reply(RecommendationReply.discover(language, autoplay));
  }
}
