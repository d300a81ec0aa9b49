import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import { organisationSignInConfig, type Config } from '../domain/config.schema.js';
import type { Clock } from '../domain/time/clock.js';
import type { WhatsAppFallback } from '../domain/sending/delivery.js';
import { AuditRepository } from '../store/audit.repository.js';
import type { CaseRecordDatabase } from '../store/database.js';
import { describeRedisAddress, type JobQueues } from '../workers/queues.js';
import { StaffAuthenticator } from './auth/authenticator.js';
import { CookieSessionAuthenticator } from './auth/cookie-session.authenticator.js';
import { OpenIdIdentityProvider } from './auth/openid-identity-provider.js';
import { StaffSessions } from './auth/staff-sessions.js';
import { clientAddressResolver } from './client-address.js';
import { InboundIntake } from './inbound-intake.js';
import { finishedRequestRecorder, securityHeaders } from './request-envelope.js';
import { currentRequestId, REQUEST_ID_HEADER, requestIdFor, runInRequest } from './request-context.js';
import { RateLimiter } from './rate-limiter.js';
import type { Metrics } from './metrics.js';
import { buildOpenApiDocument } from './openapi.js';
import { alertRoutes } from './routes/alerts.api.js';
import { caseloadRoutes } from './routes/caseload.api.js';
import { registerDashboard } from './routes/dashboard.routes.js';
import { participantActivityRoutes } from './routes/participant-activity.api.js';
import { registerSessionRoutes, sessionRouteDescriptions } from './routes/session.routes.js';
import { organisationSignInRouteDescriptions, registerOrganisationSignIn } from './routes/organisation-sign-in.routes.js';
import { auditRoutes } from './routes/audit.api.js';
import { crmSinkRoutes } from './routes/crm-sink.api.js';
import { deadLetterRoutes } from './routes/dead-letters.api.js';
import { eventsFeedRoutes } from './routes/events-feed.api.js';
import { exportRoutes } from './routes/exports.api.js';
import { appointmentRoutes } from './routes/appointments.api.js';
import { campaignRoutes } from './routes/campaigns.api.js';
import { experimentRoutes } from './routes/experiments.api.js';
import { inWorkRoutes } from './routes/in-work.api.js';
import { reminderPolicyRoutes } from './routes/reminder-policy.api.js';
import { reportRoutes } from './routes/reports.api.js';
import { safeguardingPolicyRoutes } from './routes/safeguarding-policy.api.js';
import { ApiError } from './routes/api-error.js';
import type { ApiDeps } from './routes/api-deps.js';
import { registerApiRoutes, takesUpload, toApiError, type ApiRoute, type ApiRouteDescription } from './routes/api-route.js';
import { participantRoutes } from './routes/participants.api.js';
import { callAheadRoutes } from './routes/call-ahead.api.js';
import { registerQueueBoard } from './routes/queue-board.routes.js';
import { sandboxRoutes } from './routes/sandbox.api.js';
import { staffRoutes } from './routes/staff.api.js';
import { registerTwilioWebhooks } from './routes/twilio-webhooks.js';

// Twilio's largest inbound form (a 1,600-character SMS or a 4,096-character WhatsApp text plus media URLs)
// is a few kilobytes; API bodies are small too. Anything bigger is refused with 413 before it is parsed.
const MAX_BODY_BYTES = 64 * 1024;
// restify sends it as the Server header of every answer.
const SERVER_NAME = 'engagement-bot';

export interface WebServerDeps {
  config: Config;
  database: CaseRecordDatabase;
  queues: JobQueues;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  whatsappFallback: WhatsAppFallback;
}

/** The OpenAPI document of the API routes and the dashboard's session routes. */
export function apiDocument(routes: readonly ApiRouteDescription[]) {
  return buildOpenApiDocument([...routes, ...sessionRouteDescriptions, ...organisationSignInRouteDescriptions], { title: 'Engagement bot key-worker API', version: '1' });
}

/** The same document without a server: the dashboard's types are generated from it (web/generate-api-types.ts). */
export function describeApi() {
  return apiDocument(apiRouteTable(describeOnlyDeps()));
}

