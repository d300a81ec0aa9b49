import { describe, expect, it } from 'vitest';
import { statusParams } from '../../test/twilio-signer.js';
import { MESSAGE_STATUSES } from './message-status.js';
import { parseStatusCallback } from './status.schema.js';

const SID = `SM${'f'.repeat(32)}`;
const base = statusParams({ sid: SID, status: 'delivered', to: '+447700900123' });

describe('parseStatusCallback', () => {
  it.each(MESSAGE_STATUSES)('accepts %s', (status) => {
    const result = parseStatusCallback({ ...base, MessageStatus: status });
    expect(result.success).toBe(true);
    expect(result.data?.status).toBe(status);
  });

  it('reads a failure with its error code', () => {
    const form = statusParams({ sid: SID, status: 'undelivered', to: '+447700900123', errorCode: 30003, errorMessage: 'Unreachable' });
    expect(parseStatusCallback(form).data).toEqual({
      messageSid: SID,
      status: 'undelivered',
      errorCode: 30003,
      errorMessage: 'Unreachable',
      accountSid: base.AccountSid,
      to: '+447700900123',
      from: '+447700900000',
    });
  });

  it('reads a WhatsApp read receipt', () => {
    const form = statusParams({ sid: SID, status: 'read', to: '+447700900123', whatsapp: true });
    expect(parseStatusCallback(form).data).toMatchObject({ status: 'read', to: 'whatsapp:+447700900123' });
  });

  it('treats an empty ErrorCode as none', () => {
    expect(parseStatusCallback({ ...base, ErrorCode: '' }).data?.errorCode).toBeUndefined();
  });

  it('drops NUL characters PostgreSQL cannot store; nothing but NUL is nothing', () => {
    const form = { ...base, MessageStatus: 'failed', ErrorMessage: 'Unreach\u0000able', To: '\u0000' };
    expect(parseStatusCallback(form).data).toMatchObject({ errorMessage: 'Unreachable' });
    expect(parseStatusCallback(form).data?.to).toBeUndefined();
  });

  it('needs only MessageSid and MessageStatus', () => {
    expect(parseStatusCallback({ MessageSid: SID, MessageStatus: 'sent' }).data).toEqual({ messageSid: SID, status: 'sent' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown status', { ...base, MessageStatus: 'bounced' }, 'MessageStatus'],
    ['an upper-case status', { ...base, MessageStatus: 'DELIVERED' }, 'MessageStatus'],
    ['a missing status', { MessageSid: SID }, 'MessageStatus'],
    ['a missing MessageSid', { MessageStatus: 'sent' }, 'MessageSid'],
    ['a bad MessageSid', { ...base, MessageSid: 'hello' }, 'MessageSid'],
    ['a non-numeric ErrorCode', { ...base, ErrorCode: '30003x' }, 'ErrorCode'],
  ])('rejects %s', (_name, form, field) => {
    const result = parseStatusCallback(form);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});
