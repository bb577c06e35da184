import { Injectable, Logger } from '@nestjs/common';
import type { RepliableInteraction } from 'discord.js';
import { DomainError } from '@accord/core';
import { renderImportDone, renderImportFailed, renderImportProgress } from '../presenters/import.presenter';
import { describeRefusal } from '../presenters/module-error.presenter';
import type { ImportResult } from '../../../use-cases/import/spotify-import.service';
import { ThrottledProgress, type ProgressListener } from '../../../use-cases/import/import-progress';

/** Discord lets a bot edit an interaction's reply for 15 minutes. */
const INTERACTION_EDITABLE_MS = 15 * 60_000;
const MAX_REMEMBERED = 500;

/**
 * Imports run in the background and report in the reply of the command that started them:
 * progress at most once a second, then the outcome. `/link spotify` replies are remembered by
 * OAuth state (in memory only: interaction tokens are secrets) until the callback arrives.
 */
@Injectable()
export class ImportRepliesService {
  private readonly logger = new Logger(ImportRepliesService.name);
  private readonly pendingLinks = new Map<string, { interaction: RepliableInteraction; until: number }>();

  rememberLinkReply(state: string, interaction: RepliableInteraction): void {
    const now = Date.now();
    for (const [key, pending] of this.pendingLinks) if (pending.until <= now) this.pendingLinks.delete(key);
    while (this.pendingLinks.size >= MAX_REMEMBERED) this.pendingLinks.delete(this.pendingLinks.keys().next().value!);
    this.pendingLinks.set(state, { interaction, until: now + INTERACTION_EDITABLE_MS });
  }

  takeLinkReply(state: string): RepliableInteraction | undefined {
    const pending = this.pendingLinks.get(state);
    this.pendingLinks.delete(state);
    return pending && pending.until > Date.now() ? pending.interaction : undefined;
  }

  /** Runs `work` in the background, reporting in `interaction`'s reply (when there is one). */
  runInBackground(
    label: string,
    source: string,
    interaction: RepliableInteraction | undefined,
    work: (progress: ProgressListener) => Promise<ImportResult>,
  ): Promise<void> {
    const edit = (content: string): void => {
      if (!interaction) return;
      interaction.editReply({ content, embeds: [], components: [] }).catch((error: unknown) => {
        this.logger.debug(`Could not update the ${label} reply: ${String(error)}`);
      });
    };
    const throttle = new ThrottledProgress((progress) => edit(renderImportProgress(source, progress)));
    return work(throttle.report)
      .then((result) => {
        throttle.stop();
        edit(renderImportDone(result));
      })
      .catch((error: unknown) => {
        throttle.stop();
        if (error instanceof DomainError) {
          edit(renderImportFailed(describeRefusal(error)));
          return;
        }
        this.logger.error(`${label} failed`, error instanceof Error ? error.stack : String(error));
        edit(renderImportFailed('The import failed on my side. It has been logged; please try again later.'));
      });
  }
}
