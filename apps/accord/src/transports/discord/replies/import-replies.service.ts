import { Injectable, Logger } from '@nestjs/common';
import type { RepliableInteraction } from 'discord.js';
import { DomainError } from '@accord/core';
import { t, type Language } from '@accord/i18n';
import {
  renderImportDone,
  renderImportFailed,
  renderImportProgress,
  type ImportSource,
} from '../presenters/import.presenter';
import { describeRefusal } from '../presenters/module-error.presenter';
import type { ImportResult } from '../../../use-cases/import/spotify-import.service';
import { ThrottledProgress, type ProgressListener } from '../../../use-cases/import/import-progress';

/** Discord lets a bot edit an interaction's reply for 15 minutes. */
const INTERACTION_EDITABLE_MS = 15 * 60_000;
const MAX_REMEMBERED = 500;

/** The reply an import reports in, and the language of the person who asked. */
export interface ImportReply {
  interaction: RepliableInteraction;
  language: Language;
}

/**
 * Imports run in the background and report in the reply of the command that started them:
 * progress at most once a second, then the outcome. `/link spotify` replies are remembered by
 * OAuth state (in memory only: interaction tokens are secrets) until the callback arrives.
 */
@Injectable()
export class ImportRepliesService {
  private readonly logger = new Logger(ImportRepliesService.name);
  private readonly pendingLinks = new Map<string, ImportReply & { until: number }>();

  rememberLinkReply(state: string, { interaction, language }: ImportReply): void {
    const now = Date.now();
    for (const [key, pending] of this.pendingLinks) if (pending.until <= now) this.pendingLinks.delete(key);
    while (this.pendingLinks.size >= MAX_REMEMBERED) this.pendingLinks.delete(this.pendingLinks.keys().next().value!);
    this.pendingLinks.set(state, { interaction, language, until: now + INTERACTION_EDITABLE_MS });
  }

  takeLinkReply(state: string): ImportReply | undefined {
    const pending = this.pendingLinks.get(state);
    this.pendingLinks.delete(state);
    return pending && pending.until > Date.now()
      ? { interaction: pending.interaction, language: pending.language }
      : undefined;
  }

  /** Runs `work` in the background, reporting in the reply (when there is one), in its language. */
  runInBackground(
    label: string,
    source: ImportSource,
    reply: ImportReply | undefined,
    work: (progress: ProgressListener) => Promise<ImportResult>,
  ): Promise<void> {
    // Without a reply to edit, nothing is shown, so the language does not matter.
    const language = reply?.language ?? 'en';
    const edit = (content: string): void => {
      if (!reply) return;
      reply.interaction.editReply({ content, embeds: [], components: [] }).catch((error: unknown) => {
        this.logger.debug(`Could not update the ${label} reply: ${String(error)}`);
      });
    };
    const throttle = new ThrottledProgress((progress) => edit(renderImportProgress(language, source, progress)));
    return work(throttle.report)
      .then((result) => {
        throttle.stop();
        edit(renderImportDone(language, result));
      })
      .catch((error: unknown) => {
        throttle.stop();
        if (error instanceof DomainError) {
          edit(renderImportFailed(language, describeRefusal(language, error)));
          return;
        }
        this.logger.error(`${label} failed`, error instanceof Error ? error.stack : String(error));
        edit(renderImportFailed(language, t(language, 'account:import.failedOnMySide')));
      });
  }
}
