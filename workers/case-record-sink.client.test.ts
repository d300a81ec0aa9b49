import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmReceiver } from '../test/crm-receiver.js';
import { postToSink } from './case-record-sink.client.js';

describe('posting one delivery to the CRM', () => {
  let receiver: CrmReceiver;
  beforeAll(async () => {
    receiver = await new CrmReceiver('client-test-secret-0123').start();
  });
  afterAll(async () => receiver?.stop());

  const post = (url: string, timeoutMs = 1000) =>
    postToSink({ url, body: '{"id":"1"}', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': '1' }, timeoutMs });

  it('reports the status the CRM answered with, 2xx or not', async () => {
    receiver.answer = () => 204;
    expect(await post(receiver.url)).toEqual({ kind: 'answered', status: 204 });
    receiver.answer = () => 503;
    expect(await post(receiver.url)).toEqual({ kind: 'answered', status: 503 });
    expect(receiver.deliveries.at(-1)).toMatchObject({ idempotencyKey: '1', body: '{"id":"1"}' });
  });

  it('counts a CRM that does not answer in time as no answer', async () => {
    receiver.answer = () => 'hold';
    const started = Date.now();
    expect(await post(receiver.url, 300)).toEqual({ kind: 'no_answer', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    receiver.dropHeld();
  });

  it('counts a refused connection as no answer, without the URL in the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await post(`http://127.0.0.1:${port}/x?token=abc`)).toEqual({ kind: 'no_answer', reason: 'ECONNREFUSED' });
  });

  it('does not follow a redirect: a 3xx is not accepted', async () => {
    const redirecting = createServer((_req, res) => {
      res.writeHead(302, { Location: receiver.url });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const before = receiver.deliveries.length;
    try {
      expect(await post(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/`)).toEqual({ kind: 'answered', status: 302 });
      expect(receiver.deliveries.length).toBe(before);
    } finally {
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    }
  });
});
