import { Logger } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LrclibClient } from './lrclib.client';

/** LRCLIB's `/api/get` answer for one song, in its recorded shape. */
const GLASS_ORCHARD = {
  id: 7301002,
  name: 'Glass Orchard',
  trackName: 'Glass Orchard',
  artistName: 'Marrow Lane',
  albumName: 'Frost Country',
  duration: 187.0,
  instrumental: false,
  plainLyrics: 'Glass orchard in the morning frost\nEvery apple shines like something lost',
  syncedLyrics: null,
};
const TRACK_NOT_FOUND = { code: 404, name: 'TrackNotFound', message: 'Failed to find specified track' };

type Mode = 'ok' | 'not-found' | 'malformed' | 'huge' | 'slow' | 'down';

describe(LrclibClient.name, () => {
  let server: Server;
  let mode: Mode = 'ok';
  const requests: Array<{ url: string; userAgent: string }> = [];
  let sut: LrclibClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', userAgent: req.headers['user-agent'] ?? '' });
      const search = req.url?.startsWith('/api/search');
      const reply = (status: number, body: unknown): void => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (mode === 'slow') setTimeout(() => reply(200, GLASS_ORCHARD), 1_000).unref();
      else if (mode === 'down') reply(503, { code: 503 });
      else if (mode === 'not-found') reply(404, TRACK_NOT_FOUND);
      else if (mode === 'malformed') reply(200, search ? [{ id: 'x' }] : { id: 'x', trackName: 3 });
      else if (mode === 'huge') reply(200, { ...GLASS_ORCHARD, plainLyrics: 'la '.repeat(200_000) });
      else reply(200, search ? [GLASS_ORCHARD] : GLASS_ORCHARD);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sut = new LrclibClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, timeoutMs: 300 });
  });
  afterEach(() => {
    mode = 'ok';
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gets one song by artist, title and whole seconds, leaving out an album it was not given', async () => {
    const answer = await sut.get({ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 186.6 });

    expect(answer).toEqual({
      ok: true,
      value: {
        id: 7301002,
        trackName: 'Glass Orchard',
        artistName: 'Marrow Lane',
        albumName: 'Frost Country',
        duration: 187,
        instrumental: false,
        plainLyrics: GLASS_ORCHARD.plainLyrics,
        syncedLyrics: null,
      },
    });
    expect(requests.at(-1)).toEqual({
      url: '/api/get?artist_name=Marrow+Lane&track_name=Glass+Orchard&duration=187',
      userAgent: expect.stringMatching(/^Accord\/\S+ \(/) as unknown,
    });
  });

  it('leaves out a duration it does not know', async () => {
    await sut.get({ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 0 });

    expect(requests.at(-1)?.url).toBe('/api/get?artist_name=Marrow+Lane&track_name=Glass+Orchard');
  });

  it("answers LRCLIB's 404 TrackNotFound as null, a normal answer", async () => {
    mode = 'not-found';

    expect(await sut.get({ artist: 'Nobody', title: 'Nothing', durationS: 100 })).toEqual({ ok: true, value: null });
    expect(await sut.search('nothing')).toEqual({ ok: true, value: [] });
  });

  it('searches a free query', async () => {
    const answer = await sut.search('glass orchard');

    expect(answer.ok && answer.value.map((record) => record.trackName)).toEqual(['Glass Orchard']);
    expect(requests.at(-1)?.url).toBe('/api/search?q=glass+orchard');
  });

  it.each([
    ['malformed', 'malformed'],
    ['huge', 'too-large'],
    ['slow', 'timeout'],
    ['down', 'http'],
  ] as const)('answers a %s LRCLIB as a %s failure with a debug log, never throwing', async (given, reason) => {
    mode = given;
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);

    expect(await sut.get({ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 187 })).toMatchObject({
      ok: false,
      reason,
    });
    expect(debug).toHaveBeenCalledWith(expect.stringContaining(`LRCLIB answer ignored (${reason})`));
    debug.mockRestore();
  });

  it('answers an unreachable LRCLIB as a network failure', async () => {
    const closed = new LrclibClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 });

    expect(await closed.get({ artist: 'a', title: 'b', durationS: 1 })).toMatchObject({ ok: false, reason: 'network' });
  });
});
