import type { PlayableTrack } from '@accord/core';
import type { DirectLinkMode } from '../../config/env.schema';
import { checkDirectLink, directTrack, isPublicAddress, type DirectLinkVerdict } from './direct-links';

describe('direct links', () => {
  describe(isPublicAddress.name, () => {
    it.each([
      ['a public IPv4 address', '93.184.215.14', true],
      ['a public IPv6 address', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', true],
      ['loopback', '127.0.0.1', false],
      ['loopback elsewhere in 127/8', '127.8.9.10', false],
      ['10/8', '10.1.2.3', false],
      ['172.16/12', '172.31.255.255', false],
      ['just outside 172.16/12', '172.32.0.1', true],
      ['192.168/16', '192.168.1.20', false],
      ['link-local (cloud metadata)', '169.254.169.254', false],
      ['carrier-grade NAT', '100.64.0.1', false],
      ['"this" network', '0.0.0.0', false],
      ['multicast', '239.1.2.3', false],
      ['broadcast', '255.255.255.255', false],
      ['IPv6 loopback', '::1', false],
      ['IPv6 unspecified', '::', false],
      ['IPv6 unique local', 'fd12:3456::1', false],
      ['IPv6 link-local', 'fe80::1', false],
      ['IPv6 link-local with a zone', 'fe80::1%eth0', false],
      ['IPv4-mapped loopback', '::ffff:127.0.0.1', false],
      ['IPv4-mapped, in hex', '::ffff:7f00:1', false],
      ['NAT64 of loopback', '64:ff9b::7f00:1', false],
      ['a bracketed IPv6 loopback', '[::1]', false],
      ['not an address', 'localhost', false],
    ])('%s (%s): public %s', (_label, address, expected) => {
      expect(isPublicAddress(address)).toBe(expected);
    });
  });

  describe(checkDirectLink.name, () => {
    const dns: Record<string, string[]> = {
      'media.example.com': ['93.184.215.14'],
      'both.example.com': ['93.184.215.14', '10.0.0.7'],
      'internal.example.com': ['192.168.1.5'],
      localhost: ['127.0.0.1', '::1'],
    };
    const resolve = (host: string): Promise<string[]> =>
      dns[host] ? Promise.resolve(dns[host]) : Promise.reject(new Error(`ENOTFOUND ${host}`));

    it.each<[string, string, DirectLinkMode, DirectLinkVerdict]>([
      ['a public host', 'https://media.example.com/a/song.mp3', 'public', { ok: true }],
      ['a public IP literal', 'http://93.184.215.14/song.ogg', 'public', { ok: true }],
      ['loopback', 'http://127.0.0.1:8080/song.mp3', 'public', { ok: false, why: 'private', host: '127.0.0.1' }],
      ['loopback in decimal', 'http://2130706433/song.mp3', 'public', { ok: false, why: 'private', host: '127.0.0.1' }],
      ['IPv6 loopback', 'http://[::1]:8080/song.mp3', 'public', { ok: false, why: 'private', host: '::1' }],
      [
        'cloud metadata',
        'http://169.254.169.254/x.mp3',
        'public',
        { ok: false, why: 'private', host: '169.254.169.254' },
      ],
      ['a name for loopback', 'http://localhost/song.mp3', 'public', { ok: false, why: 'private', host: 'localhost' }],
      [
        'a name for a private address',
        'https://internal.example.com/s.mp3',
        'public',
        { ok: false, why: 'private', host: 'internal.example.com' },
      ],
      [
        'a name with one private address among public ones',
        'https://both.example.com/s.mp3',
        'public',
        { ok: false, why: 'private', host: 'both.example.com' },
      ],
      [
        'a name that does not resolve',
        'https://nowhere.invalid/s.mp3',
        'public',
        { ok: false, why: 'unresolved', host: 'nowhere.invalid' },
      ],
      ['loopback with `any`', 'http://127.0.0.1:8080/song.mp3', 'any', { ok: true }],
      ['an unresolvable name with `any` (Lavalink answers)', 'https://nowhere.invalid/s.mp3', 'any', { ok: true }],
      [
        'a public host with `off`',
        'https://media.example.com/song.mp3',
        'off',
        { ok: false, why: 'off', host: 'media.example.com' },
      ],
      [
        'another scheme',
        'ftp://media.example.com/song.mp3',
        'any',
        { ok: false, why: 'off', host: 'ftp://media.example.com/song.mp3' },
      ],
    ])('%s: %s with %s', async (_label, url, mode, verdict) => {
      expect(await checkDirectLink(url, mode, resolve)).toEqual(verdict);
    });
  });

  describe(directTrack.name, () => {
    const loaded = (title: string, author: string): PlayableTrack => ({
      encoded: 'QAAA',
      identifier: 'https://media.example.com/music/My%20Song.mp3',
      title,
      author,
      durationMs: 200_000,
      isStream: false,
      isSeekable: true,
      sourceName: 'http',
    });

    it.each([
      ['tags with artist and title', 'One More Time', 'Daft Punk', 'One More Time', 'daftpunk|onemoretime|none'],
      ['no tags: its file name, no song key', 'Unknown title', 'Unknown artist', 'My Song.mp3', undefined],
      ['a title without an artist: no song key', 'One More Time', 'Unknown artist', 'One More Time', undefined],
      ['an artist without a title: no song key', 'Unknown title', 'Daft Punk', 'My Song.mp3', undefined],
    ])('%s', (_label, title, author, shown, trackKey) => {
      const track = directTrack(loaded(title, author), 'https://media.example.com/music/My%20Song.mp3');

      expect(track).toMatchObject({
        title: shown,
        sourceName: 'http',
        uri: 'https://media.example.com/music/My%20Song.mp3',
      });
      expect(track.trackKey).toBe(trackKey);
    });
  });
});
