import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { t } from '@accord/i18n';
import {
  Events,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
} from 'discord.js';
import { withCorrelationId } from '../../logging/correlation';
import { PlaybackService } from '../../domain/playback/playback.service';
import { ButtonRegistryService } from './button-registry.service';
import { CommandRegistryService } from './command-registry.service';
import { DISCORD_CLIENT } from '../../adapters/discord-client/discord-client.provider';
import { GuardRunnerService } from './guards/guard-runner.service';
import { InteractionLanguageService } from './i18n/interaction-language.service';
import { InteractionErrorPresenter } from './interaction-error.presenter';

/**
 * Right after a restart, a command waits this long at most for the saved sessions to be restored
 * (usually well under a second), leaving time to answer within Discord's 3 s.
 */
const RESTORE_WAIT_MS = 1_500;

/**
 * Sends each interaction to its command (after its guards) or button handler, with the interaction
 * id as the correlation id of its logs. Nothing thrown here escapes: errors reach the user through
 * the error presenter.
 */
@Injectable()
export class InteractionRouterService implements OnModuleInit {
  private readonly logger = new Logger(InteractionRouterService.name);

  constructor(
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    private readonly registry: CommandRegistryService,
    private readonly buttons: ButtonRegistryService,
    private readonly guards: GuardRunnerService,
    private readonly errors: InteractionErrorPresenter,
    private readonly playback: PlaybackService,
    private readonly languages: InteractionLanguageService,
  ) {}

  onModuleInit(): void {
    this.client.on(Events.InteractionCreate, (interaction) => {
      void withCorrelationId(interaction.id, () => this.route(interaction));
    });
  }

  private async route(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isButton()) return this.button(interaction);
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const language = await this.languages.forInteraction(interaction);
    const command = this.registry.find(interaction.commandName);
    if (!command) {
      await interaction
        .reply({ content: t(language, 'common:unknownCommand'), flags: MessageFlags.Ephemeral })
        .catch(() => undefined);
      return;
    }
    this.logger.debug(`/${interaction.commandName} by ${interaction.user.id} in ${interaction.guildId ?? 'DM'}`);
    try {
      await this.playback.whenRestored(RESTORE_WAIT_MS);
      const refusal = await this.guards.run(command.guards ?? [], interaction);
      if (refusal) return await this.errors.refuse(interaction, refusal, language);
      await command.execute(interaction, language);
    } catch (error: unknown) {
      await this.errors.present(interaction, error, language);
    }
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = this.registry.find(interaction.commandName);
    // An option the command does not complete (a stale or forged request): no suggestions, but an answer.
    if (!command?.autocomplete) return interaction.respond([]).catch(() => undefined);
    await command.autocomplete(interaction).catch((error: unknown) => {
      this.logger.warn(`Autocomplete for /${interaction.commandName} failed: ${String(error)}`);
      if (!interaction.responded) return interaction.respond([]).catch(() => undefined);
    });
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const language = await this.languages.forInteraction(interaction);
    const handler = this.buttons.find(interaction.customId);
    if (!handler) {
      await interaction
        .reply({ content: t(language, 'common:expiredButton'), flags: MessageFlags.Ephemeral })
        .catch(() => undefined);
      return;
    }
    this.logger.debug(`button ${interaction.customId} by ${interaction.user.id} in ${interaction.guildId ?? 'DM'}`);
    await this.playback.whenRestored(RESTORE_WAIT_MS);
    await handler
      .handle(interaction, language)
      .catch((error: unknown) => this.errors.present(interaction, error, language));
  }
}
