import { describe, expect, it } from 'vitest';
import type { TurnResult } from './conversation.types.js';
import { turnWriteback, type TurnSource } from './turn-writeback.js';

const NOW = new Date('2026-03-02T10:15:00Z');
const source: TurnSource = { participantId: 'p-1', sourceKey: 'inbound-SM1', now: NOW, channel: 'whatsapp', answeredWelcome: false };
const result: TurnResult = {
  replies: [{ kind: 'reply', text: 'Thanks, see you on Monday.' }],
  events: [{ type: 'appointment.confirmed', key: 'confirm', appointmentId: 'a-1', data: {} }],
  alerts: [{ type: 'rearrange_requested', key: 'rearrange', data: { appointmentId: 'a-1' } }],
  memory: { reminderReply: { asked: 'confirm' } },
  consent: 'opted_out',
  wrongNumber: true,
  session: { id: 's-1', status: 'completed', step: 'done', stepIndex: 2, retries: 0, answers: {}, responded: true },
  leftJob: { jobStartId: 'j-1' },
};

describe('turnWriteback', () => {
  it('keys the turn by the text it answered and carries its replies, events and alerts as the dialog made them', () => {
    expect(turnWriteback(result, source)).toEqual({
      participantId: 'p-1',
      sourceKey: 'inbound-SM1',
      at: '2026-03-02T10:15:00.000Z',
      events: result.events,
      alerts: result.alerts,
      replies: result.replies,
      replyChannel: 'whatsapp',
    });
  });

  it('adds one contact.confirmed when the text answered the welcome, after the dialog’s own events', () => {
    const payload = turnWriteback(result, { ...source, answeredWelcome: true });
    expect(payload.events.map((e) => e.type)).toEqual(['appointment.confirmed', 'contact.confirmed']);
    expect(payload.events[1]).toEqual({ type: 'contact.confirmed', key: 'welcome', data: { by: 'reply' } });
    expect(result.events).toHaveLength(1);
  });

  it('leaves consent, memory and in-work changes to the turn itself, so the case record is only written once', () => {
    const payload = turnWriteback(result, source);
    expect(payload).not.toHaveProperty('consent');
    expect(payload).not.toHaveProperty('memory');
    expect(payload).not.toHaveProperty('session');
  });

  it('writes a turn nobody answered as an empty entry that still marks the text handled', () => {
    const silent: TurnResult = { replies: [], events: [], alerts: [], memory: {} };
    expect(turnWriteback(silent, source)).toMatchObject({ events: [], alerts: [], replies: [], sourceKey: 'inbound-SM1' });
  });
});
