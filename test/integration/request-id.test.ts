import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import { TcpProxy } from '../tcp-proxy.js';
import { ADMIN_TOKEN, TestApp } from '../test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface LogLine {
  msg: string;
  requestId?: string;
  route?: string;
}

describe('request ids', () => {
  let app: TestApp;
  // PostgreSQL through a proxy the test cuts: a request then fails, and logs why while it is being handled.
  const proxy = new TcpProxy(5432);
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  beforeAll(async () => {
    await proxy.start();
    app = await TestApp.start({ workers: false, webLogger: createLogger('info', sink), postgresPort: proxy.port });
  });
  afterAll(async () => {
    await app?.close();
    await proxy.stop();
  });

  const listParticipants = (requestId?: string) =>
    fetch(`${app.url}/api/participants`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(requestId !== undefined && { 'X-Request-Id': requestId }) },
    });

  /** The request-finished line is written as the answer goes out, so it may follow the client's read by a moment. */
  const linesOf = async (requestId: string) => {
    for (let i = 0; i < 100 && !lines.some((l) => l.requestId === requestId && l.msg === 'request finished'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return lines.filter((l) => l.requestId === requestId);
  };

  it('keeps a sane incoming X-Request-Id, echoes it and puts it on every log line of the request', async () => {
    const ok = await listParticipants('lb-7f3a.91:1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe('lb-7f3a.91:1');
    expect((await linesOf('lb-7f3a.91:1')).map((l) => l.msg)).toEqual(['request finished']);
    const audit = await app.api<Array<{ route: string; requestId: string | null }>>('GET', '/api/audit?limit=5');
    expect(audit.body.map((e) => e.requestId)).toContain('lb-7f3a.91:1');

    proxy.cut();
    try {
      const failed = await listParticipants('lb-7f3a.91:2');
      expect(failed.status).toBe(503);
      expect(failed.headers.get('x-request-id')).toBe('lb-7f3a.91:2');
      expect(((await failed.json()) as { error: { requestId: string } }).error.requestId).toBe('lb-7f3a.91:2');
    } finally {
      proxy.restore();
    }
    expect((await linesOf('lb-7f3a.91:2')).map((l) => l.msg)).toEqual(['API request failed', 'request finished']);
    expect(lines.filter((l) => l.msg === 'API request failed' && l.requestId === undefined)).toEqual([]);
  });

  it.each([
    ['too long', 'x'.repeat(101)],
    ['with spaces', 'my id'],
    ['with a control character', 'a\tb'],
    ['with markup', '<script>'],
    ['empty', ''],
  ])('replaces an incoming id %s with one of its own', async (_what, incoming) => {
    const response = await listParticipants(incoming);
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(UUID);
    expect((await linesOf(requestId)).map((l) => l.msg)).toContain('request finished');
    expect(lines.some((l) => l.requestId === incoming)).toBe(false);
  });

  it('makes one when none comes, for every request', async () => {
    const first = await fetch(`${app.url}/healthz`);
    const second = await fetch(`${app.url}/healthz`);
    expect(first.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it('error bodies carry the request id: API errors, validation, unknown routes and bad JSON alike', async () => {
    const cases: Array<[string, RequestInit, number]> = [
      ['/api/participants/4f1e8a52-0c7e-4f43-9a55-2b1d7d5e1a10', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }, 404],
      ['/api/participants', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: '{}' }, 400],
      ['/api/participants', {}, 401],
      ['/api/nowhere', {}, 404],
      ['/api/participants', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: '{"a":' }, 400],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${app.url}${path}`, { ...init, headers: { ...init.headers, 'X-Request-Id': `case-${status}-${path.length}` } });
      const body = (await response.json()) as { error: { code: string; requestId?: string } };
      expect([path, response.status]).toEqual([path, status]);
      expect(body.error.requestId).toBe(`case-${status}-${path.length}`);
      expect(response.headers.get('x-request-id')).toBe(`case-${status}-${path.length}`);
    }
  });
});
