import { Logger } from '@nestjs/common';
import type { Language } from '@accord/i18n';
import type { PlaybackService } from '../../../domain/playback/playback.service';
import type { SessionSnapshot } from '../../../domain/playback/playback.types';
import type { ChannelMessagesAdapter } from '../../../adapters/discord-client/channel-messages.adapter';
import type { InteractionLanguageService } from '../i18n/interaction-language.service';
import type { MessageView } from '../presenters/message-view';
import { QueueEntryFactory, SnapshotFactory } from '../../../domain/playback/testing/playback.factory';
import { MIN_EDIT_GAP_MS, NOTICE_TTL_MS, NowPlayingService, PROGRESS_REFRESH_MS } from './now-playing.service';

class FakeMessages {
  readonly sent: Array<{ channelId: string; view: MessageView }> = [];
  readonly edits: Array<{ channelId: string; messageId: string; view: MessageView }> = [];
  gone = new Set<string>();
  private next = 1;

  send = jest.fn((channelId: string, view: MessageView): Promise<string> => {
    this.sent.push({ channelId, view });
    return Promise.resolve(`message-${this.next++}`);
  });

  edit = jest.fn(
    ({ channelId, messageId, view }: { channelId: string; messageId: string; view: MessageView }): Promise<boolean> => {
      if (this.gone.has(messageId)) return Promise.resolve(false);
      this.edits.push({ channelId, messageId, view });
      return Promise.resolve(true);
    },
  );
}

