import { describe, it, expect } from 'vitest';
import type { ParticipantContext, TurnInput } from '../domain/conversation.types.js';
import { crisisSignposting } from '../domain/wording.js';
import { safeguardingDialog } from './safeguarding.dialog.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const participant: ParticipantContext = {
  id: 'p-1',
  firstName: 'Sam',
  language: 'en',
  channel: 'sms',
  optedOut: false,
  keyWorkerName: 'Priya',
  programmeName: 'Work and Health Programme',
};
const turn = (text: string, optedOut = false): TurnInput => ({
  text,
  participant: { ...participant, optedOut },
  memory: { awaiting: 'reminder-reply' },
  now: NOW,
  appointments: [],
  dnaFollowUp: null,
});

describe('safeguarding dialog', () => {
  it.each([
    // participant says, opted out?, alert data
    ['I want to kill myself', false, { categories: ['suicide'], matched: ['kill myself'] }],
    ['he hits me', false, { categories: ['abuse'], matched: ['he hits me'] }],
    ["I'm going to hurt someone", false, { categories: ['violence'], matched: ["i'm going to hurt someone"] }],
    ['I want to die', true, { categories: ['suicide'], matched: ['want to die'] }],
    ['STOP I want to end it all', false, { categories: ['suicide'], matched: ['end it all', 'want to end it'] }],
  ] as const)('%j (opted out: %s) → crisis signposting and an urgent alert', (says, optedOut, data) => {
    expect(safeguardingDialog(turn(says, optedOut))).toEqual({
      replies: [{ kind: 'crisis', text: crisisSignposting(participant) }],
      events: [],
      alerts: [{ type: 'safeguarding', key: 'safeguarding', data }],
      memory: { awaiting: 'reminder-reply' },
    });
  });

  it.each(['yes', 'STOP', 'this job is killing me', 'can I change my appointment?', ''])(
    '%j is not for this dialog',
    (says) => {
      expect(safeguardingDialog(turn(says))).toBeNull();
    },
  );
});
