import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { startWeb, type WebRole } from '../bot/main.js';
import type { StaffRole } from '../domain/caseload.js';
import { ManualClock, systemClock, type Clock } from '../domain/time/clock.js';
import { loadConfig, type Config } from '../domain/config.schema.js';
import { migrateToLatest, openDatabase, type CaseRecordDatabase } from '../store/database.js';
import { startWorkers, type WorkersRole } from '../workers/main.js';
import { FakeTwilio } from './fake-twilio.js';
import { createTestDatabase, migratedPgliteDump, testRedisUrl } from './test-database.js';
import { TEST_BOT_NUMBER, inboundParams, postSignedForm } from './twilio-signer.js';

export const PUBLIC_BASE_URL = 'https://bot.example.test';
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestAppOptions {
  /** Twilio mode against a FakeTwilio (default), or sandbox mode. */
  mode?: 'twilio' | 'sandbox';
  /** PostgreSQL (default, a database of its own) or embedded PGlite in memory. */
  engine?: 'postgres' | 'pglite';
  env?: Record<string, string>;
  clock?: Clock;
  /** Start the workers role too (default true); false leaves turns waiting in the queue. */
  workers?: boolean;
  /** Reach PostgreSQL through this local port (a TcpProxy a test can cut) instead of directly. */
  postgresPort?: number;
  /** The web role's logger (default: silent), for a test that reads what was logged. */
  webLogger?: Logger;
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
}

/** The whole bot on real PostgreSQL and Redis, with Twilio faked at its HTTP boundary. */
export class TestApp {
  web!: WebRole;
  workers: WorkersRole | undefined;
  database!: CaseRecordDatabase;
  config!: Config;
  /** The environment the config was loaded from (a workers child process can be started with it). */
  env!: Record<string, string>;
  redis!: Redis;
  readonly twilio = new FakeTwilio();
  private dropDatabase: (() => Promise<void>) | undefined;

  constructor(private readonly options: TestAppOptions = {}) {}

  get url(): string {
    return this.web.url;
  }

