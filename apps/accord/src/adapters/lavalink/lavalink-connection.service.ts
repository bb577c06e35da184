import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Events, type Client } from 'discord.js';
import { Kazagumo, type KazagumoPlayer } from 'kazagumo';
import { Connectors, Constants, Node, type NodeOption, type Player, type Track } from 'shoukaku';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DISCORD_CLIENT } from '../../shared/discord-client.token';
import { LavalinkSessionRepository } from './lavalink-session.repository';
import { SourceAttemptReporter } from './source-attempt.reporter';
import type { LavalinkNodeState, LavalinkNodeStatus, PlayerEventListener } from './lavalink.types';

/** Connection states as shoukaku numbers them. */
const NODE_STATE: readonly LavalinkNodeState[] = ['connecting', 'connected', 'disconnecting', 'disconnected'];
export const CONNECTED = Constants.State.CONNECTED;

/**
 * The Lavalink nodes and the kazagumo manager (and shoukaku under it), private to this adapter:
 * it logs node life, re-adds a node shoukaku gave up on, moves players off a dead node, remembers
 * each node's session id so a restarted bot resumes the session Lavalink kept playing, and passes
 * player events to playback's listener. `LavalinkService` drives the players through it.
 */
@Injectable()
export class LavalinkConnectionService implements OnModuleInit, OnApplicationShutdown {
  // The panel's log filter knows the adapter by this context.
  private readonly logger = new Logger('LavalinkService');
  private readonly nodeOptions: NodeOption[];
  /** Where each guild's player should live: used when (re)creating a player after a restart. */
  private readonly preferredNode = new Map<string, string>();
  private listener?: PlayerEventListener;
  private supervisor?: NodeJS.Timeout;
  private stopping = false;
  private readonly kazagumo: Kazagumo;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    private readonly sessions: LavalinkSessionRepository,
    private readonly attempts: SourceAttemptReporter,
  ) {
    this.nodeOptions = config.lavalink.nodes.map((node) => ({
      name: node.name,
      url: `${node.host}:${node.port}`,
      auth: node.password,
      secure: node.secure,
    }));
    // Created before the Discord login: the connector waits for the client's ready event. No nodes
    // are given here: `connectNodes` adds them once the bot user id is known, with their saved
    // session ids so that Lavalink resumes the session it kept playing.
    this.kazagumo = new Kazagumo(
      {
        defaultSearchEngine: 'youtube_music',
        send: (guildId, payload) => {
          this.client.guilds.cache.get(guildId)?.shard.send(payload);
        },
      },
      new Connectors.DiscordJS(client),
      [],
      {
        resume: true,
        resumeTimeout: config.lavalink.resumeTimeoutS,
        resumeByLibrary: false,
        reconnectTries: 3,
        reconnectInterval: config.lavalink.reconnectIntervalS,
        restTimeout: 15,
        moveOnDisconnect: false,
        voiceConnectionTimeout: 15,
        nodeResolver: (nodes, connection) => this.resolveNode(nodes, connection?.guildId),
      },
    );
  }

  onModuleInit(): void {
    const shoukaku = this.kazagumo.shoukaku;
    shoukaku.on('ready', (name, lavalinkResume) => {
      this.logger.log(`Lavalink node "${name}" ready${lavalinkResume ? ' (session resumed)' : ''}`);
      const sessionId = shoukaku.nodes.get(name)?.sessionId;
      if (sessionId) void this.sessions.save(name, sessionId).catch(() => undefined);
      void this.reattachPlayers(name, lavalinkResume).finally(() => this.listener?.onNodeReady(name, lavalinkResume));
    });
    shoukaku.on('close', (name, code, reason) => {
      if (this.stopping) return;
      this.logger.warn(`Lavalink node "${name}" closed (${code}${reason ? `: ${reason}` : ''})`);
      const lost = [...this.kazagumo.shoukaku.players.values()].filter((player) => player.node.name === name);
      if (lost.length > 0) this.listener?.onNodeLost(lost.map((player) => player.guildId));
      void this.moveOffNode(name);
    });
    shoukaku.on('reconnecting', (name, left, interval) => {
      if (!this.stopping)
        this.logger.warn(`Lavalink node "${name}" unreachable; retrying in ${interval} s (${left} tries left)`);
    });
    shoukaku.on('error', (name, error) => {
      if (!this.stopping) this.logger.error(`Lavalink node "${name}": ${error.message}`);
    });
    shoukaku.on('debug', (name, message) => {
      if (!this.stopping) this.logger.debug(`[${name}] ${message}`);
    });

    // The connector sets the bot user id on the client's ready event; nodes can connect after it.
    this.client.once(Events.ClientReady, () => void this.connectNodes());
    const everyMs = this.config.lavalink.reconnectIntervalS * 1000;
    this.supervisor = setInterval(() => this.readdLostNodes(), everyMs);
    this.supervisor.unref();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
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

  setListener(listener: PlayerEventListener): void {
    this.listener = listener;
  }

  // --- nodes -----------------------------------------------------------------------------

  /** Every configured node with its state; a node shoukaku dropped after its retries is `gave-up`. */
  nodes(): LavalinkNodeStatus[] {
    return this.nodeOptions.map(({ name }) => {
      const node = this.kazagumo.shoukaku.nodes.get(name);
      if (!node) return { name, state: 'gave-up', players: 0, playingPlayers: 0 };
      return {
        name,
        state: NODE_STATE[node.state as number] ?? 'disconnected',
        players: node.stats?.players ?? 0,
        playingPlayers: node.stats?.playingPlayers ?? 0,
        cpuLoad: node.stats?.cpu.lavalinkLoad,
      };
    });
  }

  /** The last `stats` message a node sent, if any. */
  nodeStats(name: string): Node['stats'] {
    return this.kazagumo.shoukaku.nodes.get(name)?.stats ?? null;
  }

  /** True when at least one node can take players now. */
  isAvailable(): boolean {
    return [...this.kazagumo.shoukaku.nodes.values()].some((node) => node.state === CONNECTED);
  }

  /** REST round trip to each connected node, in milliseconds (null when it did not answer). */
  async latencies(): Promise<Array<{ name: string; ms: number | null }>> {
    return Promise.all(
      this.nodeOptions.map(async ({ name }) => {
        const node = this.kazagumo.shoukaku.nodes.get(name);
        if (!node || node.state !== CONNECTED) return { name, ms: null };
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

  /** A connected node by name. */
  connectedNode(name: string): Node | undefined {
    const node = this.kazagumo.shoukaku.nodes.get(name);
    return node?.state === CONNECTED ? node : undefined;
  }

  idealNode(): Node | undefined {
    return this.kazagumo.shoukaku.getIdealNode();
  }

  /** Listeners on the manager and shoukaku (the soak drill checks that they do not pile up). */
  eventListenerCount(): number {
    return [this.kazagumo, this.kazagumo.shoukaku].reduce(
      (sum, emitter) => sum + emitter.eventNames().reduce((count, name) => count + emitter.listenerCount(name), 0),
      0,
    );
  }

  // --- players ---------------------------------------------------------------------------

  player(guildId: string): Player | undefined {
    return this.kazagumo.shoukaku.players.get(guildId);
  }

  /** Creates a guild's player (on `node` when given) and passes its events to the listener. */
  async createPlayer(options: {
    guildId: string;
    voiceChannelId: string;
    textChannelId: string;
    node?: string;
  }): Promise<Player> {
    if (options.node) this.preferredNode.set(options.guildId, options.node);
    const guild = this.client.guilds.cache.get(options.guildId);
    const player: KazagumoPlayer = await this.kazagumo.createPlayer({
      guildId: options.guildId,
      voiceId: options.voiceChannelId,
      textId: options.textChannelId,
      shardId: guild?.shardId ?? 0,
      deaf: true,
      nodeName: options.node,
    });
    this.watch(options.guildId, player.shoukaku);
    this.preferredNode.set(options.guildId, player.shoukaku.node.name);
    return player.shoukaku;
  }

  /** Leaves the voice channel and destroys the player on Lavalink. */
  async destroyPlayer(guildId: string): Promise<void> {
    this.preferredNode.delete(guildId);
    const player = this.kazagumo.players.get(guildId);
    if (player) {
      // Leaves voice (op 4) and deletes the Lavalink player; a dead node must not block leaving.
      await player.destroy().catch((error: unknown) => this.logger.warn(`Leaving guild ${guildId}: ${String(error)}`));
      this.kazagumo.players.delete(guildId);
    } else {
      await this.kazagumo.shoukaku.leaveVoiceChannel(guildId).catch(() => undefined);
    }
    // kazagumo only destroys players it created; a connection without one is left behind.
    this.kazagumo.shoukaku.connections.get(guildId)?.disconnect();
    this.kazagumo.shoukaku.connections.delete(guildId);
  }

  // --- internals -------------------------------------------------------------------------

  private watch(guildId: string, player: Player): void {
    player.removeAllListeners('start').on('start', (event) => {
      this.attempts.started(guildId, event.track);
      this.listener?.onTrackStart(guildId);
    });
    player.removeAllListeners('end').on('end', (event) => {
      this.attempts.ended(guildId, event.reason);
      this.listener?.onTrackEnd(guildId, event.reason);
    });
    player.removeAllListeners('exception').on('exception', (event) => {
      // Lavalink sends the track with the exception although shoukaku's type leaves it out.
      this.attempts.playFailed(guildId, (event as typeof event & { track?: Track }).track, event.exception);
      this.listener?.onTrackException(guildId, event.exception.message);
    });
    player.removeAllListeners('stuck').on('stuck', (event) => {
      this.attempts.stuck(guildId, event.track);
      this.listener?.onTrackStuck(guildId);
    });
    player.removeAllListeners('closed').on('closed', (event) => this.listener?.onVoiceClosed(guildId, event.code));
    player.removeAllListeners('update').on('update', (event) => {
      this.attempts.moved(guildId, event.state.position ?? 0);
      this.listener?.onPosition(guildId, event.state.position ?? 0);
    });
  }

  /** Prefers the node a guild's player belongs on, else the least loaded connected node. */
  private resolveNode(nodes: Map<string, Node>, guildId?: string): Node | undefined {
    const preferred = guildId ? nodes.get(this.preferredNode.get(guildId) ?? '') : undefined;
    if (preferred?.state === CONNECTED) return preferred;
    return [...nodes.values()].filter((node) => node.state === CONNECTED).sort((a, b) => a.penalties - b.penalties)[0];
  }

  private async connectNodes(): Promise<void> {
    const saved = await this.sessions.findAll().catch(() => new Map<string, string>());
    for (const option of this.nodeOptions) this.addNode(option, saved.get(option.name));
  }

  /**
   * shoukaku's own addNode connects at once, before a saved session id could be set; this is the
   * same registration with the id set first, so Lavalink hears `Session-Id` and resumes.
   */
  private addNode(option: NodeOption, sessionId?: string): void {
    const shoukaku = this.kazagumo.shoukaku;
    const node = new Node(shoukaku, option);
    node.on('debug', (...args) => shoukaku.emit('debug', node.name, ...args));
    node.on('reconnecting', (...args) => shoukaku.emit('reconnecting', node.name, ...args));
    node.on('error', (...args) => shoukaku.emit('error', node.name, ...args));
    node.on('close', (...args) => shoukaku.emit('close', node.name, ...args));
    node.on('ready', (...args) => shoukaku.emit('ready', node.name, ...args));
    node.on('raw', (...args) => shoukaku.emit('raw', node.name, ...args));
    // shoukaku 4.3's reconnect loop keeps the error of a failed attempt after a later attempt
    // succeeds, then closes that good socket and reports `disconnect`: a node that needed two
    // tries is dropped. `readdLostNodes` connects it again and `reattachPlayers` restores its
    // players. Drop only this node object (never a successor re-added under the same name) and
    // only when it is really down.
    node.on('disconnect', () => {
      if (shoukaku.nodes.get(node.name) === node && node.state !== CONNECTED) shoukaku.nodes.delete(node.name);
    });
    if (sessionId) node.sessionId = sessionId;
    shoukaku.nodes.set(node.name, node);
    node.connect().catch((error: Error) => shoukaku.emit('error', node.name, error));
  }

  /**
   * Points the players that belong to a node at its (possibly new) Node object and, when Lavalink
   * lost its session (it restarted), sends each player's full state again: track, position,
   * volume, filters and voice, so music continues where it was.
   */
  private async reattachPlayers(name: string, resumed: boolean): Promise<void> {
    const shoukaku = this.kazagumo.shoukaku;
    const node = shoukaku.nodes.get(name);
    if (!node) return;
    const players = [...shoukaku.players.values()].filter(
      (player) => player.node.name === name || this.preferredNode.get(player.guildId) === name,
    );
    for (const player of players) {
      if (player.node !== node && player.node.state === CONNECTED) continue; // moved elsewhere meanwhile
      player.node = node;
      if (resumed) continue;
      try {
        await player.resume({ position: this.listener?.positionOf(player.guildId) });
        this.logger.log(`Restored the player of guild ${player.guildId} on "${name}"`);
      } catch (error) {
        this.logger.error(`Could not restore the player of guild ${player.guildId} on "${name}": ${String(error)}`);
      }
    }
  }

  private readdLostNodes(): void {
    // Before the Discord client is ready shoukaku has no user id; connectNodes runs after it.
    if (!this.kazagumo.shoukaku.id || this.stopping) return;
    for (const option of this.nodeOptions) {
      if (this.kazagumo.shoukaku.nodes.has(option.name)) continue;
      this.logger.warn(`Lavalink node "${option.name}" was given up after its retries; connecting again`);
      this.addNode(option);
    }
  }

  /**
   * Moves the players of a node that went away to another connected node, where they continue
   * from their position. shoukaku's own move first destroys the player on the old node, which
   * fails when that node is dead, so the player is re-pointed and resumed here instead.
   */
  private async moveOffNode(name: string): Promise<void> {
    const shoukaku = this.kazagumo.shoukaku;
    const players = [...shoukaku.players.values()].filter((player) => player.node.name === name);
    if (players.length === 0) return;
    const stranded: string[] = [];
    for (const player of players) {
      const target = this.resolveNode(new Map([...shoukaku.nodes].filter(([nodeName]) => nodeName !== name)));
      if (!target) {
        stranded.push(player.guildId);
        continue;
      }
      try {
        player.node = target;
        this.preferredNode.set(player.guildId, target.name);
        await player.resume({ position: this.listener?.positionOf(player.guildId) });
        this.logger.log(`Moved the player of guild ${player.guildId} from "${name}" to "${target.name}"`);
      } catch (error) {
        stranded.push(player.guildId);
        this.logger.error(`Could not move the player of guild ${player.guildId}: ${String(error)}`);
      }
    }
    if (stranded.length > 0) this.listener?.onPlayersStranded(stranded);
  }
}
