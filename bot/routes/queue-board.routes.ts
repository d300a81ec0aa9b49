import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { AppControllerRoute, AppViewRoute, BullBoardQueues, ControllerHandlerReturnType, IServerAdapter, UIConfig } from '@bull-board/api/typings/app';
import type { Request, Response, Server } from 'restify';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { JobQueues } from '../../workers/queues.js';
import type { StaffAuthenticator } from '../auth/authenticator.js';
import type { CookieSessionAuthenticator } from '../auth/cookie-session.authenticator.js';
import type { ClientAddress } from '../client-address.js';
import { FAILED_SIGN_INS_PER_MINUTE, type RateLimiter } from '../rate-limiter.js';
import { ApiError, forbidden, unauthorised } from './api-error.js';
import { toApiError } from './api-route.js';

/** Where bull-board is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * bull-board's page is a React bundle with inline styles (and a `<base href>`), so it gets a policy of its own:
 * everything from this origin, inline styles allowed, nothing else. (Its Google Fonts link is dropped: no third
 * party learns who looks at the board.)
 */
export const QUEUE_BOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

type RestifyMethod = 'get' | 'post' | 'put' | 'patch';
type Guard = (req: Request) => Promise<StaffIdentity>;

export interface QueueBoardDeps {
  queues: JobQueues;
  authenticator: StaffAuthenticator;
  /** The dashboard's session: an admin signed in to the dashboard can open the board in the same browser. */
  cookieSessions: CookieSessionAuthenticator;
  limiter: RateLimiter;
  onError: (error: unknown) => void;
  /** The caller's address (TRUST_PROXY decides whose X-Forwarded-For is believed). */
  clientAddress: ClientAddress;
}

/**
 * bull-board for admins only (the admin bearer token, or an admin's dashboard session), read-only: it shows the
 * queues, their jobs and failures, but cannot retry, remove, pause or add anything — the database is the truth
 * and the sweep re-adds whatever is due, so there is nothing to repair by hand. Jobs carry ids only.
 */
export function registerQueueBoard(server: Server, deps: QueueBoardDeps): void {
  const adapter = new RestifyBoardAdapter(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: deps.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: true, description: `${deps.queues.prefix}:${queue.name}` })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Engagement bot queues', hideDocsLink: true } },
  });
  adapter.register(server, adminGuard(deps), deps.onError);
}

function adminGuard(deps: QueueBoardDeps): Guard {
  return async (req) => {
    const address = deps.clientAddress(req);
    if (await deps.limiter.isOver(`signin:${address}`, FAILED_SIGN_INS_PER_MINUTE, 60_000)) {
      throw new ApiError(429, 'rate_limited', 'Too many requests; please wait a minute');
    }
    const authorization = req.header('authorization');
    const staff = authorization === undefined ? await deps.cookieSessions.authenticate(req) : await deps.authenticator.authenticate(authorization);
    if (!staff) {
      await deps.limiter.hit(`signin:${address}`, FAILED_SIGN_INS_PER_MINUTE, 60_000);
      throw unauthorised();
    }
    if (staff.role !== 'admin') throw forbidden();
    return staff;
  };
}

/**
 * A minimal restify adapter for bull-board (there is none on the registry): bull-board hands it its API routes, its
 * page and its static files, and this registers them under one base path, each behind the guard.
 */
class RestifyBoardAdapter implements IServerAdapter {
  private queues: BullBoardQueues | undefined;
  private uiConfig: UIConfig = {};
  private viewsPath = '';
  private staticRoute = '';
  private staticPath = '';
  private entryRoute: AppViewRoute | undefined;
  private apiRoutes: AppControllerRoute[] = [];
  private errorHandler: ((error: Error) => ControllerHandlerReturnType) | undefined;

  constructor(private readonly basePath: string) {}

