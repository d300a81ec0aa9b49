import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../tcp-proxy.js';
import { eventually, TestApp } from '../test-app.js';

describe('PostgreSQL unavailable for a while', () => {
  const proxy = new TcpProxy(5432);
  let app: TestApp;
  let sam: { id: string };

  beforeAll(async () => {
    await proxy.start();
    app = await TestApp.start({ postgresPort: proxy.port });
    sam = await app.createParticipant('07700 900995');
  });
  afterAll(async () => {
    await app?.close();
    await proxy.stop();
  });

  it('webhooks answer 503 so Twilio retries, nothing is half-written, and it recovers without a restart', async () => {
    proxy.cut();
    const during = await app.inbound('+447700900995', 'Can I change my appointment?', { sid: `SM${'a'.repeat(32)}` });
    expect(during.response.status).toBe(503);
    expect(during.response.headers.get('retry-after')).toBeTruthy();
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    const api = await app.api('GET', '/api/participants');
    expect(api.status).toBe(503);

    proxy.restore();
    // Twilio retries the same message: stored once, answered once.
    const retried = await eventually(async () => {
      const attempt = await app.inbound('+447700900995', 'Can I change my appointment?', { sid: `SM${'a'.repeat(32)}` });
      return attempt.response.status === 200 && attempt;
    }, 20_000, 'the webhook to recover');
    expect(retried.text).toContain('<Response/>');
    const [reply] = await app.twilio.waitForMessages(1, 15_000);
    expect(reply?.form.To).toBe('+447700900995');
    const events = await app.record(sam.id);
    expect(events.filter((e) => e.type === 'message.inbound')).toHaveLength(1);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});
