import { defineConfig } from 'vitest/config';

/**
 * Pure tests: no database, Redis, server, child process, module mock or global state. They share reused workers
 * (isolate: false), so their imports load once per worker instead of once per file.
 */
const pure = ['domain/**/*.test.ts', 'dialogs/**/*.test.ts', 'bot/twilio/**/*.test.ts', 'web/src/**/*.test.ts'];
/** Replaces a module with vi.mock, which must not leak into files sharing its worker. */
const mocksModules = ['dialogs/safeguarding.dialog.test.ts'];

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only queue behind each other and make timing-sensitive waits flaky.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { name: 'pure', include: pure, exclude: ['node_modules/**', 'dist/**', ...mocksModules], isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ['**/*.test.ts'], exclude: ['node_modules/**', 'dist/**', ...pure] } },
      { extends: true, test: { name: 'isolated-mocks', include: mocksModules } },
    ],
  },
});
