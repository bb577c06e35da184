import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Events, MessageFlags, type Client, type Interaction } from 'discord.js';
import { withCorrelationId } from '../logging/correlation';
import { CommandRegistryService } from './command-registry.service';
import { DISCORD_CLIENT } from './discord-client.provider';
import { InteractionErrorPresenter } from './interaction-error.presenter';

/** Sends each interaction to its command, with the interaction id as the correlation id of its logs. */
@Injectable()
export class InteractionRouterService implements OnModuleInit {
  private readonly logger = new Logger(InteractionRouterService.name);

  constructor(
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    private readonly registry: CommandRegistryService,
    private readonly errors: InteractionErrorPresenter,
  ) {}

  onModuleInit(): void {
    this.client.on(Events.InteractionCreate, (interaction) => {
      void withCorrelationId(interaction.id, () => this.route(interaction));
    });
  }

  private async route(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = this.registry.find(interaction.commandName);
      if (!command) {
        await interaction
          .reply({
            content: 'I do not know this command any more; it may take a minute to disappear.',
            flags: MessageFlags.Ephemeral,
          })
          .catch(() => undefined);
        return;
      }
      this.logger.debug(`/${interaction.commandName} by ${interaction.user.id} in ${interaction.guildId ?? 'DM'}`);
      await command.execute(interaction).catch((error: unknown) => this.errors.present(interaction, error));
      return;
    }
    if (interaction.isAutocomplete()) {
      const command = this.registry.find(interaction.commandName);
      if (!command?.autocomplete) return;
      await command.autocomplete(interaction).catch((error: unknown) => {
        this.logger.warn(`Autocomplete for /${interaction.commandName} failed: ${String(error)}`);
        return interaction.respond([]).catch(() => undefined);
      });
    }
  }
}
