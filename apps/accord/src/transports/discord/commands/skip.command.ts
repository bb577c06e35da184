import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { SkipVoteService } from '../../../domain/playback/skip-vote.service';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { renderSkipOutcome } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class SkipCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('skip')
    .setDescription('Skip the current song (the requester and DJs skip at once; others start a vote)')
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(
    private readonly skipVotes: SkipVoteService,
    private readonly dj: DjGuard,
  ) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const outcome = await this.skipVotes.request({
      guildId: guildIdOf(interaction),
      userId: interaction.user.id,
      isDj: async () => (await this.dj.check(interaction)).ok,
    });
    await interaction.reply(renderSkipOutcome(outcome, interaction.user.id));
  }
}
