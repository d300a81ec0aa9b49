/**
 * Builds the key-worker dashboard into dist/web: web/src bundled by esbuild (one ES module, no inline script, so
 * the page's CSP can stay `script-src 'self'`), GOV.UK Frontend's Sass compiled with a system font and our own
 * colours (never the GOV.UK brand), and the page shell. `npm run build` (and so `npm start`) runs it.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compile } from 'sass';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

export async function buildDashboard(outDir = join(root, 'dist', 'web')): Promise<void> {
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
