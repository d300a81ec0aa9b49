import { describe, expect, it } from 'vitest';
import { isAcceptableSinkUrl, sinkWantsEvent } from './case-record-sink.js';

describe('the CRM sink rules', () => {
  it.each([
    ['https://crm.example.org/hooks/case-records', true],
    ['https://crm.example.org:8443/x?tenant=north', true],
    ['http://127.0.0.1:8080/receiver', true],
    ['http://localhost/receiver', true],
    ['http://crm.example.org/hooks', false],
    ['ftp://crm.example.org/hooks', false],
    ['not a url', false],
  ])('%s is an acceptable sink URL: %s', (url, ok) => {
    expect(isAcceptableSinkUrl(url)).toBe(ok);
  });

  it('takes every type without a filter, only the listed ones with one, and always an erasure', () => {
    expect(sinkWantsEvent(null, 'message.inbound')).toBe(true);
    expect(sinkWantsEvent(['appointment.created'], 'appointment.created')).toBe(true);
    expect(sinkWantsEvent(['appointment.created'], 'message.inbound')).toBe(false);
    expect(sinkWantsEvent(['appointment.created'], 'participant.erased')).toBe(true);
  });
});
