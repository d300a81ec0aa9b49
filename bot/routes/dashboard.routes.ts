import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';

/**
 * The dashboard's own policy: everything from this origin only, no inline script or style, no framing, and forms
 * and fetches only back to us. (Everything else keeps the server's `default-src 'none'`.)
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the single-page dashboard answers with its page (the script then shows the right one). */
export const DASHBOARD_PAGES = ['/', '/sign-in', '/caseload', '/participants/:id', '/alerts', '/settings', '/campaigns', '/staff', '/sandbox'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** `npm run build` writes the dashboard to dist/web; this finds it from bot/routes in the sources or in dist. */
export function defaultDashboardDirectory(): string {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return basename(root.replace(/[/\\]+$/, '')) === 'dist' ? join(root, 'web') : join(root, 'dist', 'web');
}

interface StaticFile {
  body: Buffer;
  type: string;
}

/**
 * Serves the built dashboard from memory: the files are read once, so no request path ever reaches the file
 * system (nothing to traverse). If the build is missing, pages say how to build it instead of failing silently.
 */
export function registerDashboard(server: Server, options: { directory?: string } = {}): void {
  const directory = options.directory ?? defaultDashboardDirectory();
  let files: Map<string, StaticFile> | undefined;
  const load = () => {
    files ??= readBuild(directory);
    return files;
  };

  const sendPage = async (_req: Request, res: Response) => {
    const page = load()?.get('/index.html');
    if (!page) {
      res.sendRaw(503, `The dashboard has not been built. Run "npm run build" (npm start does it), then reload.\n`, {
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return;
    }
    res.sendRaw(200, page.body, {
      'Content-Type': page.type,
      'Content-Security-Policy': DASHBOARD_CSP,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    });
  };
  for (const path of DASHBOARD_PAGES) server.get(path, sendPage);

  server.get('/assets/*', async (req: Request, res: Response) => {
    const path = new URL(req.url ?? '/', 'http://dashboard').pathname;
    const file = load()?.get(path);
    if (!file) {
      res.send(404, { error: { code: 'not_found', message: 'Not found' } });
      return;
    }
    res.sendRaw(200, file.body, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
  });
}

function readBuild(directory: string): Map<string, StaticFile> | undefined {
  try {
    if (!statSync(join(directory, 'index.html')).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const type = CONTENT_TYPES[extname(entry.name)];
    if (!type) continue;
    files.set(`/${relative(directory, full).split(sep).join('/')}`, { body: readFileSync(full), type });
  }
  return files;
}
