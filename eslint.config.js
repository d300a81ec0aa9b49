import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** ARCHITECTURE.md: what each folder may import. */
const MESSAGE = 'ARCHITECTURE.md does not allow this import here';
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message: MESSAGE }] }],
});
/** As `forbid`, and the store only through actions in app/ (a row's type may still be named). */
const forbidWithStoreThroughActions = (...groups) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...(groups.length > 0 ? [{ group: groups, message: MESSAGE }] : []),
        { group: ['**/store/**'], allowTypeImports: true, message: 'Reach the store through an action in app/ (ARCHITECTURE.md); type-only imports of rows are fine' },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test-artifacts/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['domain/**/*.ts'], ignores: ['**/*.test.ts'], rules: forbid('**/app/**', '**/bot/**', '**/dialogs/**', '**/workers/**', '**/store/**', '**/web/**') },
  { files: ['dialogs/**/*.ts'], ignores: ['**/*.test.ts'], rules: forbid('**/app/**', '**/bot/**', '**/workers/**', '**/store/**', '**/web/**', 'botbuilder*') },
  // Repositories and migrations: they import only domain/ and each other.
  { files: ['store/*.ts'], ignores: ['**/*.test.ts'], rules: forbid('../*', '!../domain') },
  { files: ['store/migrations/*.ts'], rules: forbid('../../*', '!../../domain') },
  // Actions: one use case a file, called by routes and processors alike.
  { files: ['app/**/*.ts'], ignores: ['**/*.test.ts'], rules: forbid('**/bot/**', '**/web/**', '**/workers/*', '!**/workers/queues.js') },
  { files: ['bot/**/*.ts'], ignores: ['**/*.test.ts'], rules: forbid('**/workers/*', '!**/workers/queues.js', '**/web/**') },
  // Routes parse, call an action and present: the store only through app/ (a row's type may still be named).
  { files: ['bot/routes/**/*.ts'], ignores: ['**/*.test.ts'], rules: forbidWithStoreThroughActions('**/workers/*', '!**/workers/queues.js', '**/web/**') },
  { files: ['workers/**/*.ts'], ignores: ['**/*.test.ts'], rules: forbid('**/bot/*.js', '**/bot/routes/**', '**/bot/auth/**', '**/web/**') },
  // Processors parse the job and call an action; only the composition root (workers/main.ts) builds repositories.
  {
    files: ['workers/*.worker.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbidWithStoreThroughActions('**/bot/*.js', '**/bot/routes/**', '**/bot/auth/**', '**/web/**'),
  },
  // Benchmarks may use the tests' helpers, never the reverse.
  { files: ['test/**/*.ts', '**/*.test.ts'], rules: forbid('**/bench/**') },
  // The dashboard runs in the browser and knows the server only through its public API.
  { files: ['web/src/**/*.ts'], rules: forbid('**/bot/**', '**/dialogs/**', '**/domain/**', '!**/domain/case-record', '!**/domain/case-record/event-titles.js', '**/store/**', '**/workers/**', '**/test/**', 'node:*') },
);
