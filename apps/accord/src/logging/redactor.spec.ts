import { createRedactor, REDACTED } from './redactor';

describe(createRedactor.name, () => {
  const sut = createRedactor(['super-secret-value']);

  it.each([
    ['a known secret inside text', 'failed with super-secret-value!', `failed with ${REDACTED}!`],
    [
      'a Discord token shape',
      'token MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB used',
      `token ${REDACTED} used`,
    ],
    ['an Authorization header value', 'Authorization: Bot abcdefghijkl12345', `Authorization: ${REDACTED}`],
    [
      'a password in a connection string',
      'mongodb://accord:pa55word@mongo:27017/db',
      `mongodb://accord:${REDACTED}@mongo:27017/db`,
    ],
    ['an OAuth code in a URL', '/callback?code=abc123XYZ&state=s1', `/callback?code=${REDACTED}&state=${REDACTED}`],
    ['plain text', 'Playing Daft Punk - One More Time', 'Playing Daft Punk - One More Time'],
  ])('redacts %s', (_label, input, expected) => {
    expect(sut(input)).toBe(expected);
  });

  it('redacts values under secret keys at any depth, and keeps the rest', () => {
    const input = { headers: { Authorization: 'x', 'user-agent': 'Accord' }, body: { refresh_token: 'r', name: 'n' } };
    expect(sut(input)).toEqual({
      headers: { Authorization: REDACTED, 'user-agent': 'Accord' },
      body: { refresh_token: REDACTED, name: 'n' },
    });
  });

  it('redacts error messages and stacks, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { message: 'super-secret-value' };
    cyclic.self = cyclic;
    const error = new Error('login failed for super-secret-value');
    const out = sut({ error, cyclic }) as {
      error: { message: string; stack: string };
      cyclic: Record<string, unknown>;
    };
    expect(out.error.message).toBe(`login failed for ${REDACTED}`);
    expect(out.error.stack).not.toContain('super-secret-value');
    expect(out.cyclic.message).toBe(REDACTED);
  });
});
