import { Injectable } from '@nestjs/common';
import type { EnqueueRequest, EnqueueResultDto } from '@accord/contracts';
import { PlayRequestService } from '../../../use-cases/play-request/play-request.service';
import { AdminError, AdminErrorCode } from '@accord/core';
import { PlaybackService } from '../../../domain/playback/playback.service';
import type { QueueEntry } from '../../../domain/playback/playback.types';
import { AdminApiMapper } from '../admin-api.mapper';
import { AdminGuildsService } from '../guilds/admin-guilds.service';
import { playRefusalError } from '../http/play-refusal.mapper';

const NO_PLAYER_MESSAGE =
  'I am not playing in this server. Start me with /play from a voice channel; the panel cannot join one.';

/**
 * "Add to queue" from the panel: the query goes through the same path as `/play` (catalog,
 * playlists loaded in the background, queue cap), into the guild's running session only, with
 * the signed-in user as the requester.
 */
@Injectable()
export class EnqueueService {
  constructor(
    private readonly playRequests: PlayRequestService,
    private readonly guilds: AdminGuildsService,
    private readonly playback: PlaybackService,
  ) {}

  async enqueue(guildId: string, userId: string, request: EnqueueRequest): Promise<EnqueueResultDto> {
    const session = this.playback.snapshot(guildId);
    if (!session) throw new AdminError(AdminErrorCode.NoPlayer, NO_PLAYER_MESSAGE);
    const outcome = await this.playRequests.play({
      // No voice channel: should the session end meanwhile, playback refuses instead of joining one.
      requester: { guildId, userId, voiceChannelId: null, textChannelId: session.textChannelId },
      query: request.query,
      next: request.next ?? false,
    });
    if (!outcome.ok) throw playRefusalError(outcome);
    const queued = outcome.value;
    const player = await this.guilds.player(guildId);
    if (queued.kind === 'track') {
      return {
        kind: 'track',
        first: AdminApiMapper.entry(queued.entry),
        firstPosition: queued.position,
        startedPlaying: queued.startedPlaying,
        next: queued.next,
        queued: 1,
        playlist: null,
        player,
      };
    }
    const { progress } = queued;
    return {
      kind: 'playlist',
      first: progress.first ? AdminApiMapper.entry(progress.first) : null,
      firstPosition: progress.first ? this.positionOf(guildId, progress.first) : null,
      startedPlaying: progress.startedPlaying,
      next: progress.next,
      queued: progress.queued,
      playlist: {
        name: progress.name,
        found: progress.found,
        leftOut: progress.leftOut,
        total: progress.total,
        loading: progress.state === 'loading',
        full: progress.state === 'full',
      },
      player,
    };
  }

  /** 0 for the track playing now, else its 1-based queue position (null once it is gone). */
  private positionOf(guildId: string, entry: QueueEntry): number | null {
    const snapshot = this.playback.snapshot(guildId);
    if (snapshot?.current?.entry.id === entry.id) return 0;
    const index = snapshot?.queue.findIndex((queued) => queued.id === entry.id) ?? -1;
    return index >= 0 ? index + 1 : null;
  }
}
