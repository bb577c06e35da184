import type { ButtonStyle } from 'discord.js';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../../../domain/playback/testing/playback.factory';
import { NowPlayingButton, renderNowPlaying, renderSessionEnded } from './now-playing.presenter';

type Button = { custom_id: string; label: string; style: ButtonStyle };
const buttonsOf = (view: ReturnType<typeof renderNowPlaying>): Button[] =>
  view.components.flatMap((row) => row.components as unknown as Button[]);

describe(renderNowPlaying.name, () => {
  const track = TrackFactory.create({
    title: 'One More Time',
    author: 'Daft Punk',
    durationMs: 225_000,
    artworkUrl: 'https://img.example/art.jpg',
    uri: 'https://www.youtube.com/watch?v=FGBhQbmPwH8',
  });
  const playing = SnapshotFactory.create({
    current: {
      entry: QueueEntryFactory.create({ track, requestedBy: 'ana' }),
      positionMs: 83_000,
      paused: false,
      startedAt: new Date(),
    },
  });

  it('shows title, artist, artwork, requester and a progress bar', () => {
    const [embed] = renderNowPlaying('en', playing).embeds;
    expect(embed).toMatchObject({
      title: 'One More Time',
      url: 'https://www.youtube.com/watch?v=FGBhQbmPwH8',
      thumbnail: { url: 'https://img.example/art.jpg' },
      author: { name: '▶️ Now playing' },
    });
    expect(embed.description).toContain('by **Daft Punk**');
    expect(embed.description).toContain('Requested by <@ana>');
    expect(embed.description).toContain('▬▬▬▬🔘▬▬▬▬▬▬▬ 1:23 / 3:45');
    expect(embed.footer?.text).toBe('Loop: off · Volume: 100% · Filter: none');
  });

  it.each([
    ['soundcloud', 'by **Daft Punk** · via SoundCloud\n'],
    ['bandcamp', 'by **Daft Punk** · via Bandcamp\n'],
    ['youtube', 'by **Daft Punk**\n'],
  ])('says where the audio comes from when it is not YouTube (%s)', (sourceName, line) => {
    const elsewhere = SnapshotFactory.create({
      current: { ...playing.current!, entry: QueueEntryFactory.create({ track: { ...track, sourceName } }) },
    });
    expect(renderNowPlaying('en', elsewhere).embeds[0].description).toContain(line);
  });

  it('has pause, skip, stop, like and dislike buttons', () => {
    expect(buttonsOf(renderNowPlaying('en', playing)).map((b) => [b.custom_id, b.label])).toEqual([
      ['np:pause', 'Pause'],
      ['np:skip', 'Skip'],
      ['np:stop', 'Stop'],
      ['np:like', 'Like'],
      ['np:dislike', 'Dislike'],
    ]);
  });

  it('labels the pause button Resume while paused', () => {
    const paused = SnapshotFactory.create({ current: { ...playing.current!, paused: true } });
    const view = renderNowPlaying('en', paused);
    expect(view.embeds[0].author?.name).toBe('⏸ Paused');
    expect(buttonsOf(view)[0]).toMatchObject({ custom_id: NowPlayingButton.PauseResume, label: 'Resume' });
  });

  it.each([
    [{ requestedBy: undefined, source: 'autoplay' as const }, 'Requested by Autoplay'],
    [
      { requestedBy: undefined, source: 'autoplay' as const, reason: 'Because Ana and Ben play Daft Punk' },
      'Requested by Autoplay: Because Ana and Ben play Daft Punk',
    ],
    [{ requestedBy: undefined, source: 'discovery' as const }, 'Requested by Autoplay (discovery)'],
  ])('names autoplay as the requester (%p)', (entry, line) => {
    const snapshot = SnapshotFactory.create({
      current: { ...playing.current!, entry: QueueEntryFactory.create({ track, ...entry }) },
    });
    expect(renderNowPlaying('en', snapshot).embeds[0].description).toContain(line);
  });

  it.each([
    [{ volume: 50, filter: null }, 'volume 50% makes Lavalink re-encode'],
    [{ volume: 100, filter: 'nightcore' as const }, 'the nightcore filter makes Lavalink re-encode'],
    [{ volume: 120, filter: 'bassboost' as const }, 'volume 120% and the bassboost filter make Lavalink re-encode'],
  ])('notes transcoding (%p)', (audio, note) => {
    const view = renderNowPlaying('en', SnapshotFactory.create({ ...playing, ...audio, transcoding: true }));
    expect(view.embeds[0].description).toContain(`⚙️ Transcoding: ${note}`);
    expect(view.embeds[0].footer?.text).toContain(`Volume: ${audio.volume}%`);
  });

  it('says nothing about transcoding on passthrough', () => {
    expect(renderNowPlaying('en', playing).embeds[0].description).not.toContain('Transcoding');
  });

  it('shows loop, 24/7 and what comes next', () => {
    const queue = QueueEntryFactory.many(3);
    const view = renderNowPlaying(
      'en',
      SnapshotFactory.create({ ...playing, loop: 'queue', twentyFourSeven: true, queue }),
    );
    expect(view.embeds[0].footer?.text).toBe(
      `Loop: queue · Volume: 100% · Filter: none · 24/7\nUp next: ${queue[0].track.title} (+2 more)`,
    );
  });

  it('shows a stream as live and a one-off notice', () => {
    const stream = TrackFactory.create({ isStream: true, durationMs: 0 });
    const snapshot = SnapshotFactory.create({
      current: { ...playing.current!, entry: QueueEntryFactory.create({ track: stream }), positionMs: 60_000 },
    });
    const description = renderNowPlaying('en', snapshot, '⚠️ Skipped Broken: video unavailable').embeds[0].description;
    expect(description).toContain('🔴 LIVE 1:00');
    expect(description).toContain('⚠️ Skipped Broken: video unavailable');
  });

  it('speaks the language it is given, buttons included', () => {
    const view = renderNowPlaying('de', SnapshotFactory.create({ ...playing, loop: 'queue' }));
    expect(view.embeds[0].author?.name).toBe('▶️ Läuft gerade');
    expect(view.embeds[0].footer?.text).toBe('Wiederholen: Warteschlange · Lautstärke: 100 % · Filter: keiner');
    expect(buttonsOf(view).map((b) => b.label)).toEqual([
      'Pause',
      'Überspringen',
      'Stopp',
      'Gefällt mir',
      'Gefällt mir nicht',
    ]);
  });

  it('keeps only the stop button when nothing plays', () => {
    const view = renderNowPlaying('en', SnapshotFactory.create({ current: null }));
    expect(view.embeds[0].author?.name).toBe('Nothing is playing');
    expect(buttonsOf(view).map((b) => b.custom_id)).toEqual(['np:stop']);
  });

  it('escapes markdown in titles', () => {
    const odd = TrackFactory.create({ title: '**bold** _song_', author: 'A*B' });
    const snapshot = SnapshotFactory.create({
      current: { ...playing.current!, entry: QueueEntryFactory.create({ track: odd }) },
    });
    const [embed] = renderNowPlaying('en', snapshot).embeds;
    expect(embed.title).toBe('\\*\\*bold\\*\\* \\_song\\_');
    expect(embed.description).toContain('by **A\\*B**');
  });
});

describe(renderSessionEnded.name, () => {
  it.each([
    ['stopped', 'The music was stopped'],
    ['left', 'I left the voice channel'],
    ['idle', 'nobody listening'],
    ['kicked', 'I was disconnected'],
  ] as const)('explains %p and leaves no buttons', (reason, text) => {
    const view = renderSessionEnded('en', reason, 'One More Time');
    expect(view.components).toEqual([]);
    expect(view.embeds[0].author?.name).toBe('⏹ Session ended');
    expect(view.embeds[0].description).toContain(text);
    expect(view.embeds[0].description).toContain('Last played: One More Time');
  });
});
