import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Client } from 'discord.js';
import { Kazagumo } from 'kazagumo';
import { Connectors, type NodeOption } from 'shoukaku';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DISCORD_CLIENT } from '../discord/discord-client.provider';

/** Connection states as shoukaku numbers them. */
const NODE_STATE = ['connecting', 'connected', 'disconnecting', 'disconnected'] as const;
export type LavalinkNodeState = (typeof NODE_STATE)[number] | 'gave-up';

export interface LavalinkNodeStatus {
  name: string;
  state: LavalinkNodeState;
  players: number;
  playingPlayers: number;
  cpuLoad?: number;
}

/**
 * The one place that talks to Lavalink. It owns the kazagumo manager (and shoukaku under it), logs
 * node life, and re-adds a node that shoukaku gave up on, so a Lavalink that comes back after a
 * long outage is used again without a bot restart.
 */
@Injectable()
export class LavalinkService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LavalinkService.name);
  private readonly nodeOptions: NodeOption[];
  private supervisor?: NodeJS.Timeout;
  readonly kazagumo: Kazagumo;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DISCORD_CLIENT) private readonly client: Client,
  ) {
    this.nodeOptions = config.lavalink.nodes.map((node) => ({
      name: node.name,
      url: `${node.host}:${node.port}`,
      auth: node.password,
      secure: node.secure,
    }));
    // Created before the Discord login: the connector waits for the client's ready event.
    this.kazagumo = new Kazagumo(
      {
        defaultSearchEngine: 'youtube_music',
        send: (guildId, payload) => {
          this.client.guilds.cache.get(guildId)?.shard.send(payload);
        },
      },
      new Connectors.DiscordJS(client),
      this.nodeOptions,
      {
        resume: true,
        resumeTimeout: config.lavalink.resumeTimeoutS,
        resumeByLibrary: false,
        reconnectTries: 3,
        reconnectInterval: config.lavalink.reconnectIntervalS,
        restTimeout: 15,
        moveOnDisconnect: false,
        voiceConnectionTimeout: 15,
      },
    );
  }

  onModuleInit(): void {
    const shoukaku = this.kazagumo.shoukaku;
    shoukaku.on('ready', (name, lavalinkResume) =>
      this.logger.log(`Lavalink node "${name}" ready${lavalinkResume ? ' (session resumed)' : ''}`),
    );
    shoukaku.on('close', (name, code, reason) =>
      this.logger.warn(`Lavalink node "${name}" closed (${code}${reason ? `: ${reason}` : ''})`),
    );
    shoukaku.on('reconnecting', (name, left, interval) =>
      this.logger.warn(`Lavalink node "${name}" unreachable; retrying in ${interval} s (${left} tries left)`),
    );
    shoukaku.on('error', (name, error) => this.logger.error(`Lavalink node "${name}": ${error.message}`));
    shoukaku.on('debug', (name, message) => this.logger.debug(`[${name}] ${message}`));

    const everyMs = this.config.lavalink.reconnectIntervalS * 1000;
    this.supervisor = setInterval(() => this.readdLostNodes(), everyMs);
    this.supervisor.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.supervisor);
    const shoukaku = this.kazagumo.shoukaku;
    // shoukaku reconnects from its close handler and retry loop; stop both, then close the sockets
    // without destroying players: Lavalink keeps them playing for the resume timeout.
    shoukaku.options.reconnectTries = 0;
    for (const node of shoukaku.nodes.values()) {
      node.ws?.removeAllListeners();
      node.ws?.close(1000, 'Accord is restarting');
    }
    shoukaku.nodes.clear();
  }

  /** Every configured node with its state; a node shoukaku dropped after its retries is `gave-up`. */
  nodes(): LavalinkNodeStatus[] {
    return this.nodeOptions.map(({ name }) => {
      const node = this.kazagumo.shoukaku.nodes.get(name);
      if (!node) return { name, state: 'gave-up', players: 0, playingPlayers: 0 };
      return {
        name,
        state: NODE_STATE[node.state] ?? 'disconnected',
        players: node.stats?.players ?? 0,
        playingPlayers: node.stats?.playingPlayers ?? 0,
        cpuLoad: node.stats?.cpu.lavalinkLoad,
      };
    });
  }

  /** REST round trip to each connected node, in milliseconds (null when it did not answer). */
  async latencies(): Promise<Array<{ name: string; ms: number | null }>> {
    return Promise.all(
      this.nodeOptions.map(async ({ name }) => {
        const node = this.kazagumo.shoukaku.nodes.get(name);
        if (!node || NODE_STATE[node.state] !== 'connected') return { name, ms: null };
        const started = performance.now();
        try {
          await node.rest.getLavalinkInfo();
          return { name, ms: Math.round(performance.now() - started) };
        } catch {
          return { name, ms: null };
        }
      }),
    );
  }

  private readdLostNodes(): void {
    const shoukaku = this.kazagumo.shoukaku;
    // Before the Discord client is ready shoukaku has no user id and adds nodes itself.
    if (!shoukaku.id) return;
    for (const option of this.nodeOptions) {
      if (shoukaku.nodes.has(option.name)) continue;
      this.logger.warn(`Lavalink node "${option.name}" was given up after its retries; connecting again`);
      shoukaku.addNode(option);
    }
  }
}
