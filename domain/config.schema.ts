import { z } from 'zod';
import { parseTrustProxy, TRUST_PROXY_HELP, type TrustProxy } from './trust-proxy.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().min(1).optional());
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);
const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Every environment variable the bot reads (CONTRACT.md "Configuration"), validated once at start.
 * A bad value stops start-up with one line naming the variable.
 */
export const configSchema = z
  .object({
    PORT: wholeNumber(0, 65535).default(3978),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** The workers role's own /healthz, /readyz and /metrics when it runs on its own (0: any free port). @defaultValue 3979 */
    WORKERS_PORT: wholeNumber(0, 65535).default(3979),
    /** On SIGTERM or SIGINT, how long work in flight may take to finish before the process exits non-zero. @defaultValue 10000 */
    SHUTDOWN_TIMEOUT_MS: wholeNumber(100, 600_000).default(10_000),
    /** Where Twilio reaches us: signatures are checked against it. @defaultValue http://localhost:$PORT */
    PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, url(['http', 'https']).optional()),
    /** PostgreSQL; unset means embedded PGlite under DATA_DIR. */
    DATABASE_URL: z.preprocess(emptyAsUndefined, url(['postgres', 'postgresql']).optional()),
    DATA_DIR: z.string().min(1).default('./data'),
    /** Unset: redis://127.0.0.1:6379, and `npm start` runs a private redis-server when nothing answers there. */
    REDIS_URL: z.preprocess(emptyAsUndefined, url(['redis', 'rediss']).optional()),
    /**
     * Prefix of every BullMQ key, so several deployments (or test files) can share one Redis. A hash tag (`{bot}`)
     * keeps each queue's keys in one slot of a clustered Redis, as BullMQ needs there.
     */
    QUEUE_PREFIX: z
      .string()
      .regex(/^(?:[A-Za-z0-9_-]+|\{[A-Za-z0-9_-]+\})$/, 'must be letters, digits, _ or -, optionally in braces as a hash tag ({bot})')
      .default('bot'),
    TWILIO_ACCOUNT_SID: z.preprocess(emptyAsUndefined, z.string().regex(/^AC[0-9a-fA-F]{32}$/).optional()),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_MESSAGING_SERVICE_SID: z.preprocess(emptyAsUndefined, z.string().regex(/^MG[0-9a-fA-F]{32}$/).optional()),
    TWILIO_SMS_FROM: optionalString,
    TWILIO_WHATSAPP_FROM: z.preprocess(emptyAsUndefined, z.string().regex(/^whatsapp:\+\d{6,15}$/).optional()),
    /** An approved WhatsApp template (Content SID) with one variable, used outside the 24-hour window. */
    TWILIO_WHATSAPP_FALLBACK_CONTENT_SID: z.preprocess(emptyAsUndefined, z.string().regex(/^HX[0-9a-fA-F]{32}$/).optional()),
    TWILIO_API_BASE_URL: url(['http', 'https']).default('https://api.twilio.com'),
    /**
     * How long one request to Twilio may take before it counts as cut (and is looked up later, see send-reconcile.ts).
     * At most 30 s, so the reconcile's two-minute safe wait still outlasts twice the timeout plus a minute.
     * @defaultValue 10000
     */
    TWILIO_REQUEST_TIMEOUT_MS: wholeNumber(1_000, 30_000).default(10_000),
    ADMIN_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(24, 'must be at least 24 characters').optional()),
    PROGRAMME_TIMEZONE: z
      .string()
      .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/London')
      .default('Europe/London'),
    /** The name participants see in every message. */
    PROGRAMME_NAME: z.string().min(1).max(40).default('Employment Support'),
    /** Messages handed to Twilio per second across all workers. @defaultValue 10 */
    OUTBOUND_RATE_PER_SECOND: wholeNumber(1, 1000).default(10),
    /** A send Twilio refused for now (429, 5xx, a cut connection) is tried again after this long, doubling each time. @defaultValue 2000 */
    OUTBOUND_RETRY_BASE_MS: wholeNumber(100, 600_000).default(2_000),
    /** Reminders and campaign messages one person gets per local day at most. @defaultValue 3 */
    DAILY_MESSAGE_CAP: wholeNumber(1, 50).default(3),
    /** Message bodies older than this many days are cleared (counts and timelines stay). @defaultValue 365 */
    RETENTION_MESSAGE_DAYS: wholeNumber(30, 3650).default(365),
    /** How often the sweep re-enqueues what Redis lost. @defaultValue 30000 */
    SWEEP_INTERVAL_MS: wholeNumber(500, 3_600_000).default(30_000),
    /**
     * How long a worker holds a job before another may take it back: a killed workers process's jobs in flight run
     * again elsewhere within about twice this. @defaultValue 30000
     */
    JOB_LOCK_MS: wholeNumber(1000, 600_000).default(30_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How long the CRM has to answer one delivery before it counts as no answer. @defaultValue 10000 */
    CRM_SINK_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
    /** The first retry of a delivery the CRM did not accept comes after up to this long (doubling each time). @defaultValue 5000 */
    CRM_SINK_RETRY_BASE_MS: wholeNumber(10, 3_600_000).default(5_000),
    /** The longest wait between two retries of one delivery. @defaultValue 3600000 */
    CRM_SINK_RETRY_MAX_MS: wholeNumber(10, 86_400_000).default(3_600_000),
    /** Deliveries to the CRM in flight at once, per workers process. @defaultValue 16 */
    CRM_SINK_CONCURRENCY: wholeNumber(1, 256).default(16),
    /** How often each workers process looks for new case-record events to deliver. @defaultValue 100 */
    CRM_SINK_POLL_MS: wholeNumber(10, 60_000).default(100),
    /**
     * Organisation sign-in (OpenID Connect): the identity provider's issuer, e.g.
     * https://login.microsoftonline.com/<tenant-id>/v2.0 or https://accounts.google.com. Unset: token sign-in only.
     */
    OIDC_ISSUER: z.preprocess(emptyAsUndefined, url(['http', 'https']).optional()),
    /** The dashboard's client (application) id at the identity provider. */
    OIDC_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().max(500).optional()),
    /** Its client secret; never logged. */
    OIDC_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().max(2000).optional()),
    /** The load balancers whose X-Forwarded-For is believed: unset, none (the socket's address is the caller's). */
    TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()).transform((value, ctx): TrustProxy => {
      const trust = parseTrustProxy(value);
      if (trust) return trust;
      ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
      return z.NEVER;
    }),
  })
  .transform((env) => {
    const sandbox = !(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN);
    return {
      ...env,
      PUBLIC_BASE_URL: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      // A URL, or (the private redis-server that start.ts runs) a unix socket path, which ioredis takes as well.
      REDIS_URL: env.REDIS_URL ?? DEFAULT_REDIS_URL,
      /** REDIS_URL was left unset: start.ts may run a private redis-server when nothing answers at the default. */
      redisDefaulted: env.REDIS_URL === undefined,
      sandbox,
    };
  })
  .superRefine((env, ctx) => {
    if (env.WORKERS_PORT !== 0 && env.WORKERS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['WORKERS_PORT'], message: 'must differ from PORT' });
    }
    if (env.CRM_SINK_RETRY_MAX_MS < env.CRM_SINK_RETRY_BASE_MS) {
      ctx.addIssue({ code: 'custom', path: ['CRM_SINK_RETRY_MAX_MS'], message: 'must not be below CRM_SINK_RETRY_BASE_MS' });
    }
    const oidcMissing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((name) => !env[name]);
    if (oidcMissing.length > 0 && oidcMissing.length < 3) {
      ctx.addIssue({ code: 'custom', path: [oidcMissing[0] as string], message: 'is required with the other OIDC_ variables (set all three, or none)' });
    }
    if (env.OIDC_ISSUER && !isSecureOrLoopback(env.OIDC_ISSUER)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be an https URL (http only for 127.0.0.1 or localhost)' });
    }
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_AUTH_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'is required with TWILIO_ACCOUNT_SID' });
    }
    if (env.TWILIO_AUTH_TOKEN && !env.TWILIO_ACCOUNT_SID && !env.sandbox) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_ACCOUNT_SID'], message: 'is required with TWILIO_AUTH_TOKEN' });
    }
    if (!env.sandbox) {
      if (!env.ADMIN_TOKEN) {
        ctx.addIssue({ code: 'custom', path: ['ADMIN_TOKEN'], message: 'is required outside sandbox mode' });
      }
      if (!env.TWILIO_MESSAGING_SERVICE_SID && !env.TWILIO_SMS_FROM && !env.TWILIO_WHATSAPP_FROM) {
        ctx.addIssue({
          code: 'custom',
          path: ['TWILIO_MESSAGING_SERVICE_SID'],
          message: 'or TWILIO_SMS_FROM or TWILIO_WHATSAPP_FROM is required to send messages',
        });
      }
    }
  });

export type Config = z.output<typeof configSchema>;

/** Organisation sign-in as configured, with the redirect URI to register at the identity provider. */
export interface OrganisationSignInConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

export function organisationSignInConfig(config: Config): OrganisationSignInConfig | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: new URL(config.OIDC_ISSUER),
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: `${config.PUBLIC_BASE_URL}${OIDC_CALLBACK_PATH}`,
  };
}

/** An identity provider is reached over https; plain http only on this machine (a local provider in tests). */
export function isSecureOrLoopback(address: string): boolean {
  const parsed = new URL(address);
  return parsed.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join('.') || 'configuration';
  throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
}