  setQueues(queues: BullBoardQueues): this {
    this.queues = queues;
    return this;
  }
  setViewsPath(viewsPath: string): this {
    this.viewsPath = viewsPath;
    return this;
  }
  setStaticPath(staticRoute: string, staticPath: string): this {
    this.staticRoute = staticRoute;
    this.staticPath = staticPath;
    return this;
  }
  setEntryRoute(route: AppViewRoute): this {
    this.entryRoute = route;
    return this;
  }
  setErrorHandler(handler: (error: Error) => ControllerHandlerReturnType): this {
    this.errorHandler = handler;
    return this;
  }
  setApiRoutes(routes: AppControllerRoute[]): this {
    this.apiRoutes = routes;
    return this;
  }
  setUIConfig(config: UIConfig): this {
    this.uiConfig = config;
    return this;
  }

  register(server: Server, guard: Guard, onError: (error: unknown) => void): void {
    const { queues, entryRoute } = this;
    if (!queues || !entryRoute) throw new Error('bull-board did not configure the adapter');
    const guarded = (handle: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      try {
        await guard(req);
        await handle(req, res);
      } catch (error) {
        const apiError = toApiError(error);
        if (apiError.status >= 500) onError(error);
        if (apiError.status === 429) res.header('Retry-After', '60');
        res.send(apiError.status, apiError.toJSON());
      }
    };

    for (const route of this.apiRoutes) {
      for (const method of ([] as RestifyMethod[]).concat(route.method)) {
        for (const path of ([] as string[]).concat(route.route)) {
          server[method](
            `${this.basePath}${path}`,
            guarded(async (req, res) => {
              let answer: ControllerHandlerReturnType;
              try {
                answer = await route.handler({
                  queues,
                  uiConfig: this.uiConfig,
                  query: (req.query ?? {}) as Record<string, string>,
                  params: (req.params ?? {}) as Record<string, string>,
                  body: (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>,
                  headers: headersOf(req),
                });
              } catch (error) {
                if (!this.errorHandler || !(error instanceof Error)) throw error;
                onError(error);
                answer = this.errorHandler(error);
              }
              res.header('Cache-Control', 'no-store');
              if (answer.status === 204) res.send(204);
              else res.send(answer.status ?? 200, answer.body);
            }),
          );
        }
      }
    }

    const template = readFileSync(join(this.viewsPath, entryRoute.handler({ basePath: this.basePath, uiConfig: this.uiConfig }).name), 'utf8');
    const page = guarded(async (_req, res) => {
      const { params } = entryRoute.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
      res.sendRaw(200, renderTemplate(template, params), {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': QUEUE_BOARD_CSP,
        'Cache-Control': 'no-store',
      });
    });
    for (const path of ([] as string[]).concat(entryRoute.route)) {
      const full = `${this.basePath}${path === '/' ? '' : path}`;
      server[entryRoute.method](full, page);
      if (path === '/') server[entryRoute.method](`${full}/`, page);
    }

    // Files are read once, so no request path reaches the file system.
    const files = readStatic(this.staticPath);
    const prefix = `${this.basePath}${this.staticRoute}`;
    server.get(
      `${prefix}/*`,
      guarded(async (req, res) => {
        const path = new URL(req.url ?? '/', 'http://board').pathname.slice(prefix.length);
        const file = files.get(path);
        if (!file) throw new ApiError(404, 'not_found', 'Not found');
        res.sendRaw(200, file.body, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
      }),
    );
  }
}

function headersOf(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * bull-board's index.ejs uses only `<%= name %>` (escaped) and `<%- name %>` (raw: the UI config, which bull-board
 * has already made safe inside a script element). Anything else in it is a template this code does not know.
 */
export function renderTemplate(template: string, params: Record<string, string | undefined>): string {
  const rendered = template
    .replace(/<link[^>]*href="https:\/\/fonts\.(?:googleapis|gstatic)\.com[^>]*>/g, '')
    .replace(/<%([=-])\s*(\w+)\s*%>/g, (_match, kind: string, name: string) => {
      const value = params[name] ?? '';
      return kind === '-' ? value : value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
    });
  if (rendered.includes('<%')) throw new Error('bull-board page template has tags this adapter cannot render');
  return rendered;
}

function readStatic(directory: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    const type = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(`/${relative(directory, full).split(sep).join('/')}`, { body: readFileSync(full), type });
  }
  return files;
}
