import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { StaffIdentity, StaffRole } from '../../domain/caseload.js';
import type { StaffAuthenticator } from '../auth/authenticator.js';
import type { CookieSessionAuthenticator } from '../auth/cookie-session.authenticator.js';
import type { ClientAddress } from '../client-address.js';
import { API_CALLS_PER_MINUTE, FAILED_SIGN_INS_PER_MINUTE, type RateLimiter } from '../rate-limiter.js';
import { ApiError, forbidden, isConnectionError, notFound, unauthorised, unavailable } from './api-error.js';
import { ConflictError, InvalidFieldError, isDuplicateError, NotFoundError } from '../../app/action-errors.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'del';

export interface ApiContext<B, Q> {
  staff: StaffIdentity;
  params: Record<string, string>;
  body: B;
  query: Q;
  /** A route with `upload`: the request body's bytes, exactly as sent. */
  upload: Buffer | undefined;
}

/** A route that takes a file (not JSON) as its body: read as bytes, with a limit of its own. */
export interface UploadBody {
  mediaType: 'text/csv';
  maxBytes: number;
  description: string;
}

export interface ApiAnswer {
  status: number;
  /** JSON, a string sent as it is, or a stream (a large download, written as it is read). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The record the audit log names, when it is not the path's `:id` (a record the call created). */
  subjectId?: string;
}

/**
 * One key-worker API endpoint: what it accepts, who may call it and what it answers. The same table is
 * registered on restify and turned into the OpenAPI document, so the two cannot drift apart.
 */
export interface ApiRoute<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  path: string;
  summary: string;
  roles?: readonly StaffRole[];
  body?: B;
  /** Instead of a JSON `body`: a file of this media type, never parsed by the server's body parser. */
  upload?: UploadBody;
  query?: Q;
  /** `mediaType`: a file that is not JSON (a CSV download), described as a string of that type. */
  responses: Record<number, { description: string; schema?: z.ZodType; mediaType?: 'text/csv' }>;
  handle(context: ApiContext<z.output<B>, z.output<Q>>): Promise<ApiAnswer>;
}

/** What the OpenAPI document says of a route: everything but its handler. `public`: no bearer token needed. */
export type ApiRouteDescription = Omit<ApiRoute, 'handle'> & { public?: boolean };

/** Keeps the body and query types of each route while collecting them in one list. */
export function route<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  definition: ApiRoute<B, Q>,
): ApiRoute {
  return definition as unknown as ApiRoute;
}

export interface ApiRouteHooks {
  onError: (error: unknown, req: Request) => void;
  /** Who called which route about which record, from where, and how it ended (the audit log). */
  onAudit: (entry: {
    staff: StaffIdentity;
    method: string;
    route: string;
    subjectId: string | null;
    status: number;
    clientAddress: string;
  }) => Promise<void>;
  /** The caller's address (TRUST_PROXY decides whose X-Forwarded-For is believed). */
  clientAddress: ClientAddress;
}

