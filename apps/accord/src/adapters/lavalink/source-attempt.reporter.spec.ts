import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { SourceAttemptedEvent } from '@accord/core';
import type { Exception, Track } from 'shoukaku';
import { SourceAttemptReporter, sourceOfIdentifier } from './source-attempt.reporter';

describe(sourceOfIdentifier.name, () => {
  it.each([
    ['daft punk one more time', 'ytmsearch', 'youtube'],
    ['daft punk one more time', 'scsearch', 'soundcloud'],
    ['ytsearch:daft punk', undefined, 'youtube'],
    ['scsearch:daft punk', undefined, 'soundcloud'],
    ['bcsearch:daft punk', undefined, 'bandcamp'],
    ['dQw4w9WgXcQ', undefined, 'youtube'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', undefined, 'youtube'],
    ['https://music.youtube.com/watch?v=dQw4w9WgXcQ', undefined, 'youtube'],
    ['https://youtu.be/dQw4w9WgXcQ', undefined, 'youtube'],
    ['https://soundcloud.com/daftpunk/one-more-time', undefined, 'soundcloud'],
    ['https://artist.bandcamp.com/track/song', undefined, 'bandcamp'],
    ['https://example.com/song.mp3', undefined, 'http'],
    ['https://notyoutube.com/watch?v=x', undefined, 'http'],
    ['ftp://example.com/song.mp3', undefined, 'unknown'],
    ['just some words', undefined, 'unknown'],
  ] as const)('sends %s (engine %s) to %s', (identifier, engine, source) => {
    expect(sourceOfIdentifier(identifier, engine)).toBe(source);
  });
});

describe(SourceAttemptReporter.name, () => {
  const track = { encoded: 'QAAA', info: { sourceName: 'youtube' } } as Track;
  const broke: Exception = {
    message: 'Something broke when playing the track.',
    severity: 'fault',
    cause: 'java.lang.RuntimeException: Not success status code: 403',
  };
  let published: SourceAttemptedEvent[];
  let sut: SourceAttemptReporter;

  beforeEach(() => {
    published = [];
    sut = new SourceAttemptReporter({
      emit: (_name: string, event: SourceAttemptedEvent) => published.push(event),
    } as unknown as EventEmitter2);
  });
  const outcomes = (): string[] => published.map((event) => `${event.source} ${event.stage} ${event.outcome}`);

  it('counts a track as played once Lavalink reports its playhead past where it started', () => {
    sut.started('g1', track);
    sut.moved('g1', 0);
    expect(outcomes()).toEqual([]);

    sut.moved('g1', 5_012);
    sut.moved('g1', 10_020);

    expect(outcomes()).toEqual(['youtube play played']);
  });

  it('counts a track that started and then failed as a failure only, with its exception', () => {
    sut.started('g1', track);
    sut.moved('g1', 0);
    sut.playFailed('g1', track, broke);
    sut.ended('g1', 'loadFailed');

    expect(outcomes()).toEqual(['youtube play failed']);
    expect(published[0].exception).toEqual(broke);
  });

  it('counts a track too short for an update once it finishes, and nothing for one skipped before it moved', () => {
    sut.started('g1', track);
    sut.ended('g1', 'finished');
    sut.started('g2', track);
    sut.moved('g2', 0);
    sut.ended('g2', 'replaced');

    expect(outcomes()).toEqual(['youtube play played']);
  });

  it('names the source of a failed load from its identifier', () => {
    sut.loadFailed('https://soundcloud.com/a/b', undefined, broke);

    expect(outcomes()).toEqual(['soundcloud load failed']);
  });
});
