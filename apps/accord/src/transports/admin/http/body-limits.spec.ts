import { bodyLimitFor, DEFAULT_BODY_LIMIT, jsonDepthExceeds, MAX_JSON_DEPTH } from './body-limits';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDepthExceeds', () => {
  it.each([
    ['a flat object', '{"password":"x"}', false],
    ['exactly the bound', nested(MAX_JSON_DEPTH), false],
    ['one level more', nested(MAX_JSON_DEPTH + 1), true],
    ['objects and arrays mixed', `${'{"a":['.repeat(17)}1${']}'.repeat(17)}`, true],
    ['brackets inside a string', JSON.stringify({ query: '['.repeat(1_000) }), false],
    ['an escaped quote inside a string', `{"q":"\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}`, false],
    ['400,000 nested arrays', nested(400_000), true],
    ['siblings are not depth', `[${Array.from({ length: 1_000 }, () => '[]').join(',')}]`, false],
  ])('%s', (_label, text, expected) => {
    expect(jsonDepthExceeds(text, MAX_JSON_DEPTH)).toBe(expected);
  });
});

describe('bodyLimitFor', () => {
  it.each([
    ['/api/v1/auth/password', 2 * 1024],
    ['/api/v1/guilds/:guildId/settings', 4 * 1024],
    ['/api/v1/guilds/:guildId/queue', 8 * 1024],
    ['/api/v1/guilds/:guildId/queue/move', DEFAULT_BODY_LIMIT],
    ['/api/v1/tracks/:trackId/pin', DEFAULT_BODY_LIMIT],
  ])('%s takes %d bytes', (path, bytes) => {
    expect(bodyLimitFor(path)).toBe(bytes);
  });
});
