/**
 * `npm test`: the checks (scripts/checks.ts: type check, ESLint, import cycles) and vitest at the same time. The
 * suite leaves about a quarter of two cores idle while its tests wait on timers, sockets and child processes; the
 * checks fill that time instead of running for half a minute before it. Vitest's output streams as usual; each
 * check's is printed whole when it ends, and a summary of the checks comes after vitest's. Arguments go to vitest
 * (`npm test -- test/integration/loop-guard.test.ts`). Exits non-zero when the suite or any check fails.
 */
import { join } from 'node:path';
import { describeCheck, forwardStopSignals, ROOT, runChecks, spawnGroup } from './checks.js';

function runVitest(args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawnGroup(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', ...args], { stdio: 'inherit', cwd: ROOT });
    child.on('error', (error) => {
      process.stderr.write(`vitest could not start: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

forwardStopSignals();
const [checks, suitePassed] = await Promise.all([runChecks(), runVitest(process.argv.slice(2))]);
process.stdout.write(`\nChecks: ${checks.map(describeCheck).join('; ')}\n`);
process.exitCode = suitePassed && checks.every((check) => check.ok) ? 0 : 1;
