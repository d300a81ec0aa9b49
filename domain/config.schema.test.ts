import { describe, expect, it } from 'vitest';
import { minimumSafeWaitMs, RECONCILE_SAFE_WAIT_MS } from './sending/send-reconcile.js';
import { ConfigError, loadConfig } from './config.schema.js';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'secret',
  TWILIO_SMS_FROM: '+447700900000',
  ADMIN_TOKEN: 'x'.repeat(32),
};

describe('configuration', () => {
  it('runs in sandbox mode with the contract defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: 'http://localhost:3978',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TWILIO_API_BASE_URL: 'https://api.twilio.com',
      PROGRAMME_TIMEZONE: 'Europe/London',
      DATA_DIR: './data',
      redisDefaulted: true,
      WORKERS_PORT: 3979,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      sandbox: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('follows PORT in the default public URL and drops a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/' }).PUBLIC_BASE_URL).toBe('https://bot.example.org');
  });

  it('says whether REDIS_URL was left to its default (only then may npm start run a private redis-server)', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisDefaulted).toBe(false);
    expect(loadConfig({ REDIS_URL: '' }).redisDefaulted).toBe(true);
  });

  it('is in Twilio mode with credentials', () => {
    expect(loadConfig(TWILIO).sandbox).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ WORKERS_PORT: '70000' }, 'WORKERS_PORT'],
    [{ WORKERS_PORT: '3978' }, 'WORKERS_PORT'],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, 'SHUTDOWN_TIMEOUT_MS'],
    [{ PROGRAMME_TIMEZONE: 'Mars/Olympus' }, 'PROGRAMME_TIMEZONE'],
    [{ TWILIO_ACCOUNT_SID: 'nope' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` }, 'TWILIO_AUTH_TOKEN'],
    [{ ...TWILIO, ADMIN_TOKEN: undefined }, 'ADMIN_TOKEN'],
    [{ ...TWILIO, TWILIO_SMS_FROM: undefined }, 'TWILIO_MESSAGING_SERVICE_SID'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ OUTBOUND_RATE_PER_SECOND: '0' }, 'OUTBOUND_RATE_PER_SECOND'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1,,10.0.0.2' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '300.1.1.1' }, 'TRUST_PROXY'],
  ])('refuses %o with one line naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('reads TRUST_PROXY as nobody, a hop count or the load balancers\' addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8' }).TRUST_PROXY).toEqual({
      kind: 'addresses',
      ranges: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    });
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual({ kind: 'addresses', ranges: ['loopback'] });
  });

  it('takes a queue prefix with a hash tag, for a clustered Redis, and nothing else in braces', () => {
    expect(loadConfig({ QUEUE_PREFIX: '{bot}' }).QUEUE_PREFIX).toBe('{bot}');
    expect(loadConfig({ QUEUE_PREFIX: 'north-bot' }).QUEUE_PREFIX).toBe('north-bot');
    for (const bad of ['{bot', 'b{o}t', '{}', 'bot:1', '{a}{b}']) expect(() => loadConfig({ QUEUE_PREFIX: bad }), bad).toThrow(/QUEUE_PREFIX/);
  });

  it('names what TRUST_PROXY may be when it is wrong', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'load-balancer' })).toThrow(
      'Invalid configuration: TRUST_PROXY must be a hop count from 1 to 10, or comma-separated IP addresses or CIDRs',
    );
  });

  it('takes a Twilio request timeout from 1 to 30 seconds, 10 by default, so the reconcile safe wait outlasts it', () => {
    expect(loadConfig({}).TWILIO_REQUEST_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig({ TWILIO_REQUEST_TIMEOUT_MS: '2500' }).TWILIO_REQUEST_TIMEOUT_MS).toBe(2_500);
    expect(() => loadConfig({ TWILIO_REQUEST_TIMEOUT_MS: '999' })).toThrow(/TWILIO_REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ TWILIO_REQUEST_TIMEOUT_MS: '30001' })).toThrow(/TWILIO_REQUEST_TIMEOUT_MS/);
    expect(RECONCILE_SAFE_WAIT_MS).toBeGreaterThanOrEqual(minimumSafeWaitMs(30_000));
  });
});
