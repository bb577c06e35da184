import { imageNodeFlags } from '../../bench/image-node-flags';
import { packageOf, summariseSnapshot } from './heap-by-module';

describe('imageNodeFlags', () => {
  it('reads the flags between node and the script from the runtime stage CMD', () => {
    const dockerfile = [
      'FROM node:20 AS build',
      'CMD ["node", "--inspect", "other.js"]',
      'FROM node:20 AS runtime',
      'CMD ["node", "--max-semi-space-size=1", "--optimize-for-size", "dist/apps/accord/main.js"]',
    ].join('\n');

    expect(imageNodeFlags(dockerfile)).toEqual(['--max-semi-space-size=1', '--optimize-for-size']);
  });

  it('refuses a CMD that does not start the bot with node', () => {
    expect(() => imageNodeFlags('FROM x AS runtime\nCMD ["npm", "start"]\n')).toThrow(/not node/);
  });

  it('reads the repository Dockerfile', () => {
    expect(imageNodeFlags()).toEqual(expect.arrayContaining(['--max-semi-space-size=1']));
  });
});

describe('packageOf', () => {
  it.each([
    ['/app/node_modules/discord.js/src/index.js', 'discord.js'],
    ['/app/node_modules/@nestjs/core/index.js', '@nestjs/core'],
    ['/app/node_modules/glob/node_modules/minimatch/dist/index.js', 'minimatch'],
    ['/app/dist/apps/accord/main.js', '(accord bundle)'],
    ['/app/dist/apps/accord/packages/@nestjs+core.js', '@nestjs/core'],
    ['/app/dist/apps/accord/packages/discord.js.js', 'discord.js'],
    ['node:internal/modules/cjs/loader', '(node internals)'],
  ])('%s belongs to %s', (script, expected) => {
    expect(packageOf(script)).toBe(expected);
  });
});

const MB = 1024 * 1024;

describe('summariseSnapshot', () => {
  it('charges a script its source and its functions to its package', () => {
    // Nodes: [type, name, id, self_size, edge_count]; edges: [type, name, to_node (field offset)].
    const snapshot = {
      snapshot: {
        meta: {
          node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
          node_types: [['hidden', 'string', 'code', 'closure']],
          edge_fields: ['type', 'name_or_index', 'to_node'],
          edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']],
        },
      },
      strings: [
        '/app/node_modules/lodash/lodash.js',
        'source text',
        'source',
        'sfi',
        'script_or_debug_info',
        'bc',
        'function_data',
      ],
      nodes: [2, 0, 1, 100, 1, 1, 1, 2, 2 * MB, 0, 2, 3, 3, MB, 2, 2, 5, 4, MB / 2, 0],
      edges: [3, 2, 5, 3, 4, 0, 3, 6, 15],
    };

    const summary = summariseSnapshot(JSON.stringify(snapshot));

    expect(summary).toMatch(/2\.00 +1\.50 +1 {2}lodash/);
    expect(summary).toContain('1 scripts, source 2.00, compiled 1.50');
  });
});
