import { parseQuery, type ParsedQuery } from './link-parser';

const V = 'dQw4w9WgXcQ';
const SP = '4uLU6hMCjMI75M1A2tKUQC';

describe(parseQuery.name, () => {
  const cases: Array<[string, unknown, ParsedQuery]> = [
    ['empty string', '', { kind: 'invalid', reason: 'EMPTY_QUERY' }],
    ['blank string', '   \n\t ', { kind: 'invalid', reason: 'EMPTY_QUERY' }],
    ['not a string', undefined, { kind: 'invalid', reason: 'EMPTY_QUERY' }],
    ['10,000 characters', 'a'.repeat(10_000), { kind: 'invalid', reason: 'QUERY_TOO_LONG' }],
    ['free text, trimmed', '  daft punk one more time ', { kind: 'text', text: 'daft punk one more time' }],
    ['text with a link inside', 'listen https://youtu.be/x', { kind: 'text', text: 'listen https://youtu.be/x' }],
    [
      'an autocomplete token',
      'track:65f0c0ffee0000000000abcd',
      { kind: 'catalog', trackId: '65f0c0ffee0000000000abcd' },
    ],
    [
      'youtube watch',
      `https://www.youtube.com/watch?v=${V}`,
      { kind: 'youtube-video', source: 'youtube', videoId: V, url: `https://www.youtube.com/watch?v=${V}` },
    ],
    [
      'youtube watch in <…> with a timestamp',
      `<https://youtube.com/watch?v=${V}&t=42>`,
      { kind: 'youtube-video', source: 'youtube', videoId: V, url: `https://youtube.com/watch?v=${V}&t=42` },
    ],
    [
      'youtu.be',
      `https://youtu.be/${V}?si=abc`,
      { kind: 'youtube-video', source: 'youtube', videoId: V, url: `https://youtu.be/${V}?si=abc` },
    ],
    [
      'youtu.be without a scheme',
      `youtu.be/${V}`,
      { kind: 'youtube-video', source: 'youtube', videoId: V, url: `https://youtu.be/${V}` },
    ],
    [
      'mobile youtube',
      `https://m.youtube.com/watch?v=${V}`,
      { kind: 'youtube-video', source: 'youtube', videoId: V, url: `https://m.youtube.com/watch?v=${V}` },
    ],
    [
      'shorts',
      `https://www.youtube.com/shorts/${V}`,
      { kind: 'youtube-video', source: 'youtube', videoId: V, url: `https://www.youtube.com/shorts/${V}` },
    ],
    [
      'youtube music watch',
      `https://music.youtube.com/watch?v=${V}&feature=share`,
      {
        kind: 'youtube-video',
        source: 'youtube-music',
        videoId: V,
        url: `https://music.youtube.com/watch?v=${V}&feature=share`,
      },
    ],
    [
      'playlist',
      'https://www.youtube.com/playlist?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI',
      {
        kind: 'youtube-playlist',
        source: 'youtube',
        playlistId: 'PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI',
        videoId: undefined,
        mix: false,
        url: 'https://www.youtube.com/playlist?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI',
      },
    ],
    [
      'a mix (watch with list=RD…)',
      `https://www.youtube.com/watch?v=${V}&list=RD${V}&start_radio=1`,
      {
        kind: 'youtube-playlist',
        source: 'youtube',
        playlistId: `RD${V}`,
        videoId: V,
        mix: true,
        url: `https://www.youtube.com/watch?v=${V}&list=RD${V}&start_radio=1`,
      },
    ],
    [
      'youtube music playlist',
      'https://music.youtube.com/playlist?list=OLAK5uy_kx0s4a0abcdefghij',
      {
        kind: 'youtube-playlist',
        source: 'youtube-music',
        playlistId: 'OLAK5uy_kx0s4a0abcdefghij',
        videoId: undefined,
        mix: false,
        url: 'https://music.youtube.com/playlist?list=OLAK5uy_kx0s4a0abcdefghij',
      },
    ],
    [
      'a watch link with a broken id',
      'https://www.youtube.com/watch?v=short',
      { kind: 'unusable', source: 'youtube', why: 'malformed', url: 'https://www.youtube.com/watch?v=short' },
    ],
    [
      'a youtube channel page',
      'https://www.youtube.com/@daftpunk',
      { kind: 'unusable', source: 'youtube', why: 'malformed', url: 'https://www.youtube.com/@daftpunk' },
    ],
    [
      'spotify track',
      `https://open.spotify.com/track/${SP}?si=1234`,
      { kind: 'spotify', type: 'track', id: SP, url: `https://open.spotify.com/track/${SP}?si=1234` },
    ],
    [
      'spotify track with intl path',
      `https://open.spotify.com/intl-fr/track/${SP}`,
      { kind: 'spotify', type: 'track', id: SP, url: `https://open.spotify.com/intl-fr/track/${SP}` },
    ],
    [
      'spotify album',
      `open.spotify.com/album/${SP}`,
      { kind: 'spotify', type: 'album', id: SP, url: `https://open.spotify.com/album/${SP}` },
    ],
    [
      'spotify playlist',
      `https://open.spotify.com/playlist/${SP}`,
      { kind: 'spotify', type: 'playlist', id: SP, url: `https://open.spotify.com/playlist/${SP}` },
    ],
    ['spotify URI', `spotify:track:${SP}`, { kind: 'spotify', type: 'track', id: SP, url: `spotify:track:${SP}` }],
    [
      'spotify artist page',
      `https://open.spotify.com/artist/${SP}`,
      { kind: 'unusable', source: 'spotify', why: 'malformed', url: `https://open.spotify.com/artist/${SP}` },
    ],
    [
      'spotify short link',
      'https://spotify.link/AbCdEf',
      { kind: 'unusable', source: 'spotify', why: 'short-link', url: 'https://spotify.link/AbCdEf' },
    ],
    [
      'deezer track',
      'https://www.deezer.com/track/3135556',
      { kind: 'deezer', type: 'track', id: '3135556', url: 'https://www.deezer.com/track/3135556' },
    ],
    [
      'deezer album with a language',
      'https://www.deezer.com/fr/album/302127',
      { kind: 'deezer', type: 'album', id: '302127', url: 'https://www.deezer.com/fr/album/302127' },
    ],
    [
      'deezer playlist',
      'deezer.com/playlist/908622995',
      { kind: 'deezer', type: 'playlist', id: '908622995', url: 'https://deezer.com/playlist/908622995' },
    ],
    [
      'deezer short link',
      'https://deezer.page.link/abc123',
      { kind: 'unusable', source: 'deezer', why: 'short-link', url: 'https://deezer.page.link/abc123' },
    ],
    [
      'soundcloud track',
      'https://soundcloud.com/daft-punk-official/one-more-time?in=x',
      {
        kind: 'soundcloud',
        set: false,
        url: 'https://soundcloud.com/daft-punk-official/one-more-time',
        hint: 'daft punk official - one more time',
      },
    ],
    [
      'soundcloud set',
      'https://soundcloud.com/daftpunk/sets/discovery',
      {
        kind: 'soundcloud',
        set: true,
        url: 'https://soundcloud.com/daftpunk/sets/discovery',
        hint: 'daftpunk - discovery',
      },
    ],
    ['another site', 'https://vimeo.com/12345', { kind: 'unsupported', url: 'https://vimeo.com/12345' }],
    [
      'a direct audio link',
      'https://media.example.com/a/song.mp3',
      { kind: 'direct', url: 'https://media.example.com/a/song.mp3' },
    ],
    [
      'a direct link with a query',
      'http://127.0.0.1:8080/x/song.OGG?t=1',
      { kind: 'direct', url: 'http://127.0.0.1:8080/x/song.OGG?t=1' },
    ],
    [
      'a page on another site',
      'https://media.example.com/song.html',
      { kind: 'unsupported', url: 'https://media.example.com/song.html' },
    ],
    ['a broken URL', 'http://', { kind: 'unsupported', url: 'http://' }],
  ];

  it.each(cases)('reads %s', (_label, input, expected) => {
    expect(parseQuery(input)).toEqual(expected);
  });

  it('never throws on hostile input', () => {
    const inputs: unknown[] = [null, 42, {}, '%', 'https://%zz', `https://youtu.be/${'x'.repeat(490)}`, '\u0000\u200b'];
    for (const input of inputs) expect(() => parseQuery(input)).not.toThrow();
  });
});
