import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('logs', () => {
  it('never carry phone numbers, message bodies or tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ phone: '+447700900123', body: 'I was ill', token: 'ebt_secret' }, 'top level');
    logger.info({ message: { phone: '+447700900123', body: 'I was ill', From: '+447700900123' } }, 'nested');
    logger.info({ req: { headers: { authorization: 'Bearer ebt_secret', 'x-twilio-signature': 'sig' } } }, 'request');
    const output = lines.join('');
    expect(output).toContain('top level');
    expect(output).not.toContain('+447700900123');
    expect(output).not.toContain('I was ill');
    expect(output).not.toContain('ebt_secret');
    expect(output).not.toContain('sig"');
  });
});
