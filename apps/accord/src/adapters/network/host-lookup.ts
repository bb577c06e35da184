import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';

/** The longest a host name lookup may take before the link is refused as unreachable. */
const LOOKUP_TIMEOUT_MS = 3_000;

/** Resolves a host name to its addresses through the system resolver (as Lavalink's host would). */
@Injectable()
export class HostLookup {
  /** Every address `host` resolves to; rejects when it does not resolve (in time). */
  async addresses(host: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`lookup of ${host} timed out`)), LOOKUP_TIMEOUT_MS);
    });
    try {
      const found = await Promise.race([lookup(host, { all: true, verbatim: true }), late]);
      return found.map((entry) => entry.address);
    } finally {
      clearTimeout(timer);
    }
  }
}
