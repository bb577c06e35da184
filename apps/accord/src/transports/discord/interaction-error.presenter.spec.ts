import { Logger } from '@nestjs/common';
import { DiscordjsErrorCodes, MessageFlags } from 'discord.js';
import { DomainError, PlaybackError, PlaybackErrorCode } from '@accord/core';
import { describePlaybackError, InteractionErrorPresenter } from './interaction-error.presenter';
import { phrase } from './i18n/phrase';
import { DiscordRefusal } from './replies/discord-refusal';
import { fakeInteraction } from './testing/fake-interaction';

class OtherError extends DomainError<'OTHER'> {
  constructor(message: string) {
    super('OTHER', message);
  }
}

describe(describePlaybackError.name, () => {
  it.each<[string, PlaybackError, string]>([
    [
      'nothing playing',
      new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' }),
      'Nothing is playing right now. Start something with `/play`.',
    ],
    [
      'no session',
      new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'session' }),
      'Nothing is playing here. Start with /play.',
    ],
    ['already paused', new PlaybackError(PlaybackErrorCode.AlreadyPaused, {}), 'It is already paused. Use /resume.'],
    ['not paused', new PlaybackError(PlaybackErrorCode.NotPaused, {}), 'It is not paused. Use `/pause` to pause.'],
    [
      'a full queue',
      new PlaybackError(PlaybackErrorCode.QueueFull, { max: 5_000 }),
      'The queue is full (5,000 tracks). Remove some, or `/stop` to start over.',
    ],
    [
      'a filter switched off',
      new PlaybackError(PlaybackErrorCode.FilterNotAllowed, { preset: 'nightcore', allowed: [] }),
      'The nightcore filter is switched off on this server. Allowed: none. Someone with Manage Server can allow it in the panel.',
    ],
    [
      'a position out of range',
      new PlaybackError(PlaybackErrorCode.PositionOutOfRange, { position: 9, size: 1 }),
      'There is no song at position 9: the queue has 1 song (1-1).',
    ],
  ])('words %s', (_name, error, text) => {
    expect(describePlaybackError('en', error)).toBe(text);
  });
});

describe(InteractionErrorPresenter.name, () => {
  const sut = new InteractionErrorPresenter();
  let logged: jest.SpyInstance;

  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers domain errors ephemerally with their message', async () => {
    const interaction = fakeInteraction();
    await sut.present(interaction.asRepliable(), new OtherError('That link is not supported.'), 'en');
    expect(interaction.reply).toHaveBeenCalledWith(
      expect.objectContaining({ content: 'That link is not supported.', flags: MessageFlags.Ephemeral }),
    );
  });

  it('words refusals and failures in the language it is given', async () => {
    const refused = fakeInteraction();
    await sut.present(
      refused.asRepliable(),
      new DiscordRefusal(PlaybackErrorCode.InvalidTime, phrase('errors:seek.notATime', { input: 'abc' })),
      'de',
    );
    expect(refused.reply).toHaveBeenCalledWith(
      expect.objectContaining({
        content: '„abc“ ist keine Zeitangabe. Möglich sind 1:23, 1:02:03, 83 (Sekunden), +10 oder -15.',
      }),
    );
    const failed = fakeInteraction({ extra: { commandName: 'play' } });
    await sut.present(failed.asRepliable(), new Error('boom'), 'de');
    expect(failed.reply).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringMatching(/^Bei mir ist etwas schiefgelaufen/) as unknown }),
    );
  });

  it('hides unknown errors behind a generic message', async () => {
    const interaction = fakeInteraction({ extra: { commandName: 'play' } });
    await sut.present(interaction.asRepliable(), new Error('mongo exploded at 10.0.0.3'), 'en');
    const [[, body]] = interaction.calls as Array<[string, { content: string }]>;
    expect(body.content).toMatch(/Something went wrong on my side/);
    expect(body.content).not.toMatch(/mongo/);
    expect(logged).toHaveBeenCalledWith('Unhandled error in /play', expect.stringContaining('mongo exploded'));
  });

  it('answers options that do not fit the command with a clear message, not as a failure', async () => {
    const interaction = fakeInteraction({ extra: { commandName: 'move' } });
    const mismatch = Object.assign(new TypeError('Option "from" is of type: 3; expected 4.'), {
      code: DiscordjsErrorCodes.CommandInteractionOptionType,
    });
    await sut.present(interaction.asRepliable(), mismatch, 'en');
    const [[, body]] = interaction.calls as Array<[string, { content: string }]>;
    expect(body.content).toMatch(/options don't match/);
    expect(logged).not.toHaveBeenCalled();
  });

  it('never throws when the interaction cannot be answered', async () => {
    const interaction = fakeInteraction();
    interaction.reply.mockRejectedValue(new Error('Unknown interaction'));
    await expect(
      sut.refuse(
        interaction.asRepliable(),
        { ok: false, code: PlaybackErrorCode.NotInVoice, message: phrase('errors:guards.notInVoice') },
        'en',
      ),
    ).resolves.toBeUndefined();
  });
});
