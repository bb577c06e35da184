import { SponsorBlockStandIn } from './sponsorblock-stand-in';
import { neighbourVideoId, videoHash } from './sponsorblock-shapes';

describe(SponsorBlockStandIn.name, () => {
  const standIn = new SponsorBlockStandIn([
    {
      videoId: 'Dq1rqSaMxQ0',
      videoDuration: 243.16,
      segments: [
        { category: 'music_offtopic', start: 0, end: 12.5 },
        { category: 'sponsor', start: 30, end: 45 },
        { category: 'filler', start: 60, end: 70, actionType: 'mute' },
      ],
    },
  ]);
  const prefix = videoHash('Dq1rqSaMxQ0').slice(0, 4);
  const categories = encodeURIComponent(JSON.stringify(['music_offtopic', 'sponsor', 'filler']));
  const get = (path: string): Promise<Response> => fetch(`${standIn.url}${path}`);

  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  it('answers every video of the hash bucket in the shape of skipSegments, for the categories and actions asked', async () => {
    const response = await get(`/api/skipSegments/${prefix}?categories=${categories}&actionTypes=%5B%22skip%22%5D`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as Array<{ videoID: string; hash: string; segments: unknown[] }>;
    expect(body.map((video) => video.videoID).sort()).toEqual(['Dq1rqSaMxQ0', neighbourVideoId('Dq1rqSaMxQ0')].sort());
    expect(body.every((video) => video.hash.startsWith(prefix) && video.hash.length === 64)).toBe(true);
    expect(body.find((video) => video.videoID === 'Dq1rqSaMxQ0')?.segments).toEqual([
      expect.objectContaining({
        segment: [0, 12.5],
        category: 'music_offtopic',
        actionType: 'skip',
        videoDuration: 243.16,
      }),
      expect.objectContaining({ segment: [30, 45], category: 'sponsor', actionType: 'skip', locked: 0 }),
    ]);
  });

  it('answers 404 when no video of the bucket has a segment of those categories', async () => {
    const intro = encodeURIComponent(JSON.stringify(['intro']));
    expect((await get(`/api/skipSegments/${prefix}?categories=${intro}`)).status).toBe(404);
    expect((await get('/api/skipSegments/0000')).status).toBe(404);
  });

  it('records what was asked, by prefix only', async () => {
    standIn.requests.length = 0;
    await get(`/api/skipSegments/${prefix}?categories=${categories}`);

    expect(standIn.requests).toEqual([
      expect.objectContaining({ prefix, categories: ['music_offtopic', 'sponsor', 'filler'], actionTypes: ['skip'] }),
    ]);
  });
});
