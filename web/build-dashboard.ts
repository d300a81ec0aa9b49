/**
 * Builds the key-worker dashboard into dist/web: web/src bundled by esbuild (one ES module, no inline script, so
 * the page's CSP can stay `script-src 'self'`), GOV.UK Frontend's Sass compiled with a system font and our own
 * colours (never the GOV.UK brand), and the page shell. `npm run build` (and so `npm start`) runs it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compile } from 'sass';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** A hash of everything the dashboard is built from, kept beside the build. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const folder of ['src', 'styles']) {
    const files = readdirSync(join(here, folder), { recursive: true, encoding: 'utf8' }).sort();
    for (const file of files) {
      const path = join(here, folder, file);
      if (/\.(ts|scss)$/.test(file)) hash.update(file).update(readFileSync(path));
    }
  }
  for (const file of ['index.html', 'favicon.svg']) hash.update(file).update(readFileSync(join(here, file)));
  return hash.digest('hex');
}

const BUILT_FROM = '.built-from';

/**
 * Builds into a folder of its own and then swaps it in, so a server already serving `outDir` (another test file's)
 * never finds it half-built or gone. With `ifChanged`, a build from the same sources is left as it is.
 */
export async function buildDashboard(outDir = join(root, 'dist', 'web'), options: { ifChanged?: boolean } = {}): Promise<void> {
  const sources = sourcesHash();
  if (options.ifChanged && existsSync(join(outDir, 'assets', 'dashboard.js')) && existsSync(join(outDir, BUILT_FROM))) {
    if (readFileSync(join(outDir, BUILT_FROM), 'utf8') === sources) return;
  }
  const building = `${outDir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  await buildInto(building);
  writeFileSync(join(building, BUILT_FROM), sources);
  const old = `${outDir}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(building, outDir);
  rmSync(old, { recursive: true, force: true });
}

async function buildInto(outDir: string): Promise<void> {
  const assets = join(outDir, 'assets');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: join(assets, 'dashboard.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const css = compile(join(here, 'styles', 'dashboard.scss'), {
    loadPaths: [join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
  });
  writeFileSync(join(assets, 'dashboard.css'), css.css);
  copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(here, 'favicon.svg'), join(assets, 'favicon.svg'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildDashboard(process.argv[2]);
  process.stdout.write('Dashboard built into dist/web\n');
}
