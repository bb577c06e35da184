// One runner, four projects: unit specs beside the code, integration specs on the test database,
// the real-Lavalink tier's protocol specs (*.real-spec.ts), and end-to-end specs that boot the real
// app against the fakes in libs/testkit.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@accord/(core|contracts|testkit|track-identity|recommender|i18n)$': '<rootDir>/libs/$1/src',
    '^@accord/(core|contracts|testkit|track-identity|recommender|i18n)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/panel/'],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/libs/testkit/src/db/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testkit/src/db/global-teardown.ts',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      setupFiles: ['<rootDir>/libs/testkit/src/db/per-file-database.ts'],
    },
    {
      // The real-Lavalink tier's protocol specs: a JVM per file (each file sets its own timeout).
      ...shared,
      displayName: 'real',
      testMatch: ['<rootDir>/libs/**/*.real-spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/accord/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/libs/testkit/src/db/per-file-database.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/accord/test/support/e2e.setup.ts'],
    },
  ],
};
