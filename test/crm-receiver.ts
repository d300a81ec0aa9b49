/**
 * A stand-in for a programme's CRM, for tests and benchmarks: an HTTP server on 127.0.0.1 that records every
 * delivery and answers as told (a status, or holding the request unanswered). It checks each X-Signature itself,
 * as a CRM would, with node:crypto, not with the bot's own signing code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  /** Arrival order across all requests. */
  seq: number;
  /** When it arrived (Date.now()). */
  at: number;
  path: string;
  idempotencyKey: string;
  signature: string;
  /** Whether X-Signature is a valid HMAC-SHA256 of "t.body" with the receiver's secret. */
  signatureValid: boolean;
  /** The `t=` of the signature, in unix seconds. */
  signedAt: number;
  body: string;
  payload: { id: string; type: string; at: string; participantId: string; appointmentId?: string; data: Record<string, unknown> };
  /** What the receiver did: an HTTP status, or `held` (never answered). */
  answer: number | 'held';
}

export type ReceiverAnswer = number | 'hold';

export class CrmReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  answer: (delivery: Omit<ReceivedDelivery, 'answer'>) => ReceiverAnswer = () => 200;
  #server: Server | undefined;
  #url = '';
  #held = new Set<ServerResponse>();
  #seq = 0;

  constructor(readonly secret: string) {}

  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/case-records`;
    return this;
  }

  /** Deliveries the receiver answered with a 2xx, in arrival order. */
  accepted(): ReceivedDelivery[] {
    return this.deliveries.filter((d) => typeof d.answer === 'number' && d.answer >= 200 && d.answer < 300);
  }

  heldCount(): number {
    return this.#held.size;
  }

  /** Cuts every held request (the client sees its connection reset). */
  dropHeld(): void {
    for (const res of this.#held) res.socket?.destroy();
    this.#held.clear();
  }

  async stop(): Promise<void> {
    this.dropHeld();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const signature = header(req, 'x-signature');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    const signedAt = match ? Number(match[1]) : NaN;
    const expected = match ? createHmac('sha256', this.secret).update(`${match[1]}.${body}`).digest() : undefined;
    const given = match ? Buffer.from(match[2] as string, 'hex') : undefined;
    let payload: ReceivedDelivery['payload'];
    try {
      payload = JSON.parse(body) as ReceivedDelivery['payload'];
    } catch {
      payload = { id: '', type: '', at: '', participantId: '', data: {} };
    }
    const delivery: Omit<ReceivedDelivery, 'answer'> = {
      seq: this.#seq++,
      at: Date.now(),
      path: req.url ?? '',
      idempotencyKey: header(req, 'idempotency-key'),
      signature,
      signatureValid: Boolean(expected && given && expected.length === given.length && timingSafeEqual(expected, given)),
      signedAt,
      body,
      payload,
    };
    const answer = this.answer(delivery);
    if (answer === 'hold') {
      this.deliveries.push({ ...delivery, answer: 'held' });
      this.#held.add(res);
      return;
    }
    this.deliveries.push({ ...delivery, answer });
    res.writeHead(answer, { 'Content-Type': 'application/json' });
    res.end(answer >= 200 && answer < 300 ? '{"ok":true}' : '{"error":"not now"}');
  }
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
