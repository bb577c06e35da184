import type { Language } from '@accord/i18n';
import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { SignInLinkService } from '../../../domain/sign-in-links/sign-in-link.service';
import { guildIdOf } from '../guards/voice-context';
import { PanelAccessGuard } from '../guards/panel-access.guard';
import { renderPanelLink, renderPanelNotConfigured } from '../presenters/panel-link.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

const LINK_PATH = '/api/v1/auth/link';

@Command()
export class PanelCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'panel')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setDMPermission(false)
    .toJSON();

  readonly guards = [PanelAccessGuard];

  constructor(
    private readonly links: SignInLinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const publicUrl = this.config.http.publicUrl;
    if (!publicUrl || !this.config.admin.sessionSecret) {
      await interaction.reply({ content: renderPanelNotConfigured(language), flags: MessageFlags.Ephemeral });
      return;
    }
    const guildId = guildIdOf(interaction);
    const { token, expiresAt } = await this.links.issue({
      userId: interaction.user.id,
      username: interaction.user.globalName ?? interaction.user.username,
      avatarUrl: interaction.user.avatarURL(),
      guildId,
      permissions: (interaction.memberPermissions?.bitfield ?? 0n).toString(),
      guildOwner: interaction.guild?.ownerId === interaction.user.id,
    });
    const url = new URL(LINK_PATH, publicUrl);
    url.searchParams.set('token', token);
    await interaction.reply({ ...renderPanelLink(language, url.toString(), expiresAt), flags: MessageFlags.Ephemeral });
  }
}
