/**
 * `npm run build` (always builds) and `npm run build:if-stale` (what `npm start` runs): TypeScript to dist/ and the
 * dashboard to dist/web, then a stamp, dist/.build-stamp, holding a SHA-256 of every input. The fingerprint is taken
 * before the build starts, so a file saved while it runs makes the next start build again. With `--if-stale` the
 * build is skipped when dist/start.js, dist/web/index.html and the stamp are there and the stamp matches.
 *
 * The TypeScript is transpiled file by file with esbuild (as tsx runs it in development), not compiled with tsc:
 * checking the types is `npm run typecheck`'s job, in `npm test` and CI, and tsc's emit took 15–20 s of a fresh
 * clone's first start where esbuild takes under one. `isolatedModules` and `verbatimModuleSyntax` in tsconfig.json
 * keep every file transpilable on its own.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');

/** The server's sources, transpiled to dist/ (tests excluded). */
const SERVER_DIRS = ['app', 'bot', 'dialogs', 'workers', 'domain', 'store', 'start'];
const SERVER_FILES = ['start.ts'];
/** What the build reads: the server's sources, the dashboard, the configs and the lock file (a new govuk-frontend or esbuild changes the output). */
const INPUT_DIRS = [...SERVER_DIRS, 'web'];
const INPUT_FILES = [...SERVER_FILES, 'tsconfig.json', 'web/tsconfig.json', 'package-lock.json', 'scripts/build.ts'];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export function sourceFingerprint(): string {
  const files = [...INPUT_DIRS.flatMap((dir) => listFiles(join(root, dir))), ...INPUT_FILES.map((file) => join(root, file)).filter((file) => existsSync(file))];
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f)).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function isBuilt(fingerprint: string): boolean {
  return (
    existsSync(join(dist, 'start.js')) &&
    existsSync(join(dist, 'web', 'index.html')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8').trim() === fingerprint
  );
}

async function transpileServer(): Promise<void> {
  const entryPoints = [...SERVER_DIRS.flatMap((dir) => listFiles(join(root, dir))), ...SERVER_FILES.map((file) => join(root, file))].filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  await esbuild({
    entryPoints,
    outdir: dist,
    outbase: root,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

async function build(fingerprint: string): Promise<void> {
  rmSync(stampFile, { force: true });
  // Loaded only to build: the API types load the whole server, which an up-to-date start never needs.
  const [{ writeApiTypes }, { buildDashboard }] = await Promise.all([import('../web/generate-api-types.js'), import('../web/build-dashboard.js')]);
  // The dashboard's API types come from the API's schemas; regenerated, they are part of what was built from.
  if (await writeApiTypes()) fingerprint = sourceFingerprint();
  await transpileServer();
  await buildDashboard(join(dist, 'web'));
  writeFileSync(stampFile, `${fingerprint}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const fingerprint = sourceFingerprint();
  if (process.argv.includes('--if-stale') && isBuilt(fingerprint)) {
    process.stdout.write('dist/ is up to date with the sources: no build needed\n');
  } else {
    process.stdout.write(existsSync(join(dist, 'start.js')) ? 'Sources changed since the last build: building…\n' : 'Building into dist/…\n');
    await build(fingerprint);
    process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
