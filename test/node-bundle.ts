/**
 * A TypeScript entry bundled with esbuild (packages left as imports) for a child process run by plain Node, as the
 * compiled `node dist/start.js` runs: under tsx every child would transform the whole source tree again (seconds
 * of CPU each) and carry tsx's loader thread (about 35 MB of RSS).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** store/pglite-thread.ts starts its thread from the file of this name beside its own code, so it is bundled too. */
const PGLITE_THREAD_ENTRY = join(ROOT, 'store', 'pglite-thread.entry.ts');

export interface NodeBundle {
  /** The bundled entry, an `.mjs` file. */
  file: string;
  remove(): Promise<void>;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr.trim()}`))));
  });
}

/** The bundle goes to a temporary folder whose node_modules links to the project's, so its imports resolve. */
export async function bundleForNode(entry: string): Promise<NodeBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'test-bundle-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const file = join(dir, `${basename(entry).replace(/\.ts$/, '')}.mjs`);
    await run(join(ROOT, 'node_modules', '.bin', 'esbuild'), [
      entry,
      PGLITE_THREAD_ENTRY,
      // Every file at the top of the folder, so the thread's entry sits beside the code that starts it.
      '--entry-names=[name]',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node22',
      '--packages=external',
      // Dynamic imports stay chunks loaded when reached, as under node or tsx: a role or command loads only its part.
      '--splitting',
      '--out-extension:.js=.mjs',
      '--log-level=warning',
      `--outdir=${dir}`,
    ]);
    return { file, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
