import { describe, it, expect } from 'vitest';
import type { TurnInput } from '../domain/conversation/conversation.types.js';
import { passedOnToKeyWorker } from '../domain/wording/wording.js';
import { freeTextDialog } from './free-text.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const participant = participantContext({ keyWorkerName: null, programmeName: 'Restart' });
const turn = (text: string, optedOut: boolean): TurnInput => ({
  text,
  participant: { ...participant, optedOut },
  memory: {},
  now: NOW,
  appointments: [],
  dnaFollowUp: null,
});

describe('free-text dialog', () => {
  it.each([
    // participant says, opted out?, bot replies
    ['Can I bring my daughter to the next session?', false, [passedOnToKeyWorker(participant)]],
    ['  my new number is on the form  ', false, [passedOnToKeyWorker(participant)]],
    ['Got a job interview Thursday!', true, []],
  ] as const)('%j (opted out: %s) → kept for the key worker', (says, optedOut, replies) => {
    expect(freeTextDialog(turn(says, optedOut))).toEqual({
      replies: replies.map((text) => ({ kind: 'reply', text })),
      events: [],
      alerts: [{ type: 'message_for_key_worker', key: 'free-text', data: { text: says } }],
      memory: {},
    });
  });
});
