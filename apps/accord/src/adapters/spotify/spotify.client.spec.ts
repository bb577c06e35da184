import nock from 'nock';
import type { AppConfig } from '../../config/app-config';
import { SPOTIFY_ACCOUNTS_URL, SpotifyClient } from './spotify.client';
import { SpotifyCallError } from './spotify.types';

const API = 'https://api.spotify.com';
const config = {
  spotify: { clientId: 'client-id', clientSecret: 'client-secret', tokenEncryptionKey: 'key' },
  http: { publicUrl: 'https://accord.example/' },
} as AppConfig;

function track(id: string, artist: string, title: string): Record<string, unknown> {
  return {
    id,
    name: title,
    type: 'track',
    duration_ms: 301_373,
    artists: [{ name: artist }],
    external_ids: { isrc: 'GBDUW0000053' },
    album: { images: [{ url: 'https://i.scdn.co/cover.jpg' }] },
  };
}

describe(SpotifyClient.name, () => {
  let waits: number[];
  let sut: SpotifyClient;

  beforeAll(() => {
    nock.disableNetConnect();
  });
  beforeEach(() => {
    waits = [];
    sut = new SpotifyClient(config, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  const appToken = (token = 'app-token'): nock.Scope =>
    nock(SPOTIFY_ACCOUNTS_URL)
      .post('/api/token', 'grant_type=client_credentials')
      .basicAuth({ user: 'client-id', pass: 'client-secret' })
      .reply(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });

  it("reads a track with the app's token, asked for once and kept", async () => {
    const token = appToken();
    nock(API, { reqheaders: { authorization: 'Bearer app-token' } })
      .get('/v1/tracks/abc')
      .times(2)
      .reply(200, track('abc', 'Daft Punk', 'Digital Love'));

    const first = await sut.track('abc');
    await sut.track('abc');

    expect(first).toEqual({
      ok: true,
      value: {
        sourceId: 'abc',
        artist: 'Daft Punk',
        title: 'Digital Love',
        durationMs: 301_373,
        isrc: 'GBDUW0000053',
        artworkUrl: 'https://i.scdn.co/cover.jpg',
      },
    });
    expect(token.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks for a new app token once when Spotify refuses the one it has (401)', async () => {
    appToken('stale');
    appToken('fresh');
    nock(API, { reqheaders: { authorization: 'Bearer stale' } })
      .get('/v1/tracks/abc')
      .reply(401, {});
    nock(API, { reqheaders: { authorization: 'Bearer fresh' } })
      .get('/v1/tracks/abc')
      .reply(200, track('abc', 'Daft Punk', 'Digital Love'));

    expect(await sut.track('abc')).toMatchObject({ ok: true, value: { title: 'Digital Love' } });
  });

  it('says not-found for an unknown id and unavailable when Spotify fails or cannot give a token', async () => {
    appToken();
    nock(API)
      .get('/v1/playlists/gone')
      .reply(404, { error: { status: 404, message: 'Not found' } });
    nock(API).get('/v1/albums/down').reply(500, {});

    expect(await sut.playlist('gone', 100)).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await sut.album('down', 100)).toMatchObject({ ok: false, reason: 'unavailable', detail: 'HTTP 500' });

    const refused = new SpotifyClient(config, () => Promise.resolve());
    nock(SPOTIFY_ACCOUNTS_URL).post('/api/token').reply(400, { error: 'invalid_client' });
    expect(await refused.track('abc')).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('reads a long playlist page by page, skipping local files and episodes', async () => {
    appToken();
    const song = (n: number): Record<string, unknown> => ({
      is_local: false,
      track: track(`s${n}`, 'Air', `Song ${n}`),
    });
    nock(API)
      .get('/v1/playlists/mix')
      .reply(200, {
        name: 'Mix',
        tracks: {
          total: 4,
          items: [song(1), { is_local: true, track: { ...track('', 'Me', 'Demo'), id: null } }],
        },
      });
    nock(API)
      .get('/v1/playlists/mix/tracks')
      .query({ offset: '2', limit: '100' })
      .reply(200, {
        total: 4,
        items: [song(3), { is_local: false, track: { ...track('e1', 'Pod', 'Ep'), type: 'episode' } }],
      });

    const answer = await sut.playlist('mix', 10);

    expect(answer).toMatchObject({ ok: true, value: { name: 'Mix', total: 4 } });
    expect(answer.ok && answer.value.tracks.map((t) => t.title)).toEqual(['Song 1', 'Song 3']);
  });

  it('exchanges a code for tokens and builds the authorisation link', async () => {
    nock(SPOTIFY_ACCOUNTS_URL)
      .post('/api/token', {
        grant_type: 'authorization_code',
        code: 'the-code',
        redirect_uri: 'https://accord.example/api/v1/spotify/callback',
      })
      .basicAuth({ user: 'client-id', pass: 'client-secret' })
      .reply(200, {
        access_token: 'user-token',
        refresh_token: 'refresh',
        expires_in: 3600,
        scope: 'user-top-read user-library-read',
      });

    expect(await sut.exchangeCode('the-code')).toEqual({
      accessToken: 'user-token',
      refreshToken: 'refresh',
      expiresInS: 3600,
      scopes: ['user-top-read', 'user-library-read'],
    });
    expect(sut.authorizeUrl('state123')).toBe(
      'https://accounts.spotify.com/authorize?client_id=client-id&response_type=code' +
        '&redirect_uri=https://accord.example/api/v1/spotify/callback' +
        '&scope=user-top-read%20user-library-read%20playlist-read-private%20playlist-read-collaborative' +
        '&state=state123&show_dialog=true',
    );
  });

  it.each([
    [400, 'revoked', { error: 'invalid_grant', error_description: 'Refresh token revoked' }],
    [503, 'unavailable', {}],
  ] as const)('refreshing a token answered %i fails as %s', async (status, failure, body) => {
    nock(SPOTIFY_ACCOUNTS_URL).post('/api/token').reply(status, body);

    const error = await sut.refresh('refresh').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SpotifyCallError);
    expect((error as SpotifyCallError).failure).toBe(failure);
  });

  it("waits out a rate limit as its Retry-After says, then reads the user's saved tracks", async () => {
    nock(API).get('/v1/me/tracks').query(true).reply(429, {}, { 'Retry-After': '2' });
    nock(API, { reqheaders: { authorization: 'Bearer user-token' } })
      .get('/v1/me/tracks')
      .query({ offset: '50', limit: '50' })
      .reply(200, { total: 51, items: [{ track: track('t1', 'Justice', 'Genesis') }] });

    const page = await sut.savedTracks('user-token', 50);

    expect(page).toEqual({ items: [{ id: 't1', artist: 'Justice', title: 'Genesis' }], total: 51 });
    expect(waits).toEqual([2_000]);
  });

  it.each([
    [401, 'unauthorized'],
    [404, 'not-found'],
    [500, 'unavailable'],
  ] as const)("a user's call answered %i fails as %s", async (status, failure) => {
    nock(API).get('/v1/me').reply(status, {});

    const error = await sut.me('user-token').catch((caught: unknown) => caught);

    expect((error as SpotifyCallError).failure).toBe(failure);
  });
});