export function registerApiRoutes(
  server: Server,
  routes: readonly ApiRoute[],
  authenticator: StaffAuthenticator,
  limiter: RateLimiter,
  hooks: ApiRouteHooks,
  /** The dashboard's session cookie, used only when a request has no Authorization header (bearer wins). */
  cookieSessions?: CookieSessionAuthenticator,
): void {
  const tooMany = () => new ApiError(429, 'rate_limited', 'Too many requests; please wait a minute');
  for (const definition of routes) {
    server[definition.method](definition.path, async (req: Request, res: Response) => {
      let staff: StaffIdentity | undefined;
      let reply: () => void | Promise<void>;
      let status: number;
      let createdId: string | undefined;
      const address = hooks.clientAddress(req);
      try {
        if (await limiter.isOver(`signin:${address}`, FAILED_SIGN_INS_PER_MINUTE, 60_000)) throw tooMany();
        const authorization = req.header('authorization');
        staff =
          authorization === undefined && cookieSessions ? await cookieSessions.authenticate(req) : await authenticator.authenticate(authorization);
        if (!staff) {
          await limiter.hit(`signin:${address}`, FAILED_SIGN_INS_PER_MINUTE, 60_000);
          throw unauthorised();
        }
        if (await limiter.hit(`staff:${staff.id}`, API_CALLS_PER_MINUTE, 60_000)) throw tooMany();
        const answer = await runRoute(definition, req, staff);
        status = answer.status;
        createdId = answer.subjectId;
        reply = async () => {
          if (answer.headers) for (const [name, value] of Object.entries(answer.headers)) res.header(name, value);
          if (answer.body instanceof Readable) {
            res.writeHead(answer.status);
            // A failure mid-stream cuts the connection (pipeline destroys the answer): the client sees an incomplete download.
            await pipeline(answer.body, res).catch((error: unknown) => {
              // The caller going away mid-download is theirs to retry, not our failure.
              if ((error as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE') hooks.onError(error, req);
            });
          } else if (answer.body === undefined) res.send(answer.status);
          else if (typeof answer.body === 'string') res.sendRaw(answer.status, answer.body);
          else res.send(answer.status, answer.body);
        };
      } catch (error) {
        const apiError = toApiError(error);
        status = apiError.status;
        if (apiError.status >= 500) hooks.onError(error, req);
        reply = () => {
          if (apiError.status === 429) res.header('Retry-After', '60');
          res.send(apiError.status, apiError.toJSON());
        };
      }
      // Audited before the answer goes out, so whoever reads the log after an answer finds it there.
      if (staff) {
        const subjectId = createdId ?? (req.params as Record<string, string> | undefined)?.id ?? null;
        await hooks.onAudit({ staff, method: definition.method === 'del' ? 'DELETE' : definition.method.toUpperCase(), route: definition.path, subjectId, status, clientAddress: address });
      }
      await reply();
    });
  }
}

async function runRoute(definition: ApiRoute, req: Request, staff: StaffIdentity): Promise<ApiAnswer> {
  if (definition.roles && !definition.roles.includes(staff.role)) throw forbidden();
  const body = definition.body ? parse(definition.body, req.body ?? {}, 'body') : undefined;
  const query = definition.query ? parse(definition.query, req.query ?? {}, 'query') : undefined;
  const upload = definition.upload ? await readUpload(req, definition.upload) : undefined;
  return definition.handle({ staff, params: (req.params ?? {}) as Record<string, string>, body, query, upload });
}

/** Whether the server's body parser must leave this request's body alone (the route reads it as bytes). */
export function takesUpload(routes: readonly ApiRoute[], req: Request): boolean {
  const matched = req.getRoute?.();
  if (!matched) return false;
  const method = (req.method ?? '').toLowerCase();
  return routes.some((r) => r.upload && r.path === String(matched.path) && (r.method === 'del' ? 'delete' : r.method) === method);
}

/** Read after the caller is known (nobody unauthenticated gets to send megabytes), up to the route's own limit. */
async function readUpload(req: Request, upload: UploadBody): Promise<Buffer> {
  const mediaType = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== upload.mediaType) {
    throw new ApiError(415, 'unsupported_media_type', `Send the file as ${upload.mediaType} (Content-Type: ${upload.mediaType})`);
  }
  const tooLarge = () => new ApiError(413, 'payload_too_large', `Files are limited to ${upload.maxBytes} bytes`);
  if (Number(req.header('content-length') ?? 0) > upload.maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Node discards the rest of the body once the answer is sent.
    if (size > upload.maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parse(schema: z.ZodType, value: unknown, where: 'body' | 'query'): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiError(400, 'validation_failed', `The request ${where} is not valid`, {
    fields: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError) return notFound(error.message);
  if (error instanceof ConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof InvalidFieldError) return new ApiError(400, 'validation_failed', error.message, { fields: [{ path: error.path, message: error.reason }] });
  if (isDuplicateError(error)) return new ApiError(409, 'conflict', error.message);
  if (isConnectionError(error)) return unavailable();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'bad_request', error instanceof Error ? error.message : 'Bad request');
  }
  return new ApiError(500, 'internal', 'Something went wrong on our side');
}

/** Route params are strings; ids that are not UUIDs cannot exist, so they are a plain 404. */
export function uuidParam(params: Record<string, string>, name: string): string {
  const value = params[name] ?? '';
  if (!z.uuid().safeParse(value).success) throw new ApiError(404, 'not_found', 'Not found');
  return value;
}
