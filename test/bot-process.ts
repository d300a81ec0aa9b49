import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The bot's real entry as its own process: `start.ts` through tsx (the sources under test, no build needed), or
 * a built `dist/start.js` under plain node. Its output is kept for the test to read.
 */
export class BotProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], options: { env: Record<string, string | undefined>; cwd?: string; entry?: string }) {
    const entry = options.entry ?? join(REPO_ROOT, 'start.ts');
    const nodeArgs = entry.endsWith('.ts') ? ['--import', 'tsx', entry, ...args] : [entry, ...args];
    this.child = spawn(process.execPath, nodeArgs, { cwd: options.cwd ?? REPO_ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  }

  /** The web URL from the start-up lines, once it says it is running. */
  async running(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (/is running\./.test(this.output)) return /URL:\s+(http:\/\/\S+)/.exec(this.output)?.[1] ?? '';
      if (this.child.exitCode !== null) throw new Error(`exited ${this.child.exitCode} before running:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`not running after ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** The test's environment for a child: the machine's PATH and the given variables, nothing else of the runner's. */
export function childEnv(vars: Record<string, string | undefined>): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...vars };
}
