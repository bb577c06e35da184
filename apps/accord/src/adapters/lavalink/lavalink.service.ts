import { Injectable } from '@nestjs/common';
import { LoadType, type FilterOptions, type Player } from 'shoukaku';
import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import { CONNECTED, LavalinkConnectionService } from './lavalink-connection.service';
import { toPlayableTrack } from './lavalink-track.mapper';
import { linkFailureOf } from './link-failure';
import { SourceAttemptReporter } from './source-attempt.reporter';
import type {
  LavalinkNodeStatus,
  LoadResult,
  PlayerEventListener,
  RemotePlayerState,
  SearchEngine,
  StartOptions,
} from './lavalink.types';

export type {
  LavalinkEndReason,
  LavalinkNodeState,
  LavalinkNodeStatus,
  PlayerEventListener,
  RemotePlayerState,
  StartOptions,
} from './lavalink.types';

/**
 * The one place the app talks to Lavalink through: searches, voice connections and the players'
 * controls. The nodes and the kazagumo/shoukaku client behind them are `LavalinkConnectionService`'s,
 * private to this adapter.
 */
@Injectable()
export class LavalinkService {
  constructor(
    private readonly connection: LavalinkConnectionService,
    private readonly attempts: SourceAttemptReporter,
  ) {}

  setListener(listener: PlayerEventListener): void {
    this.connection.setListener(listener);
  }

  /** Every configured node with its state; a node shoukaku dropped after its retries is `gave-up`. */
  nodes(): LavalinkNodeStatus[] {
    return this.connection.nodes();
  }

  /** True when at least one node can take players now. */
  isAvailable(): boolean {
    return this.connection.isAvailable();
  }

  /** REST round trip to each connected node, in milliseconds (null when it did not answer). */
  async latencies(): Promise<Array<{ name: string; ms: number | null }>> {
    return this.connection.latencies();
  }

  /**
   * One `loadtracks` call on the least-loaded node: a URL or identifier as is, or a search with
   * `engine` (`ytmsearch:daft punk one more time`). An `error` answer is reported to health; a load
   * that finds tracks proves nothing about playing them (search works without the cipher), so only
   * plays count as a source working.
   */
  async load(identifier: string, engine?: SearchEngine): Promise<LoadResult> {
    const node = this.connection.idealNode();
    if (!node) throw new PlaybackError(PlaybackErrorCode.AudioUnavailable, {});
    const result = await node.rest.resolve(engine ? `${engine}:${identifier}` : identifier);
    if (!result) return { type: 'empty' };
    switch (result.loadType) {
      case LoadType.TRACK:
        return { type: 'track', track: toPlayableTrack(result.data) };
      case LoadType.PLAYLIST:
        return {
          type: 'playlist',
          name: result.data.info.name,
          selectedIndex: result.data.info.selectedTrack,
          tracks: result.data.tracks.map(toPlayableTrack),
        };
      case LoadType.SEARCH:
        return { type: 'search', tracks: result.data.map(toPlayableTrack) };
      case LoadType.EMPTY:
        return { type: 'empty' };
      case LoadType.ERROR:
        this.attempts.loadFailed(identifier, engine, result.data);
        return {
          type: 'error',
          message: result.data.message,
          severity: result.data.severity,
          link: linkFailureOf(result.data),
        };
    }
  }

  // --- players ---------------------------------------------------------------------------

  hasPlayer(guildId: string): boolean {
    return this.connection.player(guildId) !== undefined;
  }

  /** True when a guild's player exists and its node is connected (controls will reach Lavalink). */
  playerReady(guildId: string): boolean {
    return this.connection.player(guildId)?.node.state === CONNECTED;
  }

  /** The node a guild's player is on, if it has one. */
  playerNode(guildId: string): string | null {
    return this.connection.player(guildId)?.node.name ?? null;
  }