describe(NowPlayingService.name, () => {
  let snapshot: SessionSnapshot | null;
  let messages: FakeMessages;
  let setNowPlayingMessage: jest.Mock;
  let sut: NowPlayingService;
  let language: Language;

  const lastDescription = (): string | undefined =>
    (messages.edits.at(-1)?.view ?? messages.sent.at(-1)?.view)?.embeds[0].description;
  const settle = async (ms = MIN_EDIT_GAP_MS): Promise<void> => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    language = 'en';
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    snapshot = SnapshotFactory.create();
    messages = new FakeMessages();
    setNowPlayingMessage = jest.fn();
    const playback = { snapshot: () => snapshot, setNowPlayingMessage } as unknown as PlaybackService;
    sut = new NowPlayingService(
      playback,
      messages as unknown as ChannelMessagesAdapter,
      {
        forGuild: () => Promise.resolve(language),
      } as unknown as InteractionLanguageService,
    );
  });

  afterEach(() => {
    void sut.onApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('posts one message in the session text channel on the first track, and hands its id to playback', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle(0);
    expect(messages.sent).toHaveLength(1);
    expect(messages.sent[0].channelId).toBe('text-1');
    expect(setNowPlayingMessage).toHaveBeenCalledWith('guild-1', 'message-1');
    expect(sut.messageOf('guild-1')).toEqual({ channelId: 'text-1', messageId: 'message-1' });
  });

  it('posts and edits nothing once the bot shuts down, whatever events still arrive', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    await sut.onApplicationShutdown();

    sut.onTrackStarted({ guildId: 'guild-2' } as never);
    sut.onSessionChanged({ guildId: 'guild-1', textChannelId: 'text-1', change: 'volume' });
    await settle(PROGRESS_REFRESH_MS);

    expect(messages.sent).toHaveLength(1);
    expect(messages.edits).toEqual([]);
  });

  it('edits the same message on later changes instead of posting again', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    snapshot = SnapshotFactory.create({ volume: 50, transcoding: true });
    sut.onSessionChanged({ guildId: 'guild-1', textChannelId: 'text-1', change: 'volume' });
    await settle();
    expect(messages.sent).toHaveLength(1);
    expect(messages.edits).toHaveLength(1);
    expect(messages.edits[0].messageId).toBe('message-1');
    expect(lastDescription()).toContain('⚙️ Transcoding: volume 50%');
  });

  it('merges a burst of changes into one edit a second', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle(0);
    for (let i = 0; i < 20; i++) sut.onSessionChanged({ guildId: 'guild-1', textChannelId: 'text-1', change: 'queue' });
    await settle(0);
    expect(messages.edits).toHaveLength(0);
    await settle();
    expect(messages.sent).toHaveLength(1);
    expect(messages.edits).toHaveLength(1);
  });

  it('ignores listener changes', async () => {
    sut.onSessionChanged({ guildId: 'guild-1', textChannelId: 'text-1', change: 'listeners' });
    await settle();
    expect(messages.sent).toHaveLength(0);
  });

  it('refreshes the progress every 15 s while playing, not while paused', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    await settle(PROGRESS_REFRESH_MS);
    expect(messages.edits).toHaveLength(1);
    await settle(PROGRESS_REFRESH_MS);
    expect(messages.edits).toHaveLength(2);
    snapshot = SnapshotFactory.create({ current: { ...snapshot!.current!, paused: true } });
    await settle(PROGRESS_REFRESH_MS * 3);
    expect(messages.edits).toHaveLength(2);
  });

  it('ends the session with a final edit without buttons, and stops its timers', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    const title = snapshot!.current!.entry.track.title;
    snapshot = null;
    await sut.onSessionEnded({ guildId: 'guild-1', textChannelId: 'text-1', reason: 'stopped' });
    const final = messages.edits.at(-1)!;
    expect(final.messageId).toBe('message-1');
    expect(final.view.components).toEqual([]);
    expect(final.view.embeds[0].author?.name).toBe('⏹ Session ended');
    expect(final.view.embeds[0].description).toContain(`Last played: ${title}`);
    expect(sut.activeSessions).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('waits for a post in flight before closing, so the final state wins', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    const ended = sut.onSessionEnded({ guildId: 'guild-1', textChannelId: 'text-1', reason: 'left' });
    await settle(0);
    await ended;
    expect(messages.sent).toHaveLength(1);
    expect(messages.edits.at(-1)?.view.embeds[0].author?.name).toBe('⏹ Session ended');
  });

  it('posts a new message when someone deleted the old one', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    messages.gone.add('message-1');
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    expect(messages.sent).toHaveLength(2);
    expect(sut.messageOf('guild-1')?.messageId).toBe('message-2');
  });

  it('shows a failed track for a minute, until the next refresh after that', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    const entry = QueueEntryFactory.create();
    sut.onTrackFailed({ guildId: 'guild-1', textChannelId: 'text-1', entry, reason: 'unloadable' });
    await settle();
    expect(lastDescription()).toContain(`⚠️ Skipped ${entry.track.title}: it could not be loaded.`);
    await settle(NOTICE_TTL_MS + PROGRESS_REFRESH_MS);
    expect(lastDescription()).not.toContain('⚠️');
  });

  it("speaks the server's language, the failure notice and the final state included", async () => {
    language = 'de';
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    const entry = QueueEntryFactory.create();
    sut.onTrackFailed({ guildId: 'guild-1', textChannelId: 'text-1', entry, reason: 'unloadable' });
    await settle();
    expect(messages.sent[0].view.embeds[0].author?.name).toBe('▶️ Läuft gerade');
    expect(lastDescription()).toContain(`⚠️ ${entry.track.title} wurde übersprungen, weil er sich nicht laden ließ.`);
    await sut.onSessionEnded({ guildId: 'guild-1', textChannelId: 'text-1', reason: 'idle' });
    expect(messages.edits.at(-1)?.view.embeds[0].author?.name).toBe('⏹ Sitzung beendet');
  });

  it('does nothing for a guild without a session', async () => {
    snapshot = null;
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await sut.onSessionEnded({ guildId: 'guild-1', textChannelId: 'text-1', reason: 'idle' });
    await settle();
    expect(messages.send).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps going when Discord refuses an edit', async () => {
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    await settle();
    messages.edit.mockRejectedValueOnce(new Error('Missing Permissions'));
    sut.onSessionChanged({ guildId: 'guild-1', textChannelId: 'text-1', change: 'loop' });
    await settle();
    sut.onSessionChanged({ guildId: 'guild-1', textChannelId: 'text-1', change: 'loop' });
    await settle();
    expect(messages.edits).toHaveLength(1);
  });
});
