import { PlaybackErrorCode } from '@accord/core';
import { say } from '../i18n/phrase';
import { VoiceContextFactory } from '../testing/voice-context.factory';
import type { VoiceContext } from './voice-context';
import { isAloneWithBot, requireCatalogEditor, requireDj, requireSameChannel, requireVoice } from './voice-rules';

type Case = [string, Partial<VoiceContext>, PlaybackErrorCode | null];

describe(requireVoice.name, () => {
  it.each<Case>([
    ['passes a user in a voice channel', { userChannelId: 'voice-1' }, null],
    ['passes a user in voice while the bot is elsewhere', { userChannelId: 'voice-2' }, null],
    ['refuses a user in no voice channel', { userChannelId: null }, PlaybackErrorCode.NotInVoice],
  ])('%s', (_, overrides, code) => {
    const result = requireVoice(VoiceContextFactory.create(overrides));
    expect(result.ok ? null : result.code).toBe(code);
  });

  it('tells the user to join a voice channel, in their language', () => {
    const result = requireVoice(VoiceContextFactory.create({ userChannelId: null }));
    expect(!result.ok && say('en', result.message)).toBe('Join a voice channel first, then try again.');
    expect(!result.ok && say('de', result.message)).toBe(
      'Geh zuerst in einen Sprachkanal und versuch es dann noch einmal.',
    );
  });
});

describe(requireSameChannel.name, () => {
  it.each<Case>([
    ['passes when the bot is in no channel', { botChannelId: null, userChannelId: 'voice-2' }, null],
    ['passes in the bot channel', { botChannelId: 'voice-1', userChannelId: 'voice-1' }, null],
    [
      'refuses another channel',
      { botChannelId: 'voice-1', userChannelId: 'voice-2' },
      PlaybackErrorCode.NotInBotChannel,
    ],
    ['refuses no channel', { botChannelId: 'voice-1', userChannelId: null }, PlaybackErrorCode.NotInBotChannel],
  ])('%s', (_, overrides, code) => {
    const result = requireSameChannel(VoiceContextFactory.create(overrides));
    expect(result.ok ? null : result.code).toBe(code);
  });

  it("names the bot's channel", () => {
    const result = requireSameChannel(
      VoiceContextFactory.create({ botChannelId: 'voice-1', userChannelId: 'voice-2' }),
    );
    expect(!result.ok && say('en', result.message)).toBe(
      "I'm playing in <#voice-1>. Join that channel to control the music.",
    );
  });
});

describe(requireDj.name, () => {
  const crowd = { listeners: ['user-1', 'user-2', 'user-3'] };
  it.each<[string, Partial<VoiceContext>, string | null, PlaybackErrorCode | null]>([
    ['passes Manage Server', { ...crowd, canManageGuild: true }, null, null],
    ['passes the DJ role', { ...crowd, roleIds: ['dj'] }, 'dj', null],
    ['passes someone alone with the bot', { listeners: ['user-1'] }, 'dj', null],
    [
      'passes someone alone in voice while the bot is in none',
      { botChannelId: null, listeners: ['user-1'] },
      'dj',
      null,
    ],
    ['passes when nobody else can hear (others deafened)', { listeners: [] }, null, null],
    ['refuses others present without the role', crowd, 'dj', PlaybackErrorCode.NotPermitted],
    ['refuses another role', { ...crowd, roleIds: ['other'] }, 'dj', PlaybackErrorCode.NotPermitted],
    ['refuses when no DJ role is set', crowd, null, PlaybackErrorCode.NotPermitted],
    [
      'refuses someone alone in another channel than the bot',
      { userChannelId: 'voice-2', listeners: ['user-2'] },
      'dj',
      PlaybackErrorCode.NotPermitted,
    ],
    ['refuses someone not in voice', { userChannelId: null, listeners: [] }, null, PlaybackErrorCode.NotPermitted],
  ])('%s', (_, overrides, djRoleId, code) => {
    const result = requireDj(VoiceContextFactory.create(overrides), djRoleId);
    expect(result.ok ? null : result.code).toBe(code);
  });

  it('says which role or permission would do', () => {
    const context = VoiceContextFactory.create(crowd);
    const withRole = requireDj(context, 'dj');
    const withoutRole = requireDj(context, null);
    expect(!withRole.ok && say('en', withRole.message)).toBe(
      'Only DJs can do this: you need the <@&dj> role or Manage Server, or be alone with me in the voice channel.',
    );
    expect(!withoutRole.ok && say('en', withoutRole.message)).toContain('Manage Server (no DJ role is set)');
  });
});

describe(isAloneWithBot.name, () => {
  it.each<[Partial<VoiceContext>, boolean]>([
    [{ listeners: ['user-1'] }, true],
    [{ listeners: ['user-1', 'user-2'] }, false],
    [{ userChannelId: null, listeners: [] }, false],
    [{ botChannelId: 'voice-9', listeners: [] }, false],
  ])('%p -> %p', (overrides, alone) => {
    expect(isAloneWithBot(VoiceContextFactory.create(overrides))).toBe(alone);
  });
});

describe(requireCatalogEditor.name, () => {
  it.each<[string, Partial<VoiceContext>, string | null, boolean]>([
    ['Manage Server', { canManageGuild: true }, null, true],
    ['the DJ role', { roleIds: ['dj'] }, 'dj', true],
    ['alone with the bot, no role', { listeners: ['user-1'] }, 'dj', false],
    ['another role', { roleIds: ['fan'] }, 'dj', false],
    ['no DJ role set, no permission', {}, null, false],
  ])('%s -> %p', (_label, overrides, djRoleId, passes) => {
    expect(requireCatalogEditor(VoiceContextFactory.create(overrides), djRoleId).ok).toBe(passes);
  });
});
