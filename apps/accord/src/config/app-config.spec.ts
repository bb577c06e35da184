import { loadConfig } from './app-config';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB';
const valid = {
  DISCORD_TOKEN: TOKEN,
  DISCORD_CLIENT_ID: '123456789012345678',
  MONGODB_URI: 'mongodb://user:s3cretpass@mongo:27017/accord',
  LAVALINK_NODES: 'main:youshallnotpass@lavalink:2333',
};

describe(loadConfig.name, () => {
  it('builds a typed config with defaults from a minimal environment', () => {
    const result = loadConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.http).toEqual({ port: 3000, host: '0.0.0.0', publicUrl: undefined, trustProxy: [] });
    expect(result.value.logging).toMatchObject({ level: 'info', format: 'json', toFile: true, dir: './data/logs' });
    expect(result.value.lavalink.nodes).toHaveLength(1);
    expect(result.value.spotify).toBeUndefined();
  });

  it.each([
    [undefined, ['soundcloud']],
    ['', []],
    [' Bandcamp, soundcloud ', ['bandcamp', 'soundcloud']],
  ])('reads FALLBACK_SOURCES %j as the sources %j, in order', (value, sources) => {
    const result = loadConfig(value === undefined ? valid : { ...valid, FALLBACK_SOURCES: value });
    expect(result.ok && result.value.fallback).toEqual({ sources });
  });

  it.each([
    [undefined, 'https://sponsor.ajay.app'],
    ['', 'https://sponsor.ajay.app'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
  ])('reads SPONSORBLOCK_URL %j as %j', (value, url) => {
    const result = loadConfig(value === undefined ? valid : { ...valid, SPONSORBLOCK_URL: value });
    expect(result.ok && result.value.sponsorblock).toEqual({ url });
  });

  it('coerces numbers and booleans from strings', () => {
    const result = loadConfig({ ...valid, HTTP_PORT: '8080', LOG_TO_FILE: 'false', NODE_ENV: 'development' });
    expect(result.ok && result.value.http.port).toBe(8080);
    expect(result.ok && result.value.logging).toMatchObject({ toFile: false, format: 'pretty' });
  });

  it('names every missing variable on its own line', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    const lines = (result.ok ? '' : (result.detail ?? '')).split('\n');
    for (const name of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'MONGODB_URI', 'LAVALINK_NODES']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${name}: `)));
    }
  });

  it.each([
    [{ HTTP_PORT: 'abc' }, /^HTTP_PORT: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ DISCORD_CLIENT_ID: 'my-bot' }, /^DISCORD_CLIENT_ID: .*application id/],
    [{ MONGODB_URI: 'postgres://x' }, /^MONGODB_URI: must start with mongodb/],
    [{ LAVALINK_NODES: 'lavalink:2333' }, /^LAVALINK_NODES: /],
    [{ SPOTIFY_CLIENT_ID: 'abc' }, /^SPOTIFY_CLIENT_SECRET: .*required when SPOTIFY_CLIENT_ID/],
    [{ ADMIN_PASSWORD: 'long enough password' }, /^ADMIN_SESSION_SECRET: /],
    [{ FALLBACK_SOURCES: 'soundcloud;bandcamp' }, /^FALLBACK_SOURCES: .*comma-separated list of soundcloud, bandcamp/],
    [{ FALLBACK_SOURCES: 'spotify' }, /^FALLBACK_SOURCES: /],
    [{ FALLBACK_SOURCES: 'soundcloud,' }, /^FALLBACK_SOURCES: /],
    [{ FALLBACK_SOURCES: 'soundcloud,soundcloud' }, /^FALLBACK_SOURCES: .*twice/],
    [{ SPONSORBLOCK_URL: 'ftp://sponsor.ajay.app' }, /^SPONSORBLOCK_URL: must be an http\(s\) URL/],
  ])('rejects %j with a clear line', (override, pattern) => {
    const result = loadConfig({ ...valid, ...override });
    expect(result.ok).toBe(false);
    expect((result.ok ? '' : (result.detail ?? '')).split('\n')).toContainEqual(expect.stringMatching(pattern));
  });

  it('collects the secrets the logger must redact, including passwords inside URIs', () => {
    const result = loadConfig(valid);
    expect(result.ok && result.value.secrets).toEqual(expect.arrayContaining([TOKEN, 'youshallnotpass', 's3cretpass']));
  });
});