/** Route factories only keep their dependencies for later; describing the routes never runs one. */
function describeOnlyDeps(): ApiDeps {
  const unusable = (name: string): object =>
    new Proxy(() => undefined, {
      get: (_target, key) => (key === Symbol.toPrimitive ? undefined : unusable(`${name}.${String(key)}`)),
      apply: () => {
        throw new Error(`${name} was used while only describing the API`);
      },
    });
  return new Proxy({}, { get: (_target, key) => unusable(String(key)) }) as ApiDeps;
}

export function apiRouteTable(deps: ApiDeps): ApiRoute[] {
  return [
    ...staffRoutes(deps),
    ...participantRoutes(deps),
    ...callAheadRoutes(deps),
    ...appointmentRoutes(deps),
    ...inWorkRoutes(deps),
    ...campaignRoutes(deps),
    ...experimentRoutes(deps),
    ...reminderPolicyRoutes(deps),
    ...safeguardingPolicyRoutes(deps),
    ...reportRoutes(deps),
    ...exportRoutes(deps),
    ...alertRoutes(deps),
    ...sandboxRoutes(deps),
    ...auditRoutes(deps),
    ...crmSinkRoutes(deps),
    ...deadLetterRoutes(deps),
    ...eventsFeedRoutes(deps),
    ...caseloadRoutes(deps),
    ...participantActivityRoutes(deps),
  ];
}

