import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Events, type Client } from 'discord.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DISCORD_CLIENT } from '../../adapters/discord-client/discord-client.provider';
import { retryWithBackoff } from '../../adapters/discord-client/discord-retry';
import { SLASH_COMMAND_METADATA, type SlashCommand } from './slash-command';

/**
 * Finds every `@Command()` provider and registers the set with Discord once the client is ready;
 * a failed registration (Discord unreachable, 5xx, 429) is retried with the login's backoff.
 */
@Injectable()
export class CommandRegistryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CommandRegistryService.name);
  private readonly commands = new Map<string, SlashCommand>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.metatype || !instance) continue;
      if (!this.reflector.get<boolean | undefined>(SLASH_COMMAND_METADATA, wrapper.metatype)) continue;
      const command = instance as SlashCommand;
      this.commands.set(command.definition.name, command);
    }
    this.client.once(Events.ClientReady, () => {
      void retryWithBackoff({
        run: () => this.register(),
        onRetry: ({ attempt, delayMs, reason }) =>
          this.logger.warn(
            `Could not register slash commands: ${reason}; attempt ${attempt + 1} in ${(delayMs / 1_000).toFixed(1)} s`,
          ),
        // A refused token here means it was revoked after the login; the gateway close that
        // follows stops the bot. Until then, there is nothing to register with.
        onFatal: (reason) => this.logger.error(`Could not register slash commands: ${reason}`),
        signal: this.stopping.signal,
      });
    });
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }

  find(name: string): SlashCommand | undefined {
    return this.commands.get(name);
  }

  all(): SlashCommand[] {
    return [...this.commands.values()];
  }

  /** Registers to the development guild when one is set (instant), else globally. */
  private async register(): Promise<void> {
    const application = this.client.application;
    if (!application) throw new Error('the client has no application');
    const definitions = this.all().map((command) => command.definition);
    const guildId = this.config.discord.devGuildId;
    if (guildId) {
      await application.commands.set(definitions, guildId);
      this.logger.log(`Registered ${definitions.length} slash command(s) in development server ${guildId}`);
    } else {
      await application.commands.set(definitions);
      this.logger.log(`Registered ${definitions.length} slash command(s) globally`);
    }
  }
}
