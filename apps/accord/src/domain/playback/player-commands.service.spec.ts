import { DomainEvent, PlaybackErrorCode, type TrackEndedEvent } from '@accord/core';
import { PlayerCommandsService } from './player-commands.service';
import type { PlaybackRequester } from './playback.types';
import { createPlaybackParts, type PlaybackParts } from './testing/playback.fakes';
import { TrackFactory } from './testing/playback.factory';

describe(PlayerCommandsService.name, () => {
  const requester: PlaybackRequester = {
    guildId: 'guild-1',
    userId: 'user-1',
    voiceChannelId: 'voice-1',
    textChannelId: 'text-1',
  };
  let parts: PlaybackParts;
  let sut: PlayerCommandsService;

  beforeEach(() => {
    parts = createPlaybackParts();
    sut = parts.commands;
  });

  it('joins the requester’s channel, plays the first track and queues the rest', async () => {
    const [first, second] = TrackFactory.many(2);

    const result = await sut.enqueue(requester, [first, second]);

    expect(parts.lavalink.ops()).toEqual(['join', 'play']);
    expect(parts.lavalink.sent[1].args[0]).toBe(first.encoded);
    expect(result).toMatchObject({ startedPlaying: true, firstPosition: 0, refused: 0 });
    expect(parts.guilds.stored.get('guild-1')?.queue.map((entry) => entry.track.encoded)).toEqual([second.encoded]);
  });

  it('queues behind the current track without sending anything to Lavalink', async () => {
    await sut.enqueue(requester, [TrackFactory.create()]);
    parts.lavalink.sent.length = 0;

    const result = await sut.enqueue(requester, TrackFactory.many(2));

    expect(result).toMatchObject({ startedPlaying: false, firstPosition: 1 });
    expect(parts.lavalink.sent).toEqual([]);
  });

  it('refuses a requester outside any voice channel and starts no session', async () => {
    await expect(sut.enqueue({ ...requester, voiceChannelId: null }, [TrackFactory.create()])).rejects.toMatchObject({
      code: PlaybackErrorCode.NotInVoice,
    });

    expect(parts.store.has('guild-1')).toBe(false);
    expect(parts.lavalink.sent).toEqual([]);
  });

  it('leaves no session behind when it cannot join the channel', async () => {
    parts.lavalink.joinFails = true;

    await expect(sut.enqueue(requester, [TrackFactory.create()])).rejects.toThrow('cannot join');

    expect(parts.store.has('guild-1')).toBe(false);
    expect(parts.guilds.stored.size).toBe(0);
  });

  it('joins once for two requests made at the same moment, playing the first and queueing the second', async () => {
    const [first, second] = TrackFactory.many(2);

    const [played, queued] = await Promise.all([
      sut.enqueue(requester, [first]),
      sut.enqueue({ ...requester, userId: 'user-2' }, [second]),
    ]);

    expect(parts.lavalink.ops()).toEqual(['join', 'play']);
    expect(parts.lavalink.sent[1].args[0]).toBe(first.encoded);
    expect(played).toMatchObject({ startedPlaying: true, firstPosition: 0 });
    expect(queued).toMatchObject({ startedPlaying: false, firstPosition: 1 });
  });

  it('joins again for the second of two requests when the join both waited for failed', async () => {
    const [first, second] = TrackFactory.many(2);
    jest.spyOn(parts.lavalink, 'join').mockRejectedValueOnce(new Error('cannot join'));

    const [refused, played] = await Promise.allSettled([
      sut.enqueue(requester, [first]),
      sut.enqueue({ ...requester, userId: 'user-2' }, [second]),
    ]);

    expect(refused).toMatchObject({ status: 'rejected', reason: new Error('cannot join') });
    expect(played).toMatchObject({ status: 'fulfilled', value: { startedPlaying: true, firstPosition: 0 } });
    expect(parts.lavalink.ops()).toEqual(['join', 'play']);
    expect(parts.lavalink.sent[1].args[0]).toBe(second.encoded);
    expect(parts.store.get('guild-1')?.queue.length).toBe(0);
  });

  it('skips to the next track and records who skipped', async () => {
    const [first, second] = TrackFactory.many(2);
    await sut.enqueue(requester, [first, second]);

    const { skipped, next } = await sut.skip('guild-1', 'user-2');

    expect(skipped.track.encoded).toBe(first.encoded);
    expect(next?.track.encoded).toBe(second.encoded);
    expect(parts.lavalink.sent.at(-1)).toMatchObject({ op: 'play', args: [second.encoded, { startMs: 0 }] });
    const ended = parts.emitted.find(({ name }) => name === DomainEvent.TrackEnded)?.payload as TrackEndedEvent;
    expect(ended).toMatchObject({ reason: 'skipped', skippedBy: 'user-2', track: { title: first.title } });
  });

  it('stops the player and stays idle when the skipped track was the last', async () => {
    await sut.enqueue(requester, [TrackFactory.create()]);

    const { next } = await sut.skip('guild-1', 'user-1');

    expect(next).toBeNull();
    expect(parts.lavalink.ops().at(-1)).toBe('stop');
    expect(parts.guilds.stored.get('guild-1')?.current).toBeNull();
  });

  it('refuses to seek past the end of the song and sends nothing', async () => {
    await sut.enqueue(requester, [TrackFactory.create({ durationMs: 200_000 })]);
    parts.lavalink.sent.length = 0;

    await expect(sut.seek('guild-1', 200_000)).rejects.toMatchObject({
      code: PlaybackErrorCode.SeekPastEnd,
      data: { durationMs: 200_000 },
    });

    expect(parts.lavalink.sent).toEqual([]);
  });

  it('seeks within the song and saves the new position', async () => {
    await sut.enqueue(requester, [TrackFactory.create({ durationMs: 200_000 })]);

    await sut.seek('guild-1', 90_000);

    expect(parts.lavalink.sent.at(-1)).toMatchObject({ op: 'seek', args: [90_000] });
    expect(parts.store.get('guild-1')?.position(parts.clock.now().getTime())).toBe(90_000);
  });

  it('refuses a filter the server switched off', async () => {
    await sut.enqueue(requester, [TrackFactory.create()]);
    await parts.settings.update('guild-1', { allowedFilters: ['bassboost'] });

    await expect(sut.setFilter('guild-1', 'nightcore')).rejects.toMatchObject({
      code: PlaybackErrorCode.FilterNotAllowed,
    });

    expect(parts.store.get('guild-1')?.filter).toBeNull();
  });

  it('reports transcoding once the volume leaves 100', async () => {
    await sut.enqueue(requester, [TrackFactory.create()]);

    await expect(sut.setVolume('guild-1', 80)).resolves.toEqual({ transcoding: true });
    await expect(sut.setVolume('guild-1', 100)).resolves.toEqual({ transcoding: false });
  });

  it('clears the queue, leaves and removes the stored session on stop', async () => {
    await sut.enqueue(requester, TrackFactory.many(3));

    await sut.stop('guild-1');

    expect(parts.lavalink.ops().at(-1)).toBe('leave');
    expect(parts.store.has('guild-1')).toBe(false);
    expect(parts.guilds.stored.has('guild-1')).toBe(false);
  });

  it('answers nothing playing for a guild without a session', async () => {
    await expect(sut.pause('guild-2')).rejects.toMatchObject({ code: PlaybackErrorCode.NothingPlaying });
  });
});
