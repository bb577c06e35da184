import { deflateRawSync, inflateRawSync } from 'node:zlib';

const PREFIX = 'z1:';

/**
 * JSON, deflated and base64-encoded, for documents that are only ever read and written whole
 * (a profile's lists, a guild's recent plays). A profile shrinks about four times. That matters
 * most on the test database: FerretDB 1.x answers even a primary-key lookup by reading every row
 * of the collection, so its cost grows with the collection's bytes.
 */
export function packJson(value: unknown): string {
  return PREFIX + deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

/** The value packed by `packJson`, or `undefined` for anything else. */
export function unpackJson(text: string | null | undefined): unknown {
  if (!text?.startsWith(PREFIX)) return undefined;
  try {
    return JSON.parse(inflateRawSync(Buffer.from(text.slice(PREFIX.length), 'base64')).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
