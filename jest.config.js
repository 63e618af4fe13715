/** Jest in ESM mode (NestJS 12 ships ES modules only); ts-jest transpiles each file on its own. */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tenants', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.spec.json', diagnostics: false }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Loaded without transforms: plain JavaScript that starts (or points at) PostgreSQL.
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  maxWorkers: 2,
  // Each test file boots the app in the worker's ESM module registry, which is never given back:
  // at 114 files a worker grew to 4 GB, spent seconds per garbage collection and was killed. A
  // worker above this size after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60_000,
  watchman: false,
};
