import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Events, MessageFlags, type Client } from 'discord.js';
import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import { languageOf } from '@accord/i18n';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { ButtonHandlerProvider } from './button-handler';
import type { ButtonRegistryService } from './button-registry.service';
import type { CommandRegistryService } from './command-registry.service';
import type { GuardRunnerService } from './guards/guard-runner.service';
import { refuse } from './guards/voice-rules';
import { phrase } from './i18n/phrase';
import type { InteractionLanguageService } from './i18n/interaction-language.service';
import { InteractionErrorPresenter } from './interaction-error.presenter';
import { InteractionRouterService } from './interaction-router.service';
import { fakeInteraction, type FakeInteraction } from './testing/fake-interaction';

const ephemeral = (content: string): unknown => expect.objectContaining({ content, flags: MessageFlags.Ephemeral });

describe(InteractionRouterService.name, () => {
  let client: EventEmitter;
  let command: { execute: jest.Mock; guards: unknown[] };
  let handler: ButtonHandlerProvider & { handle: jest.Mock };
  let guardRun: jest.Mock;

  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const slash = (name: string, locale = 'en-US'): FakeInteraction =>
    fakeInteraction({
      extra: { id: '1', commandName: name, user: { id: 'u' }, guildId: 'g', locale, isAutocomplete: () => false },
    });
  const button = (customId: string): FakeInteraction =>
    fakeInteraction({
      button: true,
      extra: { id: '2', customId, user: { id: 'u' }, guildId: 'g', isAutocomplete: () => false },
    });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    client = new EventEmitter();
    command = { execute: jest.fn().mockResolvedValue(undefined), guards: ['InVoice'] };
    handler = { prefix: 'np', handle: jest.fn().mockResolvedValue(undefined) };
    guardRun = jest.fn().mockResolvedValue(null);
    const registry = { find: (name: string) => (name === 'pause' ? command : undefined) };
    const buttons = { find: (id: string) => (id.startsWith('np:') ? handler : undefined) };
    const sut = new InteractionRouterService(
      client as unknown as Client,
      registry as unknown as CommandRegistryService,
      buttons as unknown as ButtonRegistryService,
      { run: guardRun } as unknown as GuardRunnerService,
      new InteractionErrorPresenter(),
      { whenRestored: () => Promise.resolve() } as unknown as PlaybackService,
      {
        forInteraction: (interaction: { locale?: string }) => Promise.resolve(languageOf(interaction.locale)),
      } as unknown as InteractionLanguageService,
    );
    sut.onModuleInit();
  });
  afterEach(() => jest.restoreAllMocks());

  it("runs the command's guards, then the command", async () => {
    const interaction = slash('pause');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(guardRun).toHaveBeenCalledWith(['InVoice'], interaction);
    expect(command.execute).toHaveBeenCalledWith(interaction, 'en');
  });

  it("hands the command the user's language", async () => {
    const interaction = slash('pause', 'de');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(command.execute).toHaveBeenCalledWith(interaction, 'de');
  });

  it('answers a guard refusal ephemerally and does not run the command', async () => {
    guardRun.mockResolvedValue(refuse(PlaybackErrorCode.NotInVoice, phrase('errors:guards.notInVoice')));
    const interaction = slash('pause');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(command.execute).not.toHaveBeenCalled();
    expect(interaction.reply).toHaveBeenCalledWith(ephemeral('Join a voice channel first, then try again.'));
  });

  it("answers a refusal in the user's language", async () => {
    command.execute.mockRejectedValue(new PlaybackError(PlaybackErrorCode.NotPaused, {}));
    const interaction = slash('pause', 'de');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(interaction.reply).toHaveBeenCalledWith(
      ephemeral('Es ist nicht pausiert. Pausieren kannst du mit `/pause`.'),
    );
  });

  it('answers a playback refusal from the command ephemerally', async () => {
    command.execute.mockRejectedValue(new PlaybackError(PlaybackErrorCode.NotPaused, {}));
    const interaction = slash('pause');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(interaction.reply).toHaveBeenCalledWith(ephemeral('It is not paused. Use `/pause` to pause.'));
  });

  it('routes buttons by the prefix of their custom id', async () => {
    const interaction = button('np:skip');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(handler.handle).toHaveBeenCalledWith(interaction, 'en');
  });

  it('says an unknown button has expired, without throwing', async () => {
    const interaction = button('old:thing');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(interaction.reply).toHaveBeenCalledWith(
      ephemeral('This button has expired. Use the command again for a fresh one.'),
    );
  });

  it("sends a button handler's error through the error presenter", async () => {
    handler.handle.mockRejectedValue(new Error('boom'));
    const interaction = button('np:stop');
    client.emit(Events.InteractionCreate, interaction);
    await flush();
    expect(interaction.reply).toHaveBeenCalledWith(ephemeral(expect.stringMatching(/Something went wrong/) as never));
  });
});
