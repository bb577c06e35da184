import { GuildSession } from './guild-session';
import { QueueEntryFactory } from './testing/playback.factory';

describe(GuildSession.name, () => {
  const entry = QueueEntryFactory.create();
  const playingSince = (startMs: number): GuildSession => {
    const session = new GuildSession('guild-1', 'voice-1', 'text-1');
    session.current = {
      entry: { ...entry, track: { ...entry.track, durationMs: 180_000, isStream: false } },
      startedAt: new Date(startMs),
      positionMs: 0,
      positionAt: startMs,
      paused: false,
      started: true,
    };
    return session;
  };

  it('moves the playhead on with the clock while the track plays', () => {
    const session = playingSince(0);

    expect(session.position(6_000)).toBe(6_000);
  });

  it('keeps the playhead where the audio stopped while no node plays the track (an outage is not played time)', () => {
    // Played 6 s, the node went away for 8 s: the song continues at 6 s, not at 14 s.
    const session = playingSince(0);

    session.hold(6_000);

    expect(session.position(14_000)).toBe(6_000);
    expect(session.toPersisted(14_000).current?.positionMs).toBe(6_000);
  });

  it('counts from the last report until the node went away, once', () => {
    const session = playingSince(0);
    session.reported(5_000, 5_000);

    session.hold(5_400);
    session.hold(9_000); // a second close of the same node while it is down

    expect(session.position(20_000)).toBe(5_400);
  });

  it('moves on again once a node reports the track', () => {
    const session = playingSince(0);
    session.hold(6_000);

    session.reported(6_000, 14_000);

    expect(session.position(15_000)).toBe(7_000);
  });

  it('keeps a paused track where it was, node or not', () => {
    const session = playingSince(0);
    session.current!.paused = true;
    session.setPosition(3_000, 3_000);

    session.hold(4_000);

    expect(session.position(10_000)).toBe(3_000);
  });
});
