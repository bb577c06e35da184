import { sourceOfIdentifier } from './source-attempt.reporter';

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
