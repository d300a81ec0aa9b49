/**
 * Starts test/workers-child.ts as a process of its own. It is bundled with esbuild first (packages left as
 * imports) and run by plain Node, like the compiled `node dist/start.js workers`: under tsx the process would
 * also carry tsx's loader thread (about 35 MB of RSS). If esbuild is not there, tsx it is, and that is said.
 * BENCH_PROFILE_WORKERS=<dir>: the child writes a CPU profile there (node --cpu-prof) when it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode, type NodeBundle } from './node-bundle.js';
import type { FromChild, ToChild } from './workers-child.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'test', 'workers-child.ts');

export interface WorkersProcess {
  pid: number;
  /** How it runs: `node (esbuild bundle)` or `node --import tsx`. */
  runner: string;
  ready: Extract<FromChild, { type: 'ready' }>;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  memory(): Promise<Extract<FromChild, { type: 'memory' }>>;
  stop(): Promise<void>;
}

async function bundle(): Promise<NodeBundle | undefined> {
  try {
    return await bundleForNode(ENTRY);
  } catch (error) {
    process.stderr.write(`[workers-process] could not bundle the workers child with esbuild (${String(error)}); running it under tsx, whose loader adds to its RSS\n`);
    return undefined;
  }
}

/**
 * `readyWithinMs`: a deadline for `ready`, for callers that want one. Tests leave it out: loading the role is seconds
 * of CPU, and on a busy machine many times that, so a fixed deadline failed healthy starts; a child that dies before
 * `ready` fails the start at once, and a hung one is caught by the test's own timeout.
 */
export async function startWorkersProcess(env: Record<string, string>, readyWithinMs?: number): Promise<WorkersProcess> {
  const bundled = await bundle();
  const profileDir = process.env.BENCH_PROFILE_WORKERS;
  const args = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(bundled ? [bundled.file] : ['--import', 'tsx', ENTRY]),
  ];
  // stdout of the child goes to our stderr: our stdout carries only result lines.
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 2, 2, 'ipc'] });
  const removeBundle = async () => {
    await bundled?.remove();
  };
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });

  const next = <T extends FromChild['type']>(type: T, ms: number | undefined): Promise<Extract<FromChild, { type: T }>> =>
    new Promise((resolve, reject) => {
      const timer = ms === undefined ? undefined : setTimeout(() => done(new Error(`workers child: no "${type}" within ${ms} ms`)), ms);
      const onMessage = (message: FromChild) => {
        if (message.type === type) done(undefined, message as Extract<FromChild, { type: T }>);
      };
      const onExit = (code: number | null) => done(new Error(`workers child exited (${code}) before "${type}"`));
      const done = (error?: Error, message?: Extract<FromChild, { type: T }>) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(message as Extract<FromChild, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const tell = (message: ToChild) => child.send(message);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) {
        const stopped = next('stopped', 15_000).catch(() => undefined);
        tell({ type: 'stop' });
        await stopped;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await removeBundle();
  };

  try {
    const ready = await next('ready', readyWithinMs);
    if (child.pid === undefined) throw new Error('workers child has no pid');
    return {
      pid: child.pid,
      runner: bundled ? 'node (esbuild bundle)' : 'node --import tsx',
      ready,
      exited,
      memory: () => {
        const answer = next('memory', 10_000);
        tell({ type: 'memory' });
        return answer;
      },
      stop,
    };
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await removeBundle();
    throw error;
  }
}
