import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import recordedBucket from './fixtures/skip-segments-bucket.json';
import { segmentsOf, SponsorBlockClient } from './sponsorblock.client';

describe(segmentsOf.name, () => {
  it('picks the video asked about out of a recorded bucket, in ms, in order', () => {
    expect(segmentsOf(recordedBucket, 'Dq1rqSaMxQ0')).toEqual([
      { category: 'music_offtopic', startMs: 0, endMs: 12_345 },
      { category: 'sponsor', startMs: 30_200, endMs: 45_900 },
      { category: 'music_offtopic', startMs: 201_500, endMs: 243_161 },
    ]);
  });

  it('answers none for a video the bucket does not hold', () => {
    expect(segmentsOf(recordedBucket, 'aaaaaaaaaaa')).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['an object', { videoID: 'Dq1rqSaMxQ0', segments: [] }],
    ['a list of strings', ['Dq1rqSaMxQ0']],
    ['segments that are no list', [{ videoID: 'Dq1rqSaMxQ0', segments: 'soon' }]],
  ])('refuses %s', (_name, body) => {
    expect(segmentsOf(body, 'Dq1rqSaMxQ0')).toBeNull();
  });

  it('leaves out segments of unknown categories, other actions and impossible times', () => {
    const body = [
      {
        videoID: 'Dq1rqSaMxQ0',
        segments: [
          { category: 'filler', actionType: 'skip', segment: [1, 5] },
          { category: 'sponsor', actionType: 'mute', segment: [1, 5] },
          { category: 'sponsor', actionType: 'skip', segment: [9, 3] },
          { category: 'sponsor', actionType: 'skip', segment: [-1, 3] },
          { category: 'sponsor', actionType: 'skip', segment: ['1', 3] },
          { category: 'sponsor', actionType: 'skip', segment: [1] },
          { category: 'intro', actionType: 'skip', segment: [1.5, 4] },
        ],
      },
    ];
    expect(segmentsOf(body, 'Dq1rqSaMxQ0')).toEqual([{ category: 'intro', startMs: 1_500, endMs: 4_000 }]);
  });
});

describe(SponsorBlockClient.name, () => {
  type Reply = (request: IncomingMessage, response: ServerResponse) => void;
  const json =
    (status: number, body: unknown): Reply =>
    (_request, response) =>
      void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  let server: Server;
  let reply: Reply;
  let asked: URL[];
  let sut: SponsorBlockClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(new URL(request.url ?? '/', 'http://sponsorblock.local'));
      reply(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sut = new SponsorBlockClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  beforeEach(() => {
    asked = [];
    reply = json(200, recordedBucket);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('asks by the hash prefix only, for every category Accord knows and skips only', async () => {
    await expect(sut.segments('Dq1rqSaMxQ0')).resolves.toMatchObject({ ok: true, value: { length: 3 } });

    expect(asked).toHaveLength(1);
    expect(asked[0].pathname).toBe(
      `/api/skipSegments/${createHash('sha256').update('Dq1rqSaMxQ0').digest('hex').slice(0, 4)}`,
    );
    expect(JSON.parse(asked[0].searchParams.get('categories')!)).toEqual([
      'music_offtopic',
      'intro',
      'outro',
      'sponsor',
      'selfpromo',
    ]);
    expect(JSON.parse(asked[0].searchParams.get('actionTypes')!)).toEqual(['skip']);
  });

  it('takes a 404 as "no segments"', async () => {
    reply = (_request, response) => void response.writeHead(404).end('Not Found');

    await expect(sut.segments('Dq1rqSaMxQ0')).resolves.toEqual({ ok: true, value: [] });
  });

  it.each<[string, Reply, string]>([
    ['down', (_request, response) => void response.writeHead(503).end('Service Unavailable'), 'http'],
    ['malformed', json(200, { videoID: 'Dq1rqSaMxQ0', segments: [] }), 'invalid'],
    ['not JSON', (_request, response) => void response.writeHead(200).end('<html>'), 'invalid'],
    [
      'huge',
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
        for (let i = 0; i < 20_000; i++) response.write(`${i > 0 ? ',' : ''}{"videoID":"x","segments":[]}`);
        response.end(']');
      },
      'invalid',
    ],
    ['slow', (_request, response) => void setTimeout(() => response.writeHead(404).end(), 2_500).unref(), 'timeout'],
  ])('gives up on a SponsorBlock that is %s, within its timeout', async (_name, misbehaving, reason) => {
    reply = misbehaving;
    const started = Date.now();

    await expect(sut.segments('Dq1rqSaMxQ0')).resolves.toMatchObject({ ok: false, reason });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