  /**
   * Joins a voice channel and creates the player (on `node` when given and connected). Nothing
   * is played: an existing Lavalink player on that node keeps its track.
   */
  async join(options: {
    guildId: string;
    voiceChannelId: string;
    textChannelId: string;
    node?: string;
  }): Promise<string> {
    if (!this.isAvailable()) throw new PlaybackError(PlaybackErrorCode.AudioUnavailable, {});
    let player: Player;
    try {
      player = await this.connection.createPlayer(options);
    } catch (error) {
      throw new PlaybackError(PlaybackErrorCode.CannotJoin, {
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    return player.node.name;
  }

  async play(guildId: string, encoded: string, options: StartOptions = {}): Promise<void> {
    await this.control(guildId, (player) =>
      player.update({
        track: { encoded },
        position: options.startMs && options.startMs > 0 ? Math.round(options.startMs) : undefined,
        paused: options.paused,
        volume: options.volume,
        filters: options.filters,
      }),
    );
  }

  async stop(guildId: string): Promise<void> {
    await this.control(guildId, (player) => player.stopTrack());
  }

  async setPaused(guildId: string, paused: boolean): Promise<void> {
    await this.control(guildId, (player) => player.setPaused(paused));
  }

  async seek(guildId: string, positionMs: number): Promise<void> {
    await this.control(guildId, (player) => player.seekTo(Math.round(positionMs)));
  }

  async setVolume(guildId: string, lavalinkVolume: number): Promise<void> {
    await this.control(guildId, (player) => player.setGlobalVolume(lavalinkVolume));
  }

  /** Replaces the whole filter chain (an empty object clears it and restores passthrough). */
  async setFilters(guildId: string, filters: FilterOptions): Promise<void> {
    await this.control(guildId, async (player) => {
      await player.update({ filters });
      // shoukaku merges filters locally; Lavalink replaced them: mirror what Lavalink holds.
      player.filters = filters;
    });
  }

  /** Leaves the voice channel and destroys the player on Lavalink. */
  async leave(guildId: string): Promise<void> {
    await this.connection.destroyPlayer(guildId);
  }

  /** The player as Lavalink holds it (after a bot restart, before we touch it). */
  async remoteState(guildId: string, nodeName: string): Promise<RemotePlayerState | null> {
    const node = this.connection.connectedNode(nodeName);
    if (!node) return null;
    try {
      const player = await node.rest.getPlayer(guildId);
      if (!player) return null;
      // Lavalink's Player carries its state (position) although shoukaku's type omits it.
      const state = (player as typeof player & { state?: { position?: number } }).state;
      return {
        encoded: player.track?.encoded ?? null,
        identifier: player.track?.info.identifier ?? null,
        positionMs: state?.position ?? player.track?.info.position ?? 0,
        paused: player.paused,
        volume: player.volume,
      };
    } catch {
      return null;
    }
  }

  /** Tells shoukaku's player what Lavalink is already playing, so later updates are consistent. */
  adoptRemoteState(guildId: string, state: RemotePlayerState): void {
    const player = this.connection.player(guildId);
    if (!player) return;
    player.track = state.encoded;
    player.position = state.positionMs;
    player.paused = state.paused;
    player.volume = state.volume;
  }

  // --- internals -------------------------------------------------------------------------

  private player(guildId: string): Player {
    const player = this.connection.player(guildId);
    if (!player) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'player' });
    // Its node is away (and nothing took the player over): say so rather than fail on the socket.
    if (player.node.state !== CONNECTED) {
      throw new PlaybackError(PlaybackErrorCode.AudioUnavailable, {});
    }
    return player;
  }

  /**
   * Runs a control on a guild's player. A node that is away, or that dies under the request,
   * becomes "audio unavailable" for the user rather than an unexplained failure.
   */
  private async control(guildId: string, op: (player: Player) => Promise<void>): Promise<void> {
    const player = this.player(guildId);
    try {
      await op(player);
    } catch (error) {
      if (error instanceof PlaybackError) throw error;
      if (player.node.state !== CONNECTED || isConnectionFailure(error)) {
        throw new PlaybackError(PlaybackErrorCode.AudioUnavailable, {});
      }
      throw error;
    }
  }
}

/** fetch's network failures (refused, reset, timed out) as opposed to Lavalink answering an error. */
function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message === 'fetch failed' || error.name === 'AbortError' || error.name === 'TimeoutError';
}
