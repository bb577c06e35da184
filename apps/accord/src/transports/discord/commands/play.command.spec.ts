import type { AutocompleteInteraction } from 'discord.js';
import type { TrackSuggestionService } from '../../../domain/catalog/track-suggestion.service';
import type { PlayRequestService } from '../../../use-cases/play-request/play-request.service';
import type { VoiceContextReader } from '../guards/voice-context';
import { AUTOCOMPLETE_BUDGET_MS, AUTOCOMPLETE_DEBOUNCE_MS, PlayCommand } from './play.command';

describe(`${PlayCommand.name} autocomplete`, () => {
  let suggest: jest.Mock;
  let sut: PlayCommand;

  const keystroke = (userId: string, typed: string): { interaction: AutocompleteInteraction; respond: jest.Mock } => {
    const respond = jest.fn().mockResolvedValue(undefined);
    const interaction = { user: { id: userId }, options: { getFocused: () => typed }, respond };
    return { interaction: interaction as unknown as AutocompleteInteraction, respond };
  };

  beforeEach(() => {
    jest.useFakeTimers();
    suggest = jest.fn((prefix: string) => Promise.resolve([{ name: `${prefix} - Song`, value: `${prefix} - Song` }]));
    sut = new PlayCommand(
      {} as PlayRequestService,
      { suggest } as unknown as TrackSuggestionService,
      {} as VoiceContextReader,
    );
  });
  afterEach(() => jest.useRealTimers());

  it("searches only for a user's latest keystroke, after the debounce, and answers the others empty", async () => {
    const strokes = [keystroke('ana', 'da'), keystroke('ana', 'daf'), keystroke('ana', 'daft')];
    const done = strokes.map(({ interaction }) => sut.autocomplete(interaction));
    await jest.advanceTimersByTimeAsync(AUTOCOMPLETE_DEBOUNCE_MS);
    await Promise.all(done);
    expect(strokes.map(({ respond }) => respond.mock.calls.length)).toEqual([1, 1, 1]);
    expect(strokes[0].respond).toHaveBeenCalledWith([]);
    expect(strokes[1].respond).toHaveBeenCalledWith([]);
    expect(strokes[2].respond).toHaveBeenCalledWith([{ name: 'daft - Song', value: 'daft - Song' }]);
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(suggest).toHaveBeenCalledWith('daft', 25);
  });

  it('debounces each user on their own', async () => {
    const ana = keystroke('ana', 'air');
    const ben = keystroke('ben', 'justice');
    const done = [sut.autocomplete(ana.interaction), sut.autocomplete(ben.interaction)];
    await jest.advanceTimersByTimeAsync(AUTOCOMPLETE_DEBOUNCE_MS);
    await Promise.all(done);
    expect(ana.respond).toHaveBeenCalledTimes(1);
    expect(ben.respond).toHaveBeenCalledTimes(1);
  });

  it('answers [] when the catalog fails, and for an empty field without asking it', async () => {
    suggest.mockRejectedValueOnce(new Error('Lavalink down'));
    const failing = keystroke('ana', 'daft');
    const failed = sut.autocomplete(failing.interaction);
    await jest.advanceTimersByTimeAsync(AUTOCOMPLETE_DEBOUNCE_MS);
    await expect(failed).resolves.toBeUndefined();
    expect(failing.respond).toHaveBeenCalledWith([]);

    const empty = keystroke('ana', '  ');
    const answered = sut.autocomplete(empty.interaction);
    await jest.advanceTimersByTimeAsync(AUTOCOMPLETE_DEBOUNCE_MS);
    await answered;
    expect(empty.respond).toHaveBeenCalledWith([]);
    expect(suggest).toHaveBeenCalledTimes(1);
  });

  it('answers [] before Discord gives up when the catalog is slow', async () => {
    suggest.mockReturnValueOnce(new Promise(() => undefined));
    const slow = keystroke('ana', 'daft');
    const answered = sut.autocomplete(slow.interaction);
    await jest.advanceTimersByTimeAsync(AUTOCOMPLETE_DEBOUNCE_MS + AUTOCOMPLETE_BUDGET_MS);
    await answered;
    expect(slow.respond).toHaveBeenCalledWith([]);
  });
});
