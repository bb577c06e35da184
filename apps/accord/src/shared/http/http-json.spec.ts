import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getJson, retryAfterMs } from './http-json';

type Reply = (request: IncomingMessage, response: ServerResponse) => void;

describe(getJson.name, () => {
  let server: Server;
  let url: string;
  let replies: Reply[];
  let requests: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const reply = replies[Math.min(requests, replies.length - 1)];
      requests++;
      reply(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`;
  });
  beforeEach(() => {
    requests = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
    (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };

  it('answers the JSON of a 200', async () => {
    replies = [json(200, { name: 'Daft Punk' })];

    expect(await getJson(url, { timeoutMs: 2_000 })).toEqual({ ok: true, value: { name: 'Daft Punk' } });
  });

  it('waits for a 429 Retry-After that fits in the time left, then asks again', async () => {
    replies = [json(429, {}, { 'retry-after': '0' }), json(200, { name: 'Justice' })];

    expect(await getJson(url, { timeoutMs: 2_000 })).toEqual({ ok: true, value: { name: 'Justice' } });
    expect(requests).toBe(2);
  });

  it('fails at once when the Retry-After is longer than the time left, naming the status', async () => {
    replies = [json(503, { error: 'maintenance' }, { 'retry-after': '5' }), json(200, {})];

    expect(await getJson(url, { timeoutMs: 1_000 })).toEqual({
      ok: false,
      reason: 'http',
      detail: 'HTTP 503',
      status: 503,
      body: { error: 'maintenance' },
    });
    expect(requests).toBe(1);
  });

  it('does not retry other failures, nor more often than asked', async () => {
    replies = [json(500, {}, { 'retry-after': '0' })];
    expect(await getJson(url, { timeoutMs: 1_000 })).toMatchObject({ ok: false, status: 500 });
    expect(requests).toBe(1);

    requests = 0;
    replies = [json(429, {}, { 'retry-after': '0' })];
    expect(await getJson(url, { timeoutMs: 1_000, retries: 2 })).toMatchObject({ ok: false, status: 429 });
    expect(requests).toBe(3);
  });

  it('ends a call that takes too long, and one the caller gave up on', async () => {
    replies = [() => undefined];

    expect(await getJson(url, { timeoutMs: 150 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await getJson(url, { timeoutMs: 2_000, signal: AbortSignal.timeout(100) })).toMatchObject({
      ok: false,
      reason: 'aborted',
    });
  });

  it('says so when the answer is not JSON', async () => {
    replies = [
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>maintenance</html>');
      },
    ];

    expect(await getJson(url, { timeoutMs: 1_000 })).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses an answer over maxBytes, whether it says its length or streams it', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(10_000) });
    replies = [
      json(200, { padding: 'x'.repeat(10_000) }),
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(big.slice(0, 6_000));
        response.end(big.slice(6_000));
      },
      json(200, { small: true }),
    ];

    expect(await getJson(url, { timeoutMs: 1_000, maxBytes: 4_096 })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await getJson(url, { timeoutMs: 1_000, maxBytes: 4_096 })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await getJson(url, { timeoutMs: 1_000, maxBytes: 4_096 })).toEqual({ ok: true, value: { small: true } });
  });
});

describe(retryAfterMs.name, () => {
  const now = Date.parse('2026-12-04T20:00:00Z');
  const response = (status: number, value?: string): { status: number; headers: Headers } => ({
    status,
    headers: new Headers(value === undefined ? {} : { 'retry-after': value }),
  });

  it.each([
    [429, '2', 2_000],
    [503, '0.5', 500],
    [429, 'Fri, 04 Dec 2026 20:00:03 GMT', 3_000],
    [429, 'Fri, 04 Dec 2026 19:59:00 GMT', 0],
    [429, '3600', null],
    [429, 'soon', null],
    [429, undefined, null],
    [500, '1', null],
  ] as const)('%i with Retry-After %p waits %p ms', (status, value, wait) => {
    expect(retryAfterMs(response(status, value), now)).toBe(wait);
  });
});
