import { randomBytes } from 'node:crypto';
import type { MessageTransport, OutboundSend } from '../../domain/sending/delivery.js';

/**
 * Sandbox mode: nothing leaves the machine. The message row itself is the sandbox outbox
 * (`GET /api/sandbox/outbox`), so "sending" only gives it a sid and marks it delivered.
 */
export class SandboxTransport implements MessageTransport {
  async send(_message: OutboundSend): Promise<{ sid: string; status: string }> {
    return { sid: `SM${randomBytes(16).toString('hex')}`, status: 'delivered' };
  }
}
