import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthModule } from '../health/health.module';
import { CommandRegistryService } from './command-registry.service';
import { PingCommand } from './commands/ping.command';
import { DiscordClientModule } from './discord-client.module';
import { InteractionErrorPresenter } from './interaction-error.presenter';
import { InteractionRouterService } from './interaction-router.service';

/** Slash commands and their routing; each command is a provider marked with `@Command()`. */
@Module({
  imports: [DiscoveryModule, DiscordClientModule, HealthModule],
  providers: [CommandRegistryService, InteractionRouterService, InteractionErrorPresenter, PingCommand],
})
export class DiscordModule {}
