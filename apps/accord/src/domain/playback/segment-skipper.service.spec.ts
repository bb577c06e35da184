import type { TrackSegment } from '@accord/core';
import type { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { GuildSettingsService } from '../guilds/guild-settings.service';
import type { SegmentsService } from '../segments/segments.service';
import { PlaybackEvent, type SessionChangedEvent } from './playback.events';
import type { PlaybackRequester, PlayableTrack } from './playback.types';
import { SegmentSkipperService } from './segment-skipper.service';
import { createPlaybackParts, type PlaybackParts } from './testing/playback.fakes';
import { TrackFactory } from './testing/playback.factory';

const offtopic = (startMs: number, endMs: number): TrackSegment => ({ category: 'music_offtopic', startMs, endMs });
const requester: PlaybackRequester = {
  guildId: 'guild-1',
  userId: 'user-1',
  voiceChannelId: 'voice-1',
  textChannelId: 'text-1',
};

describe(SegmentSkipperService.name, () => {
  let parts: PlaybackParts;
  let answers: Map<string, TrackSegment[] | null>;
  let forVideo: jest.Mock<Promise<TrackSegment[] | null>, [string]>;
  let sut: SegmentSkipperService;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2025-01-01T12:00:00Z') });
    parts = createPlaybackParts();
    // The playback clock and the timers read the same fake time.
    jest.spyOn(parts.clock, 'now').mockImplementation(() => new Date());
    answers = new Map();
    forVideo = jest.fn((videoId: string) => Promise.resolve(answers.get(videoId) ?? []));
    sut = new SegmentSkipperService(
      parts.store,
      parts.sequencer,
      parts.settings as unknown as GuildSettingsService,
      { forVideo } as unknown as SegmentsService,
      parts.lavalink as unknown as LavalinkService,
      parts.publisher,
      parts.clock,
    );
    parts.events.on(PlaybackEvent.SessionChanged, (event: SessionChangedEvent) => sut.onSessionChanged(event));
  });
  afterEach(() => {
    sut.onModuleDestroy();
    jest.useRealTimers();
  });

  const session = () => parts.store.get('guild-1')!;
  /** Lavalink's TrackStartEvent, as PlayerEventsHandler takes it. */
  const lavalinkStarts = (): void => {
    const current = session().current!;
    current.started = true;
    session().reported(current.positionMs, Date.now());
    parts.store.changed(session(), 'track');
  };
  const play = async (...tracks: PlayableTrack[]): Promise<void> => {
    await parts.commands.enqueue(requester, tracks);
    lavalinkStarts();
    await jest.advanceTimersByTimeAsync(0);
  };
  const seeks = (): number[] =>
    parts.lavalink.sent.filter(({ op }) => op === 'seek').map(({ args }) => args[0] as number);
  const seekTimes: number[] = [];
  const recordSeekTimes = (): void => {
    const original = parts.lavalink.seek.bind(parts.lavalink);
    jest.spyOn(parts.lavalink, 'seek').mockImplementation((guildId, positionMs) => {
      seekTimes.push(Date.now());
      return original(guildId, positionMs);
    });
  };

  it('seeks past a segment at the start as soon as the track plays, and past one in the middle at its start', async () => {
    const track = TrackFactory.create({ durationMs: 180_000 });
    answers.set(track.identifier!, [offtopic(0, 5_000), offtopic(60_000, 70_000), offtopic(100_000, 100_400)]);
    seekTimes.length = 0;
    recordSeekTimes();
    const startedAt = Date.now();

    await play(track);
    expect(seeks()).toEqual([5_000]);

    await jest.advanceTimersByTimeAsync(54_990);
    expect(seeks()).toEqual([5_000]);
    await jest.advanceTimersByTimeAsync(20);
    expect(seeks()).toEqual([5_000, 70_000]);
    // The second seek left at 60 s of track time: 5 s, then 55 s of playing.
    expect(seekTimes[1] - startedAt).toBe(55_000);
    expect(session().current?.skippedSegments).toEqual([offtopic(0, 5_000), offtopic(60_000, 70_000)]);

    // The 0.4 s segment is not worth a seek.
    await jest.advanceTimersByTimeAsync(120_000);
    expect(seeks()).toEqual([5_000, 70_000]);
  });

  it('skips nothing when the guild turned skipping off, and does not even ask', async () => {
    await parts.settings.update('guild-1', { skipSegments: [] });
    const track = TrackFactory.create();
    answers.set(track.identifier!, [offtopic(0, 5_000)]);

    await play(track);
    await jest.advanceTimersByTimeAsync(60_000);

    expect(seeks()).toEqual([]);
    expect(forVideo).not.toHaveBeenCalled();
  });

  it('stops skipping at once when the guild turns it off mid-song', async () => {
    const track = TrackFactory.create();
    answers.set(track.identifier!, [offtopic(0, 5_000), offtopic(30_000, 40_000)]);
    await play(track);
    expect(seeks()).toEqual([5_000]);

    await parts.settings.update('guild-1', { skipSegments: [] });
    await jest.advanceTimersByTimeAsync(60_000);

    expect(seeks()).toEqual([5_000]);
  });

  it('skips only the categories the guild chose', async () => {
    await parts.settings.update('guild-1', { skipSegments: ['sponsor'] });
    const track = TrackFactory.create();
    answers.set(track.identifier!, [offtopic(0, 5_000), { category: 'sponsor', startMs: 10_000, endMs: 20_000 }]);

    await play(track);
    await jest.advanceTimersByTimeAsync(30_000);

    expect(seeks()).toEqual([20_000]);
  });

  it('looks up the next song in the queue while the current one plays', async () => {
    const [first, second] = [TrackFactory.create(), TrackFactory.create()];

    await play(first, second);

    expect(forVideo.mock.calls.map(([videoId]) => videoId)).toEqual([first.identifier, second.identifier]);
  });

  it('does not ask about songs that are not YouTube videos', async () => {
    await play(TrackFactory.create({ sourceName: 'soundcloud' }));

    expect(forVideo).not.toHaveBeenCalled();
  });

  it('waits while paused and plans again from where the track resumes', async () => {
    const track = TrackFactory.create();
    answers.set(track.identifier!, [offtopic(30_000, 40_000)]);
    await play(track);
    await jest.advanceTimersByTimeAsync(10_000);

    await parts.commands.pause('guild-1');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(seeks()).toEqual([]);

    await parts.commands.resume('guild-1');
    await jest.advanceTimersByTimeAsync(19_990);
    expect(seeks()).toEqual([]);
    await jest.advanceTimersByTimeAsync(20);
    expect(seeks()).toEqual([40_000]);
  });

  it('plans again after a seek and never seeks backwards', async () => {
    const track = TrackFactory.create();
    answers.set(track.identifier!, [offtopic(30_000, 40_000), offtopic(90_000, 100_000)]);
    await play(track);

    await parts.commands.seek('guild-1', 50_000);
    await jest.advanceTimersByTimeAsync(39_990);
    expect(seeks()).toEqual([50_000]);
    await jest.advanceTimersByTimeAsync(20);
    expect(seeks()).toEqual([50_000, 100_000]);
  });

  it('keeps to the pace of a timescale filter', async () => {
    const track = TrackFactory.create();
    answers.set(track.identifier!, [offtopic(60_000, 70_000)]);
    await play(track);

    await parts.commands.setFilter('guild-1', 'nightcore');
    // 60 s of track at 1.2x take 50 s.
    await jest.advanceTimersByTimeAsync(49_990);
    expect(seeks()).toEqual([]);
    await jest.advanceTimersByTimeAsync(20);
    expect(seeks()).toEqual([70_000]);
  });

  it('ends the track at a segment that runs to its end, and plays the next one', async () => {
    const [first, second] = [TrackFactory.create({ durationMs: 180_000 }), TrackFactory.create()];
    answers.set(first.identifier!, [offtopic(150_000, 179_800)]);
    await play(first, second);

    await jest.advanceTimersByTimeAsync(150_010);

    expect(seeks()).toEqual([]);
    expect(parts.lavalink.sent.filter(({ op }) => op === 'play').map(({ args }) => args[0])).toEqual([
      first.encoded,
      second.encoded,
    ]);
    expect(session().current?.entry.track.encoded).toBe(second.encoded);
    expect(
      parts.emitted.filter(({ name }) => name === PlaybackEvent.TrackCutShort).map(({ payload }) => payload),
    ).toEqual([
      { guildId: 'guild-1', textChannelId: 'text-1', title: first.title, segment: offtopic(150_000, 179_800) },
    ]);
  });

  it('skips the rest of a segment the playhead is already in when a late answer arrives', async () => {
    const track = TrackFactory.create();
    let answer!: (segments: TrackSegment[]) => void;
    forVideo.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await play(track);
    await jest.advanceTimersByTimeAsync(3_000);

    answer([offtopic(0, 8_000)]);
    await jest.advanceTimersByTimeAsync(0);

    expect(seeks()).toEqual([8_000]);
  });

  it('forgets a track that was skipped before its segment came', async () => {
    const [first, second] = [TrackFactory.create(), TrackFactory.create()];
    answers.set(first.identifier!, [offtopic(20_000, 30_000)]);
    await play(first, second);

    await parts.commands.skip('guild-1', 'user-1');
    lavalinkStarts();
    await jest.advanceTimersByTimeAsync(60_000);

    expect(seeks()).toEqual([]);
  });
});
