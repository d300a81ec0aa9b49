import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../test-app.js';

/** A port on 127.0.0.1 that nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the web role starting while Redis is away', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}/1` } });
  });
  afterAll(async () => app?.close());

  it('still starts, says Redis is down, and keeps a signed text', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ database: 'ok', redis: 'down' });

    await app.createParticipant('07700 900979');
    const { response } = await app.inbound('+447700900979', 'Is my appointment still on?');
    expect(response.status).toBe(200);
    const stored = await app.db.selectFrom('messages').select('body').where('direction', '=', 'inbound').execute();
    expect(stored.map((m) => m.body)).toEqual(['Is my appointment still on?']);
  });
});
