import { TokenCipher } from './token-cipher';

const KEY = 'a-test-key-that-is-long-enough-0123456789';

describe(TokenCipher.name, () => {
  const sut = new TokenCipher(KEY);

  it('round-trips a token and never stores it in clear', () => {
    const stored = sut.encrypt('BQD-secret-access-token');
    expect(stored).not.toContain('secret');
    expect(stored.startsWith('v1.')).toBe(true);
    expect(sut.decrypt(stored)).toBe('BQD-secret-access-token');
  });

  it('gives a different ciphertext each time (random IV)', () => {
    expect(sut.encrypt('same')).not.toBe(sut.encrypt('same'));
  });

  it.each([
    { name: 'another key', read: (stored: string) => new TokenCipher(`${KEY}-other`).decrypt(stored) },
    { name: 'a changed ciphertext', read: (stored: string) => sut.decrypt(`${stored.slice(0, -2)}AA`) },
    { name: 'a value that is not encrypted', read: () => sut.decrypt('plain-token') },
  ])('refuses $name', ({ read }) => {
    const stored = sut.encrypt('token');
    expect(() => read(stored)).toThrow();
  });

  it('refuses a short key', () => {
    expect(() => new TokenCipher('short')).toThrow('at least 32');
  });
});
