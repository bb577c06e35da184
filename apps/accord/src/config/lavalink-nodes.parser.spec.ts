import { parseLavalinkNodes } from './lavalink-nodes.parser';

describe(parseLavalinkNodes.name, () => {
  it.each([
    [
      'main:secret@lavalink:2333',
      undefined,
      [{ name: 'main', host: 'lavalink', port: 2333, password: 'secret', secure: false }],
    ],
    [
      'main@lavalink:2333, pi:pw@192.168.1.20:2333',
      'shared',
      [
        { name: 'main', host: 'lavalink', port: 2333, password: 'shared', secure: false },
        { name: 'pi', host: '192.168.1.20', port: 2333, password: 'pw', secure: false },
      ],
    ],
    [
      'remote:p@ss:word@lava.example.com:443+tls',
      undefined,
      [{ name: 'remote', host: 'lava.example.com', port: 443, password: 'p@ss:word', secure: true }],
    ],
    ['v6:pw@[::1]:2333', undefined, [{ name: 'v6', host: '[::1]', port: 2333, password: 'pw', secure: false }]],
  ])('parses %s', (raw, fallback, expected) => {
    expect(parseLavalinkNodes(raw, fallback)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'needs at least one node'],
    ['lavalink:2333', 'is not name[:password]@host:port'],
    ['main@lavalink', 'is not name[:password]@host:port'],
    ['main@lavalink:99999', 'outside 1-65535'],
    ['main@lavalink:2333', 'has no password'],
    ['a:x@h:1,a:y@h:2', 'is used twice'],
  ])('rejects %j with a message', (raw, message) => {
    const result = parseLavalinkNodes(raw, undefined);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.detail).toContain(message);
  });

  it('never echoes a password in its error', () => {
    const result = parseLavalinkNodes('main:hunter2hunter2@lavalink', undefined);
    expect(result.ok ? '' : result.detail).not.toContain('hunter2hunter2');
  });
});
