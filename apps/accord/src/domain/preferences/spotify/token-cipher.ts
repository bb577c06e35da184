import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * Encrypts OAuth tokens at rest with AES-256-GCM. The 256-bit key is derived (HKDF-SHA-256) from
 * `TOKEN_ENCRYPTION_KEY`; every value gets a random 96-bit IV, and the authentication tag makes a
 * changed or foreign value fail to decrypt instead of decrypting to garbage.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export class TokenCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('TOKEN_ENCRYPTION_KEY must be at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'accord', 'accord/oauth-tokens/v1', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the value was not made with this key or was changed. */
  decrypt(stored: string): string {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not an encrypted token');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
