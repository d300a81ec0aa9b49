import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../tcp-proxy.js';
import { testRedisUrl } from '../test-database.js';
import { eventually, TestApp } from '../test-app.js';

describe('Redis unreachable for a while (a restart)', () => {
  // In front of the suite's Redis (TEST_REDIS_URL's port: 6379, or a redis-server of the suite's or a checkout's own).
  const proxy = new TcpProxy(Number(new URL(testRedisUrl()).port || 6379));
  let app: TestApp;
  let sam: { id: string };

  beforeAll(async () => {
    await proxy.start();
    const db = new URL(testRedisUrl()).pathname;
    app = await TestApp.start({ env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}${db}` } });
    sam = await app.createParticipant('07700 900996');
  });
  afterAll(async () => {
    proxy.restore();
    await app?.close();
    await proxy.stop();
  });

  it('texts are still accepted and stored; once Redis is back every one is answered once', async () => {
    proxy.cut();
    const texts = ['Is my appointment still on?', 'HELP'];
    for (const text of texts) {
      const { response } = await app.inbound('+447700900996', text);
      expect(response.status).toBe(200);
    }
    const stored = await app.db.selectFrom('messages').select('status').where('participant_id', '=', sam.id).where('direction', '=', 'inbound').execute();
    expect(stored).toHaveLength(2);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503);

    proxy.restore();
    await eventually(async () => app.twilio.accepted.filter((m) => m.form.To === '+447700900996').length === 2, 20_000, 'both replies');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.twilio.accepted.filter((m) => m.form.To === '+447700900996')).toHaveLength(2);
    const events = await app.record(sam.id);
    expect(events.filter((e) => e.type === 'message.inbound')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'message.outbound')).toHaveLength(2);
  });
});
