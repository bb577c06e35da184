import { t, type Language } from '@accord/i18n';
import type { ButtonInteraction } from 'discord.js';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { FixService } from '../../../use-cases/fix/fix.service';
import { CatalogEditorGuard } from '../guards/catalog-editor.guard';
import { GuardRunnerService } from '../guards/guard-runner.service';
import { InteractionErrorPresenter } from '../interaction-error.presenter';
import { parseFixButtonId, renderFixChosen } from '../presenters/fix.presenter';

/**
 * A click on a /fix candidate: re-pins the song to that video for everyone, if the clicker may
 * (checked again: rights can change in 15 minutes) and the video is one that /fix showed them.
 */
@ButtonHandler()
export class FixButtonHandler implements ButtonHandlerProvider {
  readonly prefix = 'fix';

  constructor(
    private readonly fix: FixService,
    private readonly guards: GuardRunnerService,
    private readonly errors: InteractionErrorPresenter,
  ) {}

  async handle(interaction: ButtonInteraction, language: Language): Promise<void> {
    const choice = parseFixButtonId(interaction.customId);
    if (!choice) return this.errors.tell(interaction, t(language, 'common:expiredButton'));
    const refusal = await this.guards.run([CatalogEditorGuard], interaction);
    if (refusal) return this.errors.refuse(interaction, refusal, language);
    const track = await this.fix.choose({
      ...choice,
      interactionId: interaction.message.interactionMetadata?.id ?? null,
      by: { userId: interaction.user.id, guildId: interaction.guildId },
    });
    await interaction.update(renderFixChosen(language, track));
  }
}