  get db() {
    return this.database.db;
  }

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const app = new TestApp(options);
    await app.boot();
    return app;
  }

  private async boot(): Promise<void> {
    const mode = this.options.mode ?? 'twilio';
    if (mode === 'twilio') await this.twilio.start();
    let databaseUrl: string | undefined;
    if ((this.options.engine ?? 'postgres') === 'postgres') {
      const created = await createTestDatabase('bot', { migrated: true });
      const url = new URL(created.url);
      if (this.options.postgresPort) url.port = String(this.options.postgresPort);
      databaseUrl = url.toString();
      this.dropDatabase = created.drop;
    }
    this.env = {
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: `t${randomBytes(6).toString('hex')}`,
      ADMIN_TOKEN,
      DATA_DIR: `/tmp/engagement-bot-test-${randomBytes(4).toString('hex')}`,
      SWEEP_INTERVAL_MS: '500',
      OUTBOUND_RATE_PER_SECOND: '100',
      // Retries of a refused send after 250 ms, then doubling, instead of 2 s: the same path, shorter waits.
      OUTBOUND_RETRY_BASE_MS: '250',
      LOG_LEVEL: 'silent',
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
      ...(mode === 'twilio' && {
        TWILIO_ACCOUNT_SID: this.twilio.accountSid,
        TWILIO_AUTH_TOKEN: this.twilio.authToken,
        TWILIO_API_BASE_URL: this.twilio.baseUrl,
        TWILIO_SMS_FROM: TEST_BOT_NUMBER,
        TWILIO_WHATSAPP_FROM: `whatsapp:${TEST_BOT_NUMBER}`,
      }),
      ...this.options.env,
    };
    this.config = loadConfig(this.env);
    this.database = await openDatabase(
      this.config.DATABASE_URL ? { databaseUrl: this.config.DATABASE_URL } : { dataDir: 'memory://', loadDataDir: await migratedPgliteDump() },
    );
    await migrateToLatest(this.database.db);
    this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    // A test may run with Redis away on purpose; its commands fail on their own, the events need no printing.
    this.redis.on('error', () => undefined);
    const logger = this.options.webLogger ?? pino({ level: 'silent' });
    const clock = this.options.clock ?? systemClock;
    if (this.options.workers ?? true) await this.startWorkers();
    this.web = await startWeb({ config: this.config, database: this.database.forWebRole(), logger, clock });
  }

  async startWorkers(): Promise<void> {
    this.workers = await startWorkers({
      config: this.config,
      database: this.database,
      logger: pino({ level: 'silent' }),
      clock: this.options.clock ?? systemClock,
    });
  }

  async stopWorkers(): Promise<void> {
    await this.workers?.close();
    this.workers = undefined;
  }

  /** Delayed reminder jobs waiting in this app's Redis queues. */
  async workersQueueDelayedCount(): Promise<number> {
    return this.redis.zcard(`${this.config.QUEUE_PREFIX}:reminder:delayed`);
  }

  async close(): Promise<void> {
    await this.web?.close();
    await this.stopWorkers();
    // Leave nothing of ours in the shared Redis database (if there is one: a test may run with Redis away).
    if (this.redis.status === 'ready') {
      const keys = await this.redis.keys(`${this.config.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await this.redis.del(...keys);
    }
    this.redis.disconnect();
    await this.database?.close();
    await this.dropDatabase?.();
    await this.twilio.stop();
  }

  async api<T = unknown>(method: string, path: string, body?: unknown, token = ADMIN_TOKEN): Promise<ApiResult<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(token && { Authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed as T };
  }

  /** A text from a participant, signed exactly as Twilio signs it. */
  async inbound(from: string, body: string, options: { sid?: string; whatsapp?: boolean; signature?: string | null } = {}) {
    const params = inboundParams({ from, body, ...(options.sid && { sid: options.sid }), ...(options.whatsapp && { whatsapp: true }) });
    const response = await postSignedForm(this.url, PUBLIC_BASE_URL, '/twilio/inbound', params, this.twilio.authToken, {
      ...(options.signature !== undefined && { signature: options.signature }),
    });
    return { response, sid: params.MessageSid as string, text: await response.text() };
  }

  async createStaff(role: StaffRole, name: string, team: string | null = 'North', extra: { email?: string; phone?: string } = {}): Promise<{ id: string; token: string }> {
    const result = await this.api<{ id: string; token: string }>('POST', '/api/staff', { name, role, ...(team !== null && { team }), ...extra });
    if (result.status !== 201) throw new Error(`createStaff: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async createParticipant(phone: string, token = ADMIN_TOKEN, extra: Record<string, unknown> = {}): Promise<{ id: string; phone: string }> {
    const result = await this.api<{ id: string; phone: string }>(
      'POST',
      '/api/participants',
      // Most tests are about something else than the welcome text: the number counts as confirmed in person.
      { firstName: 'Sam', phone, channel: 'sms', consent: { contact: true }, contactConfirmed: true, ...extra },
      token,
    );
    if (result.status !== 201) throw new Error(`createParticipant: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async record(participantId: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const result = await this.api<{ events: Array<{ type: string; data: Record<string, unknown> }> }>(
      'GET',
      `/api/participants/${participantId}/record`,
    );
    return result.body.events;
  }
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
/**
 * An error body without its `requestId`, after checking it has one: every answer has an id of its own, which says
 * nothing about the record, so answers are compared without it (the same 404 for a hidden record as an absent one).
 */
export function withoutRequestId(body: unknown): unknown {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error !== 'object') return body;
  if (typeof error.requestId !== 'string') throw new Error(`error body without a requestId: ${JSON.stringify(body)}`);
  const { requestId: _requestId, ...rest } = error;
  return { ...(body as object), error: rest };
}

export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export { ManualClock };
