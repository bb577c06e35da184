import nock, { type Interceptor } from 'nock';
import userNotFound from './fixtures/error-user-not-found.json';
import lovedTracks from './fixtures/user-loved-tracks.json';
import topArtists from './fixtures/user-top-artists.json';
import topTracks from './fixtures/user-top-tracks.json';

export const LASTFM_USER_API_URL = 'https://ws.audioscrobbler.com';

/** What the recorded answers hold, for assertions. */
export const LASTFM_RECORDED = {
  topArtists: topArtists.topartists.artist.map((artist) => artist.name),
  topTracks: topTracks.toptracks.track.map((track) => `${track.artist.name} - ${track.name}`),
  lovedTracks: lovedTracks.lovedtracks.track.map((track) => `${track.artist.name} - ${track.name}`),
};

export interface LastfmUserStandIn {
  /** `method user` of every call, in order. */
  readonly requests: string[];
  setDown(down: boolean): void;
  stop(): void;
}

/**
 * Last.fm's user methods (`user.getTopArtists`, `user.getTopTracks`, `user.getLovedTracks`) for
 * the users in `knownUsers`, answered with the recorded responses in `fixtures/` through nock (to
 * this process's `fetch`); any other user gets Last.fm's error 6, "User not found".
 */
export function lastfmUserStandIn(knownUsers: string[]): LastfmUserStandIn {
  const requests: string[] = [];
  const known = new Set(knownUsers.map((name) => name.toLowerCase()));
  let down = false;
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const interceptor: Interceptor = nock(LASTFM_USER_API_URL)
    .persist()
    .get(/^\/2\.0\/?\?/);
  interceptor.reply((path) => {
    const params = new URL(path, LASTFM_USER_API_URL).searchParams;
    const method = params.get('method') ?? '';
    const user = params.get('user') ?? '';
    requests.push(`${method} ${user}`);
    if (down)
      return [503, { error: 16, message: 'There was a temporary error processing your request. Please try again' }];
    if (!params.get('api_key'))
      return [403, { error: 10, message: 'Invalid API key - You must be granted a valid key by last.fm' }];
    if (!known.has(user.toLowerCase())) return [404, userNotFound];
    switch (method.toLowerCase()) {
      case 'user.gettopartists':
        return [200, topArtists];
      case 'user.gettoptracks':
        return [200, topTracks];
      case 'user.getlovedtracks':
        return [200, lovedTracks];
      default:
        return [400, { error: 3, message: 'Invalid Method - No method with that name in this package' }];
    }
  });
  return {
    requests,
    setDown: (value) => {
      down = value;
    },
    stop: () => nock.removeInterceptor(interceptor),
  };
}
