import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that keep a fresh process each: they mock a module with vi.mock (which must not leak into files sharing a
 * worker) or replace what a shared process holds. Every other file, the browser tests too, shares reused workers
 * (isolate: false), so the bot's modules load once per worker instead of once per file: each file still starts and
 * closes its own app, database, Redis prefix and servers.
 */
const ownProcess = ['dialogs/safeguarding.dialog.test.ts', 'test/fake-twilio.test.ts', 'workers/run-inbound-turn.use-case.test.ts'];
const excluded = ['node_modules/**', 'dist/**'];

/**
 * The longest files first (their real-time waits overlap the rest), as vitest orders files once it has timed them;
 * on a clean clone it has no timings and would go by file size, which leaves the longest to run last on their own.
 */
const LONGEST = [
  'test/browser/dashboard.test.ts',
  'test/integration/campaign-at-scale.test.ts',
  'test/integration/twilio-storm.test.ts',
  'test/integration/outbound-sender.test.ts',
  'test/integration/start-without-redis.test.ts',
  'test/integration/import-command.test.ts',
  'test/integration/production-start.test.ts',
  'test/integration/workers-killed-mid-turn.test.ts',
  'test/browser/staff.test.ts',
  'test/integration/appointment-reminders.test.ts',
  'test/integration/operations.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST.findIndex((path) => spec.moduleId.endsWith(`/${path}`));
      return index === -1 ? LONGEST.length : index;
    };
    return sorted.map((spec, order) => ({ spec, order })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order).map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    exclude: excluded,
    // This machine's Redis, or one of the suite's own when it is stopped (see the file).
    globalSetup: ['./test/suite-redis.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only queue behind each other and make timing-sensitive waits flaky.
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'own-process', include: ownProcess } },
      { extends: true, test: { name: 'shared', include: ['**/*.test.ts'], exclude: [...excluded, ...ownProcess], isolate: false } },
    ],
  },
});
