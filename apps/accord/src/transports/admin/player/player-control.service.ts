import { Injectable } from '@nestjs/common';
import type {
  FilterPresetName,
  LoopModeName,
  PlayerStateDto,
  QueueChangeResultDto,
  SkipResultDto,
} from '@accord/contracts';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { AdminApiMapper } from '../admin-api.mapper';
import { AdminGuildsService } from '../guilds/admin-guilds.service';

/**
 * Player controls from the panel: each calls playback (which refuses with its own errors, e.g.
 * nothing playing) and answers the player as it is afterwards.
 */
@Injectable()
export class PlayerControlService {
  constructor(
    private readonly playback: PlaybackService,
    private readonly guilds: AdminGuildsService,
  ) {}

  async pause(guildId: string): Promise<PlayerStateDto> {
    await this.playback.pause(guildId);
    return this.guilds.player(guildId);
  }

  async resume(guildId: string): Promise<PlayerStateDto> {
    await this.playback.resume(guildId);
    return this.guilds.player(guildId);
  }

  async skip(guildId: string, byUserId: string): Promise<SkipResultDto> {
    const { skipped, next } = await this.playback.skip(guildId, byUserId);
    return {
      skipped: AdminApiMapper.entry(skipped),
      next: next ? AdminApiMapper.entry(next) : null,
      player: await this.guilds.player(guildId),
    };
  }

  async stop(guildId: string): Promise<PlayerStateDto> {
    await this.playback.stop(guildId);
    return this.guilds.player(guildId);
  }

  async seek(guildId: string, positionMs: number): Promise<PlayerStateDto> {
    await this.playback.seek(guildId, positionMs);
    return this.guilds.player(guildId);
  }

  async volume(guildId: string, volume: number): Promise<PlayerStateDto> {
    await this.playback.setVolume(guildId, volume);
    return this.guilds.player(guildId);
  }

  async filter(guildId: string, filter: FilterPresetName | null): Promise<PlayerStateDto> {
    await this.playback.setFilter(guildId, filter);
    return this.guilds.player(guildId);
  }

  async loop(guildId: string, mode: LoopModeName): Promise<PlayerStateDto> {
    await this.playback.setLoop(guildId, mode);
    return this.guilds.player(guildId);
  }

  async shuffle(guildId: string): Promise<PlayerStateDto> {
    await this.playback.shuffle(guildId);
    return this.guilds.player(guildId);
  }

  async remove(guildId: string, position: number): Promise<QueueChangeResultDto> {
    const removed = await this.playback.remove(guildId, position);
    return { entry: AdminApiMapper.entry(removed), player: await this.guilds.player(guildId) };
  }

  async move(guildId: string, from: number, to: number): Promise<QueueChangeResultDto> {
    const moved = await this.playback.move(guildId, from, to);
    return { entry: AdminApiMapper.entry(moved), player: await this.guilds.player(guildId) };
  }
}
