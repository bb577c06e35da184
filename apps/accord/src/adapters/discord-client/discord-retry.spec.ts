import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, HTTPError } from 'discord.js';
import { backoffDelayMs, classifyDiscordError, fatalCloseReason, retryWithBackoff } from './discord-retry';

/** discord.js's own error (its typings hide the constructor the library itself calls). */
const discordjsError = (code: DiscordjsErrorCodes): Error =>
  new (DiscordjsError as unknown as new (code: DiscordjsErrorCodes) => Error)(code);
const networkError = (code: string): Error => Object.assign(new Error(`getaddrinfo ${code} discord.com`), { code });
const apiError = (status: number, body: Record<string, unknown> = { message: 'x', code: 0 }) =>
  new DiscordAPIError(body as never, 0, status, 'GET', '/gateway/bot', {});

describe(classifyDiscordError.name, () => {
  it.each([
    ['DNS not ready', networkError('EAI_AGAIN')],
    ['unknown host', networkError('ENOTFOUND')],
    ['refused', networkError('ECONNREFUSED')],
    ['network code on the cause', new TypeError('fetch failed', { cause: networkError('ECONNRESET') })],
    ['Discord answers 502', new HTTPError(502, 'Bad Gateway', 'GET', '/gateway/bot', {})],
    ['Discord answers 503 with JSON', apiError(503)],
  ])('retries when %s', (_, error) => {
    expect(classifyDiscordError(error).kind).toBe('retry');
  });

  it('names the network code in the reason', () => {
    expect(classifyDiscordError(networkError('ENOTFOUND')).reason).toMatch(/^Discord unreachable \(ENOTFOUND: /);
  });

  it('retries a 429 no sooner than Discord asked', () => {
    expect(classifyDiscordError(apiError(429, { message: 'slow down', retry_after: 7.5, global: true }))).toEqual({
      kind: 'retry',
      reason: 'Discord rate limit (429)',
      retryAfterMs: 7_500,
    });
  });

  it.each([
    ['the REST 401', apiError(401, { message: '401: Unauthorized', code: 0 })],
    ["discord.js's TokenInvalid", discordjsError(DiscordjsErrorCodes.TokenInvalid)],
    ['the gateway close 4004', new Error('Authentication failed')],
  ])('gives up on a refused token: %s', (_, error) => {
    const failure = classifyDiscordError(error);
    expect(failure.kind).toBe('fatal');
    expect(failure.reason).toContain('DISCORD_TOKEN');
  });

  it('gives up on disallowed intents (close 4014)', () => {
    expect(classifyDiscordError(new Error('Used disallowed intents'))).toMatchObject({ kind: 'fatal' });
    expect(classifyDiscordError(discordjsError(DiscordjsErrorCodes.DisallowedIntents))).toMatchObject({
      kind: 'fatal',
    });
  });
});

describe(fatalCloseReason.name, () => {
  it.each([
    [4004, /DISCORD_TOKEN/],
    [4013, /intents/],
    [4014, /intents/],
  ])('close %i stops the bot', (code, reason) => {
    expect(fatalCloseReason(code)).toMatch(reason);
  });

  it.each([1000, 4000, 4007, 4009])('close %i is left to discord.js to recover', (code) => {
    expect(fatalCloseReason(code)).toBeNull();
  });
});

describe(backoffDelayMs.name, () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
    [7, 60_000],
    [50, 60_000],
  ])('waits about 1 s doubling to 60 s (attempt %i: %i ms without jitter)', (attempt, expected) => {
    expect(backoffDelayMs({ attempt, random: 0.5 })).toBe(expected);
  });

  it('spreads each wait by at most 20 % and never past the cap', () => {
    expect(backoffDelayMs({ attempt: 3, random: 0 })).toBe(3_200);
    expect(backoffDelayMs({ attempt: 3, random: 0.999_999 })).toBe(4_800);
    expect(backoffDelayMs({ attempt: 9, random: 0.999_999 })).toBe(60_000);
  });

  it("waits at least a 429's retry time", () => {
    expect(backoffDelayMs({ attempt: 1, random: 0.5, atLeastMs: 12_345 })).toBe(12_345);
  });
});

describe(retryWithBackoff.name, () => {
  const fastLoop = (run: (attempt: number) => Promise<void>, signal = new AbortController().signal) => {
    const retries: Array<{ attempt: number; delayMs: number; reason: string }> = [];
    const fatal: string[] = [];
    const done = retryWithBackoff({
      run,
      onRetry: (failure) => retries.push(failure),
      onFatal: (reason) => fatal.push(reason),
      signal,
      random: () => 0.5,
      baseMs: 1,
      capMs: 4,
    });
    return { done, retries, fatal };
  };

  it('tries again until Discord answers, reporting each failed attempt with its delay', async () => {
    let calls = 0;
    const sut = fastLoop(() => {
      calls += 1;
      return calls < 4 ? Promise.reject(networkError('ECONNREFUSED')) : Promise.resolve();
    });

    await expect(sut.done).resolves.toBe(true);
    expect(sut.retries.map(({ attempt, delayMs }) => ({ attempt, delayMs }))).toEqual([
      { attempt: 1, delayMs: 1 },
      { attempt: 2, delayMs: 2 },
      { attempt: 3, delayMs: 4 },
    ]);
    expect(sut.fatal).toEqual([]);
  });

  it('stops at the first fatal failure without retrying', async () => {
    let calls = 0;
    const sut = fastLoop(() => {
      calls += 1;
      throw discordjsError(DiscordjsErrorCodes.TokenInvalid);
    });

    await expect(sut.done).resolves.toBe(false);
    expect(calls).toBe(1);
    expect(sut.fatal).toHaveLength(1);
    expect(sut.retries).toEqual([]);
  });

  it('ends quietly when shut down while waiting', async () => {
    const stopping = new AbortController();
    const sut = retryWithBackoff({
      run: () => Promise.reject(networkError('EAI_AGAIN')),
      onRetry: () => stopping.abort(),
      onFatal: () => undefined,
      signal: stopping.signal,
      baseMs: 60_000,
    });

    await expect(sut).resolves.toBe(false);
  });
});
