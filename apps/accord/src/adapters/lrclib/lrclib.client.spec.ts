import { LRCLIB_FIXTURES, recordedLrclib, type RecordedLrclib } from '@accord/testkit/lrclib';
import { LrclibClient } from './lrclib.client';

describe(LrclibClient.name, () => {
  let lrclib: RecordedLrclib;
  let sut: LrclibClient;

  beforeAll(async () => {
    lrclib = await recordedLrclib({ slowMs: 1_000 });
    sut = new LrclibClient({ baseUrl: `${lrclib.url}/`, timeoutMs: 300 });
  });
  afterEach(() => lrclib.setMode('ok'));
  afterAll(() => lrclib.stop());

  it('gets one song by artist, title and whole seconds, leaving out an album it was not given', async () => {
    const answer = await sut.get({ artist: 'The Quiet Harbours', title: 'Tidewater Lights', durationS: 214.4 });

    const { tidewaterLights } = LRCLIB_FIXTURES;
    expect(answer).toEqual({
      ok: true,
      value: {
        id: tidewaterLights.id,
        trackName: 'Tidewater Lights',
        artistName: 'The Quiet Harbours',
        albumName: 'Lanterns',
        duration: 215,
        instrumental: false,
        plainLyrics: tidewaterLights.plainLyrics,
        syncedLyrics: tidewaterLights.syncedLyrics,
      },
    });
    expect(lrclib.requests.at(-1)).toBe(
      '/api/get?artist_name=The+Quiet+Harbours&track_name=Tidewater+Lights&duration=214',
    );
    expect(lrclib.userAgents.at(-1)).toMatch(/^Accord\/\S+ \(/);
  });

  it("answers LRCLIB's 404 TrackNotFound as null, a normal answer", async () => {
    expect(await sut.get({ artist: 'Nobody', title: 'Nothing', durationS: 100 })).toEqual({ ok: true, value: null });
  });

  it('searches a free query', async () => {
    const answer = await sut.search('lighthouse keeper');

    expect(answer.ok && answer.value.map((record) => record.trackName)).toEqual(['Keeper of the Beam']);
  });

  it.each([
    ['malformed', 'malformed'],
    ['huge', 'too-large'],
    ['slow', 'timeout'],
    ['down', 'http'],
  ] as const)('answers a %s LRCLIB as a %s failure, never throwing', async (mode, reason) => {
    lrclib.setMode(mode);

    expect(await sut.get({ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 187 })).toMatchObject({
      ok: false,
      reason,
    });
    expect(await sut.search('glass orchard')).toMatchObject({ ok: false, reason });
  });

  it('answers an unreachable LRCLIB as a network failure', async () => {
    const closed = new LrclibClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 });

    expect(await closed.get({ artist: 'a', title: 'b', durationS: 1 })).toMatchObject({ ok: false, reason: 'network' });
  });
});
