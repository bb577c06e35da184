import type { ModuleRef } from '@nestjs/core';
import { Collection, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { DEFAULT_GUILD_SETTINGS } from '../../../domain/guilds/guild-settings.types';
import type { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import { PlaybackErrorCode } from '@accord/core';
import type { PlaybackService } from '../../../domain/playback/playback.service';
import { QueueEntryFactory, SnapshotFactory } from '../../../domain/playback/testing/playback.factory';
import { VoiceContextFactory } from '../testing/voice-context.factory';
import { DjGuard } from './dj.guard';
import { GuardRunnerService } from './guard-runner.service';
import { InVoiceChannelGuard } from './in-voice-channel.guard';
import type { InteractionGuard, InteractionGuardType } from './interaction-guard';
import { OwnEntryOrDjGuard } from './own-entry-or-dj.guard';
import { SameVoiceChannelGuard } from './same-voice-channel.guard';
import { VoiceContextReader, type GuardedInteraction, type VoiceContext } from './voice-context';
import { phrase } from '../i18n/phrase';
import { GUARD_PASSED, refuse } from './voice-rules';

const interaction = {} as GuardedInteraction;

function readerOf(context: VoiceContext | null): VoiceContextReader {
  return { read: () => context } as unknown as VoiceContextReader;
}

function settingsWith(djRoleId: string | null): { service: GuildSettingsService; get: jest.Mock } {
  const get = jest.fn().mockResolvedValue({ ...DEFAULT_GUILD_SETTINGS, guildId: 'guild-1', djRoleId });
  return { service: { get } as unknown as GuildSettingsService, get };
}

describe(InVoiceChannelGuard.name, () => {
  it.each<[string, VoiceContext | null, PlaybackErrorCode | null]>([
    ['passes a user in voice', VoiceContextFactory.create(), null],
    ['refuses a user out of voice', VoiceContextFactory.create({ userChannelId: null }), PlaybackErrorCode.NotInVoice],
    ['refuses outside a server', null, PlaybackErrorCode.NotInVoice],
  ])('%s', async (_, context, code) => {
    const result = await new InVoiceChannelGuard(readerOf(context)).check(interaction);
    expect(result.ok ? null : result.code).toBe(code);
  });
});

describe(SameVoiceChannelGuard.name, () => {
  it.each<[string, VoiceContext | null, PlaybackErrorCode | null]>([
    ['passes with the bot', VoiceContextFactory.create(), null],
    ['passes while the bot is in no channel', VoiceContextFactory.create({ botChannelId: null }), null],
    ['refuses elsewhere', VoiceContextFactory.create({ userChannelId: 'voice-2' }), PlaybackErrorCode.NotInBotChannel],
    ['refuses outside a server', null, PlaybackErrorCode.NotInVoice],
  ])('%s', async (_, context, code) => {
    const result = await new SameVoiceChannelGuard(readerOf(context)).check(interaction);
    expect(result.ok ? null : result.code).toBe(code);
  });
});

describe(DjGuard.name, () => {
  const crowd = ['user-1', 'user-2'];
  it.each<[string, Partial<VoiceContext>, string | null, boolean, boolean]>([
    // name, context, DJ role in settings, passes, settings read
    ['passes Manage Server without reading settings', { listeners: crowd, canManageGuild: true }, 'dj', true, false],
    ['passes someone alone without reading settings', { listeners: ['user-1'] }, 'dj', true, false],
    ['passes the DJ role from the settings', { listeners: crowd, roleIds: ['dj'] }, 'dj', true, true],
    ['refuses others present without the role', { listeners: crowd, roleIds: ['fan'] }, 'dj', false, true],
    ['refuses when the server has no DJ role', { listeners: crowd }, null, false, true],
  ])('%s', async (_, overrides, djRoleId, passes, read) => {
    const settings = settingsWith(djRoleId);
    const sut = new DjGuard(readerOf(VoiceContextFactory.create(overrides)), settings.service);
    const result = await sut.check(interaction);
    expect(result.ok).toBe(passes);
    if (!result.ok) expect(result.code).toBe(PlaybackErrorCode.NotPermitted);
    expect(settings.get).toHaveBeenCalledTimes(read ? 1 : 0);
  });
});

describe(OwnEntryOrDjGuard.name, () => {
  const queue = [
    QueueEntryFactory.create({ requestedBy: 'user-1' }),
    QueueEntryFactory.create({ requestedBy: 'user-2' }),
  ];
  const playback = { snapshot: () => SnapshotFactory.create({ queue }) } as unknown as PlaybackService;
  const removeAt = (position: number): GuardedInteraction =>
    ({
      guildId: 'guild-1',
      user: { id: 'user-1' },
      isChatInputCommand: () => true,
      options: { getInteger: () => position },
    }) as unknown as GuardedInteraction;

  it.each<[string, number, boolean]>([
    ['lets anyone remove their own request', 1, false],
    ["asks the DJ guard for someone else's request", 2, true],
    ['leaves an out-of-range position to playback', 9, false],
  ])('%s', async (_, position, asksDj) => {
    const dj = {
      check: jest.fn().mockResolvedValue(refuse(PlaybackErrorCode.NotPermitted, phrase('errors:guards.djWithoutRole'))),
    };
    const sut = new OwnEntryOrDjGuard(playback, dj as unknown as DjGuard);
    const result = await sut.check(removeAt(position));
    expect(result.ok).toBe(!asksDj);
    expect(dj.check).toHaveBeenCalledTimes(asksDj ? 1 : 0);
  });
});

describe(GuardRunnerService.name, () => {
  class First {}
  class Second {}
  class Third {}
  const guards = new Map<unknown, InteractionGuard & { check: jest.Mock }>();
  const moduleRef = { get: (type: unknown) => guards.get(type) } as unknown as ModuleRef;
  const sut = new GuardRunnerService(moduleRef);
  const types = [First, Second, Third] as unknown as InteractionGuardType[];

  beforeEach(() => {
    guards.set(First, { check: jest.fn().mockResolvedValue(GUARD_PASSED) });
    guards.set(Second, {
      check: jest
        .fn()
        .mockResolvedValue(refuse(PlaybackErrorCode.NotInBotChannel, phrase('errors:guards.notInBotChannel'))),
    });
    guards.set(Third, {
      check: jest.fn().mockResolvedValue(refuse(PlaybackErrorCode.NotPermitted, phrase('errors:guards.djWithoutRole'))),
    });
  });

  it('returns the first refusal and runs no guard after it', async () => {
    await expect(sut.run(types, interaction)).resolves.toMatchObject({ code: PlaybackErrorCode.NotInBotChannel });
    expect(guards.get(Third)?.check).not.toHaveBeenCalled();
  });

  it('returns null when every guard passes', async () => {
    await expect(sut.run([First] as unknown as InteractionGuardType[], interaction)).resolves.toBeNull();
    await expect(sut.run([], interaction)).resolves.toBeNull();
  });
});

describe(VoiceContextReader.name, () => {
  const sut = new VoiceContextReader();
  const state = (id: string, channelId: string | null, flags: { bot?: boolean; deaf?: boolean } = {}): unknown => ({
    id,
    channelId,
    deaf: flags.deaf ?? false,
    member: { user: { bot: flags.bot ?? false } },
  });
  const fake = (states: unknown[], options: { manage?: boolean; roles?: string[] } = {}): GuardedInteraction =>
    ({
      inCachedGuild: () => true,
      guildId: 'guild-1',
      channelId: 'text-1',
      client: { user: { id: 'bot' } },
      user: { id: 'user-1' },
      guild: { voiceStates: { cache: new Collection(states.map((s) => [(s as { id: string }).id, s])) } },
      member: { roles: { cache: new Collection((options.roles ?? []).map((id) => [id, {}])) } },
      memberPermissions: new PermissionsBitField(options.manage ? PermissionFlagsBits.ManageGuild : 0n),
    }) as unknown as GuardedInteraction;

  it("counts humans who can hear in the bot's channel, not bots, deafened users or other channels", () => {
    const context = sut.read(
      fake(
        [
          state('bot', 'voice-1'),
          state('user-1', 'voice-1'),
          state('user-2', 'voice-1'),
          state('user-3', 'voice-1', { deaf: true }),
          state('other-bot', 'voice-1', { bot: true }),
          state('user-4', 'voice-2'),
        ],
        { manage: true, roles: ['dj'] },
      ),
    );
    expect(context).toEqual({
      guildId: 'guild-1',
      userId: 'user-1',
      userChannelId: 'voice-1',
      botChannelId: 'voice-1',
      listeners: ['user-1', 'user-2'],
      roleIds: ['dj'],
      canManageGuild: true,
    });
  });

  it("uses the user's channel while the bot is in none", () => {
    const context = sut.read(fake([state('user-1', 'voice-2'), state('user-4', 'voice-2')]));
    expect(context).toMatchObject({ botChannelId: null, userChannelId: 'voice-2', listeners: ['user-1', 'user-4'] });
  });

  it('builds the playback requester from the same caches', () => {
    expect(sut.requester(fake([state('user-1', 'voice-2')]))).toEqual({
      guildId: 'guild-1',
      userId: 'user-1',
      voiceChannelId: 'voice-2',
      textChannelId: 'text-1',
    });
  });

  it('reads nothing outside a cached server', () => {
    expect(sut.read({ inCachedGuild: () => false } as unknown as GuardedInteraction)).toBeNull();
  });
});
