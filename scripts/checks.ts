/**
 * `npm run checks` (the first half of `npm test`): the type check, ESLint and the import-cycle check, run at the same
 * time rather than one after another, each one's output held back and printed whole when it ends so the three never
 * interleave. Exits non-zero when any of them fails, after all have finished, so one run shows every problem.
 */
import { spawn } from 'node:child_process';

interface Check {
  name: string;
  command: string;
  args: string[];
}

// TypeScript 7's native compiler (the `typescript7` alias): the same checker, about three times faster than 5.9's.
// `typescript` itself stays at 5.9 for the tools that need its JavaScript API (typescript-eslint, openapi-typescript).
const TSC = ['node_modules/typescript7/bin/tsc', '--noEmit', '-p'];

const CHECKS: Check[] = [
  { name: 'typecheck (server, tests, tools)', command: process.execPath, args: [...TSC, 'tsconfig.json'] },
  { name: 'typecheck (dashboard)', command: process.execPath, args: [...TSC, 'web/tsconfig.json'] },
  { name: 'eslint', command: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'import cycles', command: 'npm', args: ['run', '--silent', 'check:cycles'] },
];

function run(check: Check): Promise<{ check: Check; code: number; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (code: number) => resolve({ check, code, output: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - started) / 1000 });
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      finish(1);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

const results = await Promise.all(CHECKS.map(async (check) => {
  const result = await run(check);
  const verdict = result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`;
  process.stdout.write(`── ${check.name}: ${verdict} in ${result.seconds.toFixed(1)} s\n${result.output}`);
  return result;
}));
process.exitCode = results.some((result) => result.code !== 0) ? 1 : 0;
