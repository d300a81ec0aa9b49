import { progress } from './bench-result.js';

/** Runs `run` under the V8 CPU profiler of this thread when `file` is set, and writes the profile there. */
export async function withCpuProfile<T>(file: string | undefined, label: string, run: () => Promise<T>): Promise<T> {
  if (!file) return run();
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    progress(`CPU profile of ${label} written to ${file}`);
  }
}
