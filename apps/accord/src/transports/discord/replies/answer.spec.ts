import { MessageFlags } from 'discord.js';
import { fakeInteraction } from '../testing/fake-interaction';
import { answer, ProgressReply } from './answer';

const body = (content: string): unknown => ({ content, embeds: [], components: [] });
const ephemeral = (content: string): unknown => ({
  content,
  embeds: [],
  components: [],
  flags: MessageFlags.Ephemeral,
});

describe(answer.name, () => {
  it.each([
    ['replies publicly when fresh', {}, false, [['reply', body('hi')]]],
    ['edits a deferred reply', { deferred: true }, false, [['editReply', body('hi')]]],
    ['replies ephemerally when fresh', {}, true, [['reply', ephemeral('hi')]]],
    [
      'removes a public deferred reply and follows up ephemerally',
      { deferred: true },
      true,
      [
        ['deleteReply', undefined],
        ['followUp', ephemeral('hi')],
      ],
    ],
    ['follows up after a reply', { replied: true }, true, [['followUp', ephemeral('hi')]]],
    [
      'never deletes the message a deferred button sits on',
      { deferred: true, button: true },
      true,
      [['followUp', ephemeral('hi')]],
    ],
  ])('%s', async (_, state, isEphemeral, calls) => {
    const interaction = fakeInteraction(state);
    await answer(interaction.asRepliable(), 'hi', { ephemeral: isEphemeral });
    expect(interaction.calls).toEqual(calls);
  });
});

describe(ProgressReply.name, () => {
  it('holds progress until the first answer, then applies only the latest', async () => {
    const interaction = fakeInteraction({ deferred: true });
    const sut = new ProgressReply(interaction.asRepliable());
    const early = [sut.progress('100/500'), sut.progress('500/500')];
    await Promise.resolve();
    expect(interaction.calls).toEqual([]);
    await sut.first('15/500');
    await Promise.all(early);
    expect(interaction.calls.map(([, b]) => (b as { content: string }).content)).toEqual(['15/500', '500/500']);
  });

  it('edits in order after the first answer', async () => {
    const interaction = fakeInteraction({ deferred: true });
    const sut = new ProgressReply(interaction.asRepliable());
    await sut.first('a');
    await sut.progress('b');
    await sut.progress('c');
    expect(interaction.calls.map(([, b]) => (b as { content: string }).content)).toEqual(['a', 'b', 'c']);
  });

  it('keeps going when an edit fails', async () => {
    const interaction = fakeInteraction({ deferred: true });
    const sut = new ProgressReply(interaction.asRepliable());
    await sut.first('a');
    interaction.editReply.mockRejectedValueOnce(new Error('Unknown Webhook'));
    await expect(sut.progress('b')).rejects.toThrow('Unknown Webhook');
    await sut.progress('c');
    expect(interaction.editReply).toHaveBeenLastCalledWith(body('c'));
  });
});
