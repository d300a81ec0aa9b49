import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_SIGN_INS_PER_MINUTE } from '../../bot/rate-limiter.js';
import { TestApp } from '../test-app.js';

describe('security: headers, audit log, sign-in rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
  });
  afterAll(async () => app?.close());

  it('every answer carries the security headers; API answers are never cached', async () => {
    for (const path of ['/healthz', '/api/participants', '/nowhere']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    }
    expect((await fetch(`${app.url}/api/participants`)).headers.get('cache-control')).toBe('no-store');
  });

  it('the audit log says who read or changed which record', async () => {
    const kw = await app.createStaff('key_worker', 'Priya', 'Audit');
    const sam = await app.createParticipant('07700 900991', kw.token);
    await app.api('GET', `/api/participants/${sam.id}`, undefined, kw.token);
    await app.api('PATCH', `/api/participants/${sam.id}`, { language: 'cy' }, kw.token);
    const nosy = await app.createStaff('key_worker', 'Nosy', 'Audit');
    await app.api('GET', `/api/participants/${sam.id}/record`, undefined, nosy.token);

    const log = await app.api<Array<{ staffId: string; method: string; route: string; subjectId: string; status: number }>>(
      'GET',
      `/api/audit?subjectId=${sam.id}`,
    );
    expect(log.status).toBe(200);
    expect(log.body.map((e) => [e.staffId, e.method, e.route, e.status]).reverse()).toEqual([
      [kw.id, 'GET', '/api/participants/:id', 200],
      [kw.id, 'PATCH', '/api/participants/:id', 200],
      [nosy.id, 'GET', '/api/participants/:id/record', 404],
    ]);
    expect((await app.api('GET', '/api/audit', undefined, kw.token)).status).toBe(403);
  });

  it(`turns an address away after ${FAILED_SIGN_INS_PER_MINUTE} wrong tokens in a minute`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE + 1; i++) {
      statuses.push((await app.api('GET', '/api/participants', undefined, `ebt_${'0'.repeat(16)}_${'x'.repeat(43)}`)).status);
    }
    // Earlier tests in this file already spent a few wrong tokens from this address in this window.
    const unauthorised = statuses.filter((s) => s === 401).length;
    expect(unauthorised).toBeGreaterThan(FAILED_SIGN_INS_PER_MINUTE - 10);
    expect(unauthorised).toBeLessThanOrEqual(FAILED_SIGN_INS_PER_MINUTE + 1);
    expect(statuses.indexOf(429)).toBe(unauthorised);
    expect(statuses.at(-1)).toBe(429);
    const response = await fetch(`${app.url}/api/participants`, { headers: { Authorization: 'Bearer wrong' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
  });
});
