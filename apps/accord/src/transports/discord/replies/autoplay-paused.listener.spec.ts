import { t, type Language } from '@accord/i18n';
import type { MessageView } from '../presenters/message-view';
import type { InteractionLanguageService } from '../i18n/interaction-language.service';
import { Logger } from '@nestjs/common';
import type { ChannelMessagesAdapter } from '../../../adapters/discord-client/channel-messages.adapter';
import { AutoplayPausedListener } from './autoplay-paused.listener';

describe(AutoplayPausedListener.name, () => {
  const event = { guildId: 'guild-1', textChannelId: 'text-1', at: new Date('2026-12-04T20:00:00Z') };

  const speaking = (language: Language): InteractionLanguageService =>
    ({ forGuild: () => Promise.resolve(language) }) as unknown as InteractionLanguageService;

  it("posts the pause notice in the session channel, in the server's language", async () => {
    const messages = { send: jest.fn(() => Promise.resolve('message-1')) };
    const sut = new AutoplayPausedListener(messages as unknown as ChannelMessagesAdapter, speaking('en'));

    await sut.onAutoplayPaused(event);
    await new AutoplayPausedListener(messages as unknown as ChannelMessagesAdapter, speaking('de')).onAutoplayPaused(
      event,
    );

    const contents = (messages.send.mock.calls as unknown as Array<[string, MessageView]>).map(([channelId, view]) => [
      channelId,
      view.content,
    ]);
    expect(contents).toEqual([
      ['text-1', t('en', 'autoplay:paused')],
      ['text-1', t('de', 'autoplay:paused')],
    ]);
    expect(contents[0][1]).toMatch(/^⏸️ Autoplay paused: I ran out of songs/);
    expect(contents[1][1]).toMatch(/^⏸️ Autoplay pausiert/);
  });

  it('logs and carries on when the channel does not take the message', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const messages = { send: jest.fn(() => Promise.reject(new Error('Missing Access'))) };
    const sut = new AutoplayPausedListener(messages as unknown as ChannelMessagesAdapter, speaking('en'));

    await expect(sut.onAutoplayPaused(event)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('guild-1'));
    warn.mockRestore();
  });
});
