import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as keys from './job-keys.js';

const id = fc.uuid();

describe('job ids and source keys', () => {
  it('builds the ids the queues and the sweep have always used, so jobs already in Redis keep their ids', () => {
    const a = '0b8f0f5e-1d8b-4c1e-9a55-0e6f5c1c2d3e';
    expect(keys.reminderJobId(a, 2, 'P1D')).toBe(`appt-${a}-v2-P1D`);
    expect(keys.checkInJobId(a)).toBe(`checkin-${a}`);
    expect(keys.followUpJobId(a, 1)).toBe(`followup-${a}-step1`);
    expect(keys.campaignJobId(a, a, 0)).toBe(`campaign-${a}-${a}-e0`);
    expect(keys.turnJobId('SM123')).toBe('inbound-SM123');
    expect(keys.crmDeliveryJobId({ sinkId: 'crm', participantId: a, eventId: '42', attempts: 3 })).toBe(`crm-crm-${a}-e42-a3`);
    expect(keys.sourceKeys.reminder(keys.reminderJobId(a, 1, 'PT2H'))).toBe(`reminder-appt-${a}-v1-PT2H`);
    expect(keys.sourceKeys.writebackEvent(`inbound-SM1`, 'reminder.sent', 'sent')).toBe('inbound-SM1/reminder.sent/sent');
  });

  it('never puts a `:` in a job id (BullMQ refuses them), for any ids and ISO offsets (property)', () => {
    fc.assert(
      fc.property(id, id, fc.nat(1000), fc.constantFrom('P2D', 'PT2H', 'P1DT30M', 'PT15M'), (a, b, n, offset) => {
        const ids = [
          keys.turnJobId(`SM${a.replaceAll('-', '')}`),
          keys.writebackJobId(a),
          keys.sendJobId(a),
          keys.escalationJobId(a),
          keys.crmDeliveryJobId({ sinkId: 'crm', participantId: a, eventId: String(n), attempts: n }),
          keys.reminderJobId(a, n, offset),
          keys.checkInJobId(a),
          keys.followUpJobId(a, n),
          keys.campaignJobId(a, b, n),
          keys.campaignFanoutJobId(a, n),
        ];
        for (const jobId of ids) expect(jobId).not.toContain(':');
        // Different kinds of job never share an id.
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 200 },
    );
  });
});
