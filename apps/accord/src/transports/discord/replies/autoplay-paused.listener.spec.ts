import { Logger } from '@nestjs/common';
import type { ChannelMessagesAdapter } from '../../../adapters/discord-client/channel-messages.adapter';
import { AUTOPLAY_PAUSED_MESSAGE } from '../presenters/recommendation.presenter';
import { AutoplayPausedListener } from './autoplay-paused.listener';

describe(AutoplayPausedListener.name, () => {
  const event = { guildId: 'guild-1', textChannelId: 'text-1', at: new Date('2026-12-04T20:00:00Z') };

  it('posts the pause notice in the session channel', async () => {
    const messages = { send: jest.fn(() => Promise.resolve('message-1')) };
    const sut = new AutoplayPausedListener(messages as unknown as ChannelMessagesAdapter);

    await sut.onAutoplayPaused(event);

    expect(messages.send).toHaveBeenCalledWith('text-1', {
      content: `⏸️ ${AUTOPLAY_PAUSED_MESSAGE}`,
      embeds: [],
      components: [],
    });
  });

  it('logs and carries on when the channel does not take the message', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const messages = { send: jest.fn(() => Promise.reject(new Error('Missing Access'))) };
    const sut = new AutoplayPausedListener(messages as unknown as ChannelMessagesAdapter);

    await expect(sut.onAutoplayPaused(event)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('guild-1'));
    warn.mockRestore();
  });
});
