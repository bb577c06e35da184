/** A file part of a multipart body (discord.js names them `files[0]`, `files[1]`, ...). */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: MultipartFile[];
}

/** Reads the boundary out of `multipart/form-data; boundary=...`, or null for other content types. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return null;
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]).trim() : null;
}

/**
 * A small RFC 7578 reader: enough for what undici's FormData produces (discord.js sends files this way,
 * with the JSON body in the `payload_json` field). Works on bytes so binary files survive.
 */
export function parseMultipart(raw: Buffer, boundary: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const result: MultipartBody = { fields: {}, files: [] };
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    // `--boundary--` closes the body.
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part sits between the CRLF after the delimiter and the CRLF before the next one.
    const part = raw.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) readPart(part.subarray(0, headerEnd).toString('utf8'), part.subarray(headerEnd + 4), result);
    start = next;
  }
  return result;
}

function readPart(headerText: string, data: Buffer, into: MultipartBody): void {
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const field = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (field === undefined) return;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  if (filename === undefined) {
    into.fields[field] = data.toString('utf8');
    return;
  }
  into.files.push({
    field,
    filename,
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    size: data.length,
    data: Buffer.from(data),
  });
}
