import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { MessageView } from '../presenters/message-view';

export type Answer = string | MessageView;

const asBody = (answer: Answer): MessageView =>
  typeof answer === 'string' ? { content: answer, embeds: [], components: [] } : answer;

/**
 * Answers an interaction whatever state it is in. A public answer replies, or edits the deferred
 * reply; an ephemeral one replies, or (after a public defer) removes the "thinking…" reply and
 * follows up, so only the user sees it.
 */
export async function answer(
  interaction: RepliableInteraction,
  content: Answer,
  options: { ephemeral?: boolean } = {},
): Promise<void> {
  const body = asBody(content);
  if (!options.ephemeral) {
    if (interaction.deferred || interaction.replied) await interaction.editReply(body);
    else await interaction.reply(body);
    return;
  }
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
    // (Not for buttons: their @original is the message the button sits on.)
    await interaction.deleteReply().catch(() => undefined);
  }
  await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
}

/**
 * One reply answered first, then edited with progress in order: progress that arrives before the
 * first answer waits for it, and an edit overtaken by a newer one before its turn is dropped.
 */
export class ProgressReply {
  private readonly opened: Promise<void>;
  private open: () => void = () => undefined;
  private tail: Promise<void>;
  private latest = 0;

  constructor(private readonly interaction: RepliableInteraction) {
    this.opened = new Promise<void>((resolve) => (this.open = resolve));
    this.tail = this.opened;
  }

  async first(content: Answer, options: { ephemeral?: boolean } = {}): Promise<void> {
    try {
      await answer(this.interaction, content, options);
    } finally {
      if (!options.ephemeral) this.open();
    }
  }

  progress(content: Answer): Promise<void> {
    const ticket = ++this.latest;
    const edit = this.tail.then(async () => {
      if (ticket === this.latest) await this.interaction.editReply(asBody(content));
    });
    this.tail = edit.catch(() => undefined);
    return edit;
  }
}
