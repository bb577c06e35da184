import { BlockList, isIP } from 'node:net';
import type { PlayableTrack } from '@accord/core';
import type { DirectLinkMode } from '../../config/env.schema';
import { completeKey } from './wanted-song';

/**
 * What a direct link may not point at: private, loopback, link-local and other non-public ranges
 * (one list per family: a BlockList also matches IPv4 addresses against IPv4-mapped IPv6 ranges).
 */
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped: any (a public server is reached by its own address)
  ['64:ff9b::', 96], // NAT64 of an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');
}

/** True for an address on the public internet; false for a private, loopback, link-local or reserved one. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return !NOT_PUBLIC_V4.check(bare, 'ipv4');
  if (version === 6) return !NOT_PUBLIC_V6.check(bare, 'ipv6');
  return false;
}

export type DirectLinkVerdict =
  | { ok: true }
  /** `off`: direct links are turned off; `private`: the host is or resolves to a non-public address. */
  | { ok: false; why: 'off' | 'private' | 'unresolved'; host: string };

/**
 * Whether a direct link may be handed to Lavalink, which fetches it from where it runs: with
 * `public`, a host that is, or resolves to, a private, loopback or link-local address is refused
 * (every address it resolves to must be public), so a link cannot reach inside the network.
 */
export async function checkDirectLink(
  url: string,
  mode: DirectLinkMode,
  resolve: (host: string) => Promise<string[]>,
): Promise<DirectLinkVerdict> {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, why: 'off', host: url };
    host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return { ok: false, why: 'off', host: url };
  }
  if (mode === 'off') return { ok: false, why: 'off', host };
  if (mode === 'any') return { ok: true };
  if (isIP(host)) return isPublicAddress(host) ? { ok: true } : { ok: false, why: 'private', host };
  const addresses = await resolve(host).catch(() => []);
  if (addresses.length === 0) return { ok: false, why: 'unresolved', host };
  return addresses.every(isPublicAddress) ? { ok: true } : { ok: false, why: 'private', host };
}

/** What Lavalink's http source says of a file without tags. */
const UNKNOWN_TITLE = 'Unknown title';
const UNKNOWN_ARTIST = 'Unknown artist';

/**
 * A track loaded from a direct link, as it is queued: never pinned to a YouTube video, and keyed
 * as a song only when the file's own tags name its artist and title (else it has no song key).
 * Without a title tag it is shown under its file name.
 */
export function directTrack(track: PlayableTrack, url: string): PlayableTrack {
  const tagged = track.author !== UNKNOWN_ARTIST && track.title !== UNKNOWN_TITLE;
  const trackKey = tagged ? completeKey({ artist: track.author, title: track.title }) : undefined;
  const title = track.title === UNKNOWN_TITLE ? fileName(url) : track.title;
  return { ...track, title, uri: track.uri ?? url, trackKey };
}

function fileName(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? url;
    return decodeURIComponent(last);
  } catch {
    return url;
  }
}
