import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { runInRequest } from './request-context.js';

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

  it('carry the id of the request being handled, child loggers and work started by the request included', async () => {
    const lines: Array<{ msg: string; requestId?: string; part?: string }> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as { msg: string; requestId?: string });
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info('outside');
    await runInRequest({ requestId: 'req-1' }, async () => {
      logger.info('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ part: 'queue' }).warn('later, from a child');
    });
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['outside', undefined],
      ['inside', 'req-1'],
      ['later, from a child', 'req-1'],
    ]);
  });
});
