import { Injectable } from '@nestjs/common';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { DjGuard } from './dj.guard';
import type { InteractionGuard } from './interaction-guard';
import { guildIdOf, type GuardedInteraction } from './voice-context';
import { GUARD_PASSED, type GuardResult } from './voice-rules';

/** `/remove`: anyone removes their own request; someone else's needs a DJ (see `DjGuard`). */
@Injectable()
export class OwnEntryOrDjGuard implements InteractionGuard {
  constructor(
    private readonly playback: PlaybackService,
    private readonly dj: DjGuard,
  ) {}

  async check(interaction: GuardedInteraction): Promise<GuardResult> {
    if (interaction.isChatInputCommand() && interaction.guildId) {
      const position = interaction.options.getInteger('position');
      const entry = position ? this.playback.snapshot(guildIdOf(interaction))?.queue[position - 1] : undefined;
      // Out of range: let playback refuse with its own message about the position.
      if (!entry || entry.requestedBy === interaction.user.id) return GUARD_PASSED;
    }
    return this.dj.check(interaction);
  }
}
