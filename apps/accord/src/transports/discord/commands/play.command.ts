import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { TrackSuggestionService } from '../../../domain/catalog/track-suggestion.service';
import { MAX_QUERY_LENGTH } from '../../../domain/catalog/link-parser';
import { PlayRequestService } from '../../../use-cases/play-request/play-request.service';
import { KeyedDebouncer } from '../autocomplete/keyed-debouncer';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { VoiceContextReader } from '../guards/voice-context';
import { describePlayRefusal } from '../presenters/play-refusal.presenter';
import { renderPlayOutcome, renderPlaylistProgress, toAutocompleteChoices } from '../presenters/play.presenter';
import { ProgressReply } from '../replies/answer';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

/** Wait this long after a keystroke; only the latest keystroke of a user is answered. */
export const AUTOCOMPLETE_DEBOUNCE_MS = 250;
/** Discord drops an autocomplete answer after 3 s; give up a little before. */
export const AUTOCOMPLETE_BUDGET_MS = 2_500;

@Command()
export class PlayCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'play')
    .addStringOption((option) =>
      localized(option, 'play.options.query').setRequired(true).setAutocomplete(true).setMaxLength(MAX_QUERY_LENGTH),
    )
    .addBooleanOption((option) => localized(option, 'play.options.next'))
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];
  private readonly debouncer = new KeyedDebouncer(AUTOCOMPLETE_DEBOUNCE_MS);

  constructor(
    private readonly playRequests: PlayRequestService,
    private readonly catalog: TrackSuggestionService,
    private readonly voice: VoiceContextReader,
  ) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const reply = new ProgressReply(interaction);
    const outcome = await this.playRequests.play({
      requester: this.voice.requester(interaction),
      query: interaction.options.getString('query', true),
      next: interaction.options.getBoolean('next') ?? false,
      acknowledge: () => interaction.deferReply(),
      onProgress: (progress) => reply.progress(renderPlaylistProgress(language, progress)),
    });
    if (outcome.ok) await reply.first(renderPlayOutcome(language, outcome.value));
    else await reply.first(describePlayRefusal(language, outcome), { ephemeral: true });
  }

  /** Suggestions from the catalog and a Lavalink search; never throws, answers [] when anything fails. */
  async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    // A keystroke overtaken by a newer one gets an empty answer: Discord shows only the latest one.
    if (!(await this.debouncer.settle(interaction.user.id))) return interaction.respond([]).catch(() => undefined);
    const typed = interaction.options.getFocused().trim();
    const suggestions = typed.length === 0 ? [] : await withBudget(this.catalog.suggest(typed, 25));
    await interaction.respond(toAutocompleteChoices(suggestions)).catch(() => undefined);
  }
}

async function withBudget<T>(work: Promise<T[]>): Promise<T[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T[]>((resolve) => (timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS)));
  try {
    return await Promise.race([work.catch(() => []), late]);
  } finally {
    clearTimeout(timer);
  }
}
