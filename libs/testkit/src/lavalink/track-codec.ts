import { type TrackInfoPayload } from './payloads';

/**
 * Encodes track info the way lavaplayer does (message format version 3, base64), so `encoded`
 * strings look like real ones ("QAAA...") and the fake node can decode them back for
 * /decodetrack and for PATCH bodies. Clients treat the string as opaque.
 */

const TRACK_INFO_VERSIONED = 1;
const TRACK_INFO_VERSION = 3;
const MAX_LONG = 2n ** 63n - 1n;

/** Java's DataOutput.writeUTF: modified UTF-8 (NUL as two bytes, surrogates encoded one by one). */
function javaUtf(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) {
      bytes.push(c);
    } else if (c <= 0x7ff) {
      bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else {
      bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  if (bytes.length > 0xffff) throw new RangeError('String too long for a lavaplayer track');
  const out = Buffer.alloc(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  Buffer.from(bytes).copy(out, 2);
  return out;
}

function long(value: number): Buffer {
  const out = Buffer.alloc(8);
  // Streams report Long.MAX_VALUE, which a JS number rounds up to 2^63: clamp it back.
  const big = BigInt(Math.trunc(value));
  out.writeBigInt64BE(big > MAX_LONG ? MAX_LONG : big, 0);
  return out;
}

function bool(value: boolean): Buffer {
  return Buffer.from([value ? 1 : 0]);
}

function nullableUtf(value: string | null): Buffer {
  return value === null ? bool(false) : Buffer.concat([bool(true), javaUtf(value)]);
}

/** Encodes the info of a track (its `position` included) into a lavaplayer base64 string. */
export function encodeTrack(info: TrackInfoPayload): string {
  const body = Buffer.concat([
    Buffer.from([TRACK_INFO_VERSION]),
    javaUtf(info.title),
    javaUtf(info.author),
    long(info.length),
    javaUtf(info.identifier),
    bool(info.isStream),
    nullableUtf(info.uri),
    nullableUtf(info.artworkUrl),
    nullableUtf(info.isrc),
    javaUtf(info.sourceName),
    long(info.position),
  ]);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(((TRACK_INFO_VERSIONED << 30) | body.length) >>> 0, 0);
  return Buffer.concat([header, body]).toString('base64');
}

class Reader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  byte(): number {
    return this.buffer.readUInt8(this.take(1));
  }

  bool(): boolean {
    return this.byte() !== 0;
  }

  long(): number {
    return Number(this.buffer.readBigInt64BE(this.take(8)));
  }

  utf(): string {
    const length = this.buffer.readUInt16BE(this.take(2));
    const start = this.take(length);
    const bytes = this.buffer.subarray(start, start + length);
    const units: number[] = [];
    for (let i = 0; i < bytes.length;) {
      const a = bytes[i];
      if (a < 0x80) {
        units.push(a);
        i += 1;
      } else if ((a & 0xe0) === 0xc0) {
        units.push(((a & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
        i += 2;
      } else {
        units.push(((a & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
        i += 3;
      }
    }
    return String.fromCharCode(...units);
  }

  nullableUtf(): string | null {
    return this.bool() ? this.utf() : null;
  }

  private take(count: number): number {
    if (this.offset + count > this.buffer.length) throw new RangeError('Truncated track');
    const at = this.offset;
    this.offset += count;
    return at;
  }
}

/** Decodes a string made by {@link encodeTrack}; throws on anything else. */
export function decodeTrack(encoded: string): TrackInfoPayload {
  const buffer = Buffer.from(encoded, 'base64');
  if (buffer.length < 5) throw new RangeError('Not a track');
  const header = buffer.readUInt32BE(0);
  const flags = header >>> 30;
  const size = header & 0x3fffffff;
  if (size + 4 !== buffer.length) throw new RangeError('Track size mismatch');
  const body = new Reader(buffer.subarray(4));
  const version = flags & TRACK_INFO_VERSIONED ? body.byte() : 1;
  if (version !== TRACK_INFO_VERSION) throw new RangeError(`Unsupported track version ${version}`);
  const title = body.utf();
  const author = body.utf();
  const length = body.long();
  const identifier = body.utf();
  const isStream = body.bool();
  const uri = body.nullableUtf();
  const artworkUrl = body.nullableUtf();
  const isrc = body.nullableUtf();
  const sourceName = body.utf();
  const position = body.long();
  return {
    identifier,
    isSeekable: !isStream,
    author,
    length,
    isStream,
    position,
    title,
    uri,
    artworkUrl,
    isrc,
    sourceName,
  };
}