export function createWebServer(deps: WebServerDeps): Server {
  const { config, database, queues, clock, logger, metrics } = deps;
  const db = database.db;
  const server = restify.createServer({ name: SERVER_NAME, handleUncaughtExceptions: false });
  const intake = new InboundIntake({ db, queues, clock, logger });
  const apiDeps: ApiDeps = { db, clock, config, queues, intake, logger };
  const routes = apiRouteTable(apiDeps);
  const https = config.PUBLIC_BASE_URL.startsWith('https://');
  const headers = securityHeaders(https);
  const recordFinished = finishedRequestRecorder(metrics, logger);
  // Security headers on every answer; API answers are never cached (they carry personal data).
  server.pre((req: Request, res: Response, next: () => void) => {
    // A sane incoming X-Request-Id (from a load balancer or tracer) is kept, otherwise one is made; it is echoed.
    // restify's own request id (req.getId()) becomes it; its typings miss id(reqId), which sets it once.
    const setId = req as unknown as { id(reqId: string): string };
    res.header(REQUEST_ID_HEADER, setId.id(requestIdFor(req.headers['x-request-id'])));
    for (const [name, value] of headers) res.header(name, value);
    if (req.url?.startsWith('/api/')) res.header('Cache-Control', 'no-store');
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Routes that take a file (a CSV import) read their own body, with a larger limit, once the caller is known.
  const [readBody, parseBody] = restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: false }) as [
    restify.RequestHandler,
    restify.RequestHandler,
  ];
  server.use((req: Request, res: Response, next: restify.Next) => {
    if (takesUpload(routes, req)) {
      next();
      return;
    }
    readBody(req, res, ((error?: unknown) => (error ? next(error as Error) : parseBody(req, res, next))) as restify.Next);
  });
  // From here on (after the body is read, whose stream events would lose it) the handler runs as part of its
  // request: every log line it writes and every error body it answers carries the request id.
  server.use((req: Request, _res: Response, next: () => void) => runInRequest({ requestId: req.getId() }, next));

  // Body-parser and routing errors (bad JSON, 413, 404, 405) in the contract's error shape.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const apiError =
      err.statusCode === 413
        ? new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`)
        : toApiError(err);
    err.toJSON = () => apiError.toJSON(req.getId());
    callback();
  });
  server.on('after', (req: Request, res: Response) => {
    const route = req.getRoute?.()?.path?.toString() ?? 'unmatched';
    recordFinished({ requestId: req.getId(), method: req.method, route, status: res.statusCode, ms: Date.now() - req.time() });
  });

  const openApi = apiDocument(routes);

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const [databaseOk, redisOk] = await Promise.all([
      database.ping().then(() => true, () => false),
      queues.connection.ping().then(() => true, () => false),
    ]);
    const reasons = [
      ...(databaseOk ? [] : ['the database does not answer']),
      ...(redisOk ? [] : [`Redis unreachable at ${describeRedisAddress(config.REDIS_URL)}`]),
    ];
    res.send(databaseOk && redisOk ? 200 : 503, {
      database: databaseOk ? 'ok' : 'down',
      redis: redisOk ? 'ok' : 'down',
      ...(reasons.length > 0 && { reason: reasons.join('; ') }),
    });
  });
  server.get('/metrics', async (_req: Request, res: Response) => {
    res.sendRaw(200, await metrics.registry.metrics(), { 'Content-Type': metrics.registry.contentType });
  });
  server.get('/api/openapi.json', async (_req: Request, res: Response) => {
    res.send(200, openApi);
  });
  // The key-worker dashboard (web/, built to dist/web): its pages at /, its files under /assets.
  registerDashboard(server);

  const audit = new AuditRepository(db);
  const clientAddress = clientAddressResolver(config.TRUST_PROXY);
  const sessions = new StaffSessions(db, clock);
  const sessionCookie = { secure: https };
  registerSessionRoutes(server, {
    authenticator: new StaffAuthenticator(db),
    sessions,
    limiter: new RateLimiter(queues.connection, config.QUEUE_PREFIX, clock),
    cookie: sessionCookie,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    dashboard: { programmeName: config.PROGRAMME_NAME, sandbox: config.sandbox, timeZone: config.PROGRAMME_TIMEZONE },
    onError: (error) => logger.error({ err: error }, 'session request failed'),
    clientAddress,
    onAudit: (entry) =>
      audit
        .record({
          staffId: entry.staff.id,
          method: entry.method,
          route: entry.route,
          subjectId: null,
          status: entry.status,
          clientAddress: entry.clientAddress,
          requestId: currentRequestId() ?? null,
        })
        .catch((error: unknown) => logger.error({ err: error, route: entry.route }, 'audit entry not written')),
  });
  const organisationSignIn = organisationSignInConfig(config);
  registerOrganisationSignIn(server, {
    db,
    clock,
    provider: organisationSignIn && new OpenIdIdentityProvider(organisationSignIn),
    redirectUri: organisationSignIn?.redirectUri ?? '',
    sessions,
    cookie: sessionCookie,
    clientAddress,
    onRefusal: (entry) => logger.warn(entry, 'organisation sign-in refused'),
    onError: (error) => logger.error({ err: error }, 'organisation sign-in failed'),
    onAudit: (entry) =>
      audit
        .record({ ...entry, subjectId: null, requestId: currentRequestId() ?? null })
        .catch((error: unknown) => logger.error({ err: error, route: entry.route }, 'audit entry not written')),
  });
  registerApiRoutes(server, routes, new StaffAuthenticator(db), new RateLimiter(queues.connection, config.QUEUE_PREFIX, clock), {
    onError: (error) => logger.error({ err: error }, 'API request failed'),
    clientAddress,
    onAudit: (entry) =>
      audit
        .record({
          staffId: entry.staff.id,
          method: entry.method,
          route: entry.route,
          subjectId: entry.subjectId,
          status: entry.status,
          clientAddress: entry.clientAddress,
          requestId: currentRequestId() ?? null,
        })
        .catch((error: unknown) => logger.error({ err: error, route: entry.route }, 'audit entry not written')),
  }, new CookieSessionAuthenticator(sessions, sessionCookie, config.PUBLIC_BASE_URL));
  // bull-board, read-only, for admins (bearer token or an admin's dashboard session) under /admin/queues.
  registerQueueBoard(server, {
    queues,
    authenticator: new StaffAuthenticator(db),
    cookieSessions: new CookieSessionAuthenticator(sessions, sessionCookie, config.PUBLIC_BASE_URL),
    limiter: new RateLimiter(queues.connection, config.QUEUE_PREFIX, clock),
    onError: (error) => logger.error({ err: error }, 'queue board request failed'),
    clientAddress,
  });
  registerTwilioWebhooks(server, {
    db,
    config,
    clock,
    queues,
    intake,
    logger,
    whatsappFallback: deps.whatsappFallback,
    onWebhook: (route, status) => metrics.webhooks.inc({ route, status: String(status) }),
    ahead: { headers: [['Server', SERVER_NAME], ...headers], maxBodyBytes: MAX_BODY_BYTES, onFinished: recordFinished },
  });
  return server;
}
