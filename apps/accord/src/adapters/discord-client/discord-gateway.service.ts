import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Events, Status, type Client } from 'discord.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DISCORD_CLIENT } from './discord-client.provider';

/** Logs the bot in once every module is ready, reports gateway health, and logs out on shutdown. */
@Injectable()
export class DiscordGatewayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DiscordGatewayService.name);

  constructor(
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.client.once(Events.ClientReady, (ready) =>
      this.logger.log(`Logged in to Discord as ${ready.user.tag} in ${ready.guilds.cache.size} server(s)`),
    );
    this.client.on(Events.ShardDisconnect, (event, shardId) =>
      this.logger.warn(`Gateway shard ${shardId} disconnected (${event.code})`),
    );
    this.client.on(Events.ShardReconnecting, (shardId) => this.logger.warn(`Gateway shard ${shardId} reconnecting`));
    this.client.on(Events.ShardResume, (shardId) => this.logger.log(`Gateway shard ${shardId} resumed`));
    this.client.on(Events.Warn, (message) => this.logger.warn(message));
    this.client.on(Events.Error, (error) => this.logger.error(`Discord client error: ${error.message}`, error.stack));
    await this.client.login(this.config.discord.token);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.destroy();
  }

  isReady(): boolean {
    return this.client.isReady() && this.client.ws.status === Status.Ready;
  }

  /** Gateway heartbeat round trip in milliseconds, or null before the first heartbeat. */
  ping(): number | null {
    const ping = this.client.ws.ping;
    return ping >= 0 ? ping : null;
  }
}
