import nock from 'nock';
import { DeezerClient } from './deezer.client';

const API = 'http://deezer.test';

describe(DeezerClient.name, () => {
  const sut = new DeezerClient(API);

  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  it('reads a track: artist, title, duration in ms, ISRC and cover', async () => {
    nock(API)
      .get('/track/3135556')
      .reply(200, {
        id: 3135556,
        title: 'Harder, Better, Faster, Stronger',
        title_short: 'Harder, Better, Faster, Stronger',
        title_version: '',
        duration: 224,
        isrc: 'GBDUW0000059',
        artist: { id: 27, name: 'Daft Punk', type: 'artist' },
        album: { id: 302127, title: 'Discovery', cover_xl: 'https://cdn/cover.jpg', type: 'album' },
        type: 'track',
      });

    expect(await sut.track('3135556')).toEqual({
      ok: true,
      value: {
        sourceId: '3135556',
        artist: 'Daft Punk',
        title: 'Harder, Better, Faster, Stronger',
        durationMs: 224_000,
        isrc: 'GBDUW0000059',
        artworkUrl: 'https://cdn/cover.jpg',
      },
    });
  });

  it.each([
    ['"no data" (code 800)', 200, { error: { type: 'DataException', message: 'no data', code: 800 } }, 'not-found'],
    ['a quota error', 200, { error: { type: 'Exception', message: 'Quota limit exceeded', code: 4 } }, 'unavailable'],
    ['HTTP 503', 503, 'Service Unavailable', 'unavailable'],
  ])('answers %s as %s', async (_label, status, body, reason) => {
    nock(API).get('/track/1').reply(status, body);

    expect(await sut.track('1')).toMatchObject({ ok: false, reason });
  });

  it('answers a network failure as unavailable, never throwing', async () => {
    nock(API).get('/track/1').replyWithError('socket hang up');

    expect(await sut.track('1')).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('reads a playlist page by page up to the limit, with its name', async () => {
    const item = (n: number) => ({ id: n, title: `Song ${n}`, duration: 200, artist: { name: 'Band' }, type: 'track' });
    nock(API).get('/playlist/9').reply(200, { id: 9, title: 'Road trip', nb_tracks: 150 });
    nock(API)
      .get('/playlist/9/tracks')
      .query({ index: '0', limit: '100' })
      .reply(200, {
        data: Array.from({ length: 100 }, (_, n) => item(n)),
        total: 150,
        next: `${API}/playlist/9/tracks?index=100`,
      });
    nock(API)
      .get('/playlist/9/tracks')
      .query({ index: '100', limit: '100' })
      .reply(200, { data: Array.from({ length: 50 }, (_, n) => item(100 + n)), total: 150 });

    const answer = await sut.playlist('9', 120);

    expect(answer).toMatchObject({ ok: true, value: { name: 'Road trip', total: 150 } });
    expect(answer.ok && answer.value.tracks).toHaveLength(120);
  });
});
