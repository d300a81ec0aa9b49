import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_SIGN_INS_PER_MINUTE } from '../../bot/rate-limiter.js';
import { ManualClock } from '../../domain/time/clock.js';
import { ADMIN_TOKEN, eventually, TestApp } from '../test-app.js';

const WRONG_TOKEN = `Bearer ebt_${'0'.repeat(16)}_${'x'.repeat(43)}`;

/** Everything here reaches the app from 127.0.0.1; X-Forwarded-For says what a load balancer (or a liar) claims. */
async function get(app: TestApp, path: string, authorization: string, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${app.url}${path}`, {
    headers: { Authorization: authorization, ...(forwardedFor !== undefined && { 'X-Forwarded-For': forwardedFor }) },
  });
  await response.arrayBuffer();
  return response.status;
}

async function auditedAddresses(app: TestApp, staffId: string, count: number): Promise<string[]> {
  const log = await eventually(async () => {
    const answer = await app.api<Array<{ clientAddress: string | null }>>('GET', `/api/audit?staffId=${staffId}`);
    return answer.status === 200 && answer.body.length >= count && answer.body;
  });
  return log.map((entry) => entry.clientAddress ?? 'none').reverse();
}

describe('TRUST_PROXY unset: X-Forwarded-For is not believed', () => {
  let app: TestApp;
  const clock = new ManualClock(new Date('2026-03-10T10:00:05.000Z'));
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, clock });
  });
  afterAll(async () => app?.close());

  it('a new forged address on every try does not dodge the sign-in limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE + 1; i++) {
      statuses.push(await get(app, '/api/participants', WRONG_TOKEN, `203.0.113.${i % 250}`));
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(FAILED_SIGN_INS_PER_MINUTE + 1);
    expect(statuses.at(-1)).toBe(429);
  });

  it('the audit log shows the socket address, not the forged one', async () => {
    clock.advance(60_000);
    const kw = await app.createStaff('key_worker', 'Priya', 'Proxy');
    expect(await get(app, '/api/participants', `Bearer ${kw.token}`, '203.0.113.50')).toBe(200);
    expect(await auditedAddresses(app, kw.id, 1)).toEqual(['127.0.0.1']);
  });
});

describe('TRUST_PROXY as a hop count', () => {
  let app: TestApp;
  const clock = new ManualClock(new Date('2026-03-10T10:00:05.000Z'));
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, clock, env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => app?.close());

  it("limits the client the load balancer saw, not the load balancer, and ignores what the client adds on the left", async () => {
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE; i++) {
      expect(await get(app, '/api/participants', WRONG_TOKEN, `198.51.100.${i % 250}, 203.0.113.7`)).toBe(401);
    }
    expect(await get(app, '/api/participants', WRONG_TOKEN, '198.51.100.251, 203.0.113.7')).toBe(429);
    expect(await get(app, '/api/participants', WRONG_TOKEN, '203.0.113.7')).toBe(429);
    // Another person behind the same load balancer is not turned away with them.
    expect(await get(app, '/api/participants', WRONG_TOKEN, '203.0.113.8')).toBe(401);
    expect(await get(app, '/api/participants', `Bearer ${ADMIN_TOKEN}`, '203.0.113.8')).toBe(200);
  });

  it('the audit log shows the client the load balancer saw', async () => {
    const kw = await app.createStaff('key_worker', 'Priya', 'Proxy');
    expect(await get(app, '/api/participants', `Bearer ${kw.token}`, '198.51.100.1, 203.0.113.9')).toBe(200);
    expect(await get(app, '/api/participants', `Bearer ${kw.token}`, '203.0.113.10')).toBe(200);
    expect(await auditedAddresses(app, kw.id, 2)).toEqual(['203.0.113.9', '203.0.113.10']);
  });
});

describe('TRUST_PROXY as the load balancers\' CIDRs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, env: { TRUST_PROXY: '127.0.0.1/32, 10.0.0.0/8' } });
  });
  afterAll(async () => app?.close());

  it('walks back through the trusted proxies only, to the first address that is not one', async () => {
    const kw = await app.createStaff('key_worker', 'Priya', 'Proxy');
    expect(await get(app, '/api/participants', `Bearer ${kw.token}`, '198.51.100.1, 203.0.113.9, 10.0.0.5')).toBe(200);
    expect(await get(app, '/api/participants', `Bearer ${kw.token}`, '10.0.0.6')).toBe(200);
    expect(await auditedAddresses(app, kw.id, 2)).toEqual(['203.0.113.9', '10.0.0.6']);
  });
});
