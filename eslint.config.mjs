// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';

/**
 * The layer graph of DESIGN.md, enforced: core <- track-identity, recommender, contracts <- apps; i18n (the
 * message files, shared by the bot and the panel) imports no other lib.
 * Pure libs never import Nest, mongoose, discord.js or the Lavalink clients; nothing but tests
 * imports the testkit; inside the app the four rings of docs/architecture.md point inwards only, and
 * only the Lavalink adapter talks to shoukaku/kazagumo.
 */
const frameworkPackages = [
  '@nestjs/*',
  'mongoose',
  'mongodb',
  'discord.js',
  '@discordjs/*',
  'shoukaku',
  'kazagumo',
  'winston',
  'nest-winston',
];

/** `from` may import only from the element types in `to`. */
const policy = (from, to) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
});

/** Inside one folder of a ring (adapters may not import each other, nor the two transports). */
const sameFolder = (type) => ({
  from: { element: { type } },
  allow: { to: { element: { type, captured: { name: '{{ from.element.captured.name }}' } } } },
});

const libs = ['core', 'track-identity', 'recommender', 'contracts', 'i18n'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/panel/dist/**',
      'test-output/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['apps/**/*', 'libs/**/*', 'bench/**/*', 'tools/**/*'],
      'boundaries/elements': [
        { type: 'core', pattern: 'libs/core/**' },
        { type: 'track-identity', pattern: 'libs/track-identity/**' },
        { type: 'recommender', pattern: 'libs/recommender/**' },
        { type: 'contracts', pattern: 'libs/contracts/**' },
        { type: 'i18n', pattern: 'libs/i18n/**' },
        { type: 'testkit', pattern: 'libs/testkit/**' },
        { type: 'app-test', pattern: 'apps/accord/test/**' },
        // The app's four rings (see docs/architecture.md), one element per folder.
        { type: 'adapter', pattern: 'apps/accord/src/adapters/*', capture: ['name'] },
        { type: 'domain', pattern: 'apps/accord/src/domain/*', capture: ['name'] },
        { type: 'use-case', pattern: 'apps/accord/src/use-cases/*', capture: ['name'] },
        { type: 'transport', pattern: 'apps/accord/src/transports/*', capture: ['name'] },
        // Cross-cutting folders every ring may use; they import no ring.
        { type: 'platform', pattern: 'apps/accord/src/{config,logging,shared}', capture: ['name'] },
        // The composition root: main, bootstrap, the app module, health, shutdown.
        { type: 'app', pattern: 'apps/accord/src/**' },
        { type: 'panel', pattern: 'apps/panel/**' },
        { type: 'bench', pattern: 'bench/**' },
        { type: 'tools', pattern: 'tools/**' },
      ],
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            policy('core', ['core']),
            policy('track-identity', ['core', 'track-identity']),
            policy('recommender', ['core', 'recommender']),
            policy('contracts', ['core', 'contracts', 'i18n']),
            policy('i18n', ['i18n']),
            // Rings: transports -> use cases -> domain -> adapters, never back.
            policy('platform', [...libs, 'platform']),
            policy('adapter', [...libs, 'platform']),
            sameFolder('adapter'),
            policy('domain', [...libs, 'platform', 'adapter', 'domain']),
            policy('use-case', [...libs, 'platform', 'adapter', 'domain', 'use-case']),
            policy('transport', [...libs, 'platform', 'adapter', 'domain', 'use-case']),
            sameFolder('transport'),
            policy('app', [...libs, 'platform', 'adapter', 'domain', 'use-case', 'transport', 'app']),
            // The panel runs in the browser: it shares only the API types and the messages with the bot.
            policy('panel', ['contracts', 'i18n', 'panel']),
            ...['app-test', 'testkit', 'bench', 'tools'].map((from) =>
              policy(from, [
                'core',
                'track-identity',
                'recommender',
                'contracts',
                'i18n',
                'app',
                'platform',
                'adapter',
                'domain',
                'use-case',
                'transport',
                'testkit',
                'app-test',
                'bench',
                'tools',
              ]),
            ),
          ],
        },
      ],
    },
  },
  {
    // The panel's script carries only its own messages: `@accord/i18n` bundles every language's.
    files: ['apps/panel/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@accord/i18n',
              allowTypeImports: true,
              message: 'The panel takes messages from @accord/i18n/panel (types may come from @accord/i18n).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure libraries: no frameworks, no I/O clients, no clock.
    files: [
      'libs/core/**/*.ts',
      'libs/track-identity/**/*.ts',
      'libs/recommender/**/*.ts',
      'libs/contracts/**/*.ts',
      'libs/i18n/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'Pure libraries must not depend on frameworks or I/O clients.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` as an argument.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Pass a seed as an argument.',
        },
      ],
    },
  },
  {
    // Only the Lavalink adapter talks to Lavalink through shoukaku/kazagumo.
    files: ['apps/accord/src/**/*.ts'],
    ignores: ['apps/accord/src/adapters/lavalink/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'shoukaku', message: 'Only apps/accord/src/adapters/lavalink talks to Lavalink.' },
            { name: 'kazagumo', message: 'Only apps/accord/src/adapters/lavalink talks to Lavalink.' },
          ],
          patterns: [
            { group: ['@accord/testkit', '@accord/testkit/*'], message: 'Product code never imports the testkit.' },
          ],
        },
      ],
    },
  },
  {
    // The domain and the use cases speak in their own terms: Discord's types stay in the Discord
    // client adapter and the Discord transport.
    files: ['apps/accord/src/domain/**/*.ts', 'apps/accord/src/use-cases/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'shoukaku', message: 'Only apps/accord/src/adapters/lavalink talks to Lavalink.' },
            { name: 'kazagumo', message: 'Only apps/accord/src/adapters/lavalink talks to Lavalink.' },
            { name: 'discord.js', message: 'Discord types stay in adapters/discord-client and transports/discord.' },
          ],
          patterns: [
            { group: ['@accord/testkit', '@accord/testkit/*'], message: 'Product code never imports the testkit.' },
            {
              group: ['@discordjs/*'],
              message: 'Discord types stay in adapters/discord-client and transports/discord.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testkit/**/*.ts',
      'bench/**/*.ts',
      'tools/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Focused tests skip the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'Focused tests skip the rest of the suite.' },
        { object: 'test', property: 'only', message: 'Focused tests skip the rest of the suite.' },
      ],
    },
  },
  prettier,
);
