import type { ParticipantContext } from '../domain/conversation/conversation.types.js';

/** Sam, whom the dialog tests talk to: SMS, English, with a key worker. A test overrides only what it is about. */
export function participantContext(overrides: Partial<ParticipantContext> = {}): ParticipantContext {
  return {
    id: 'p-1',
    firstName: 'Sam',
    language: 'en',
    channel: 'sms',
    optedOut: false,
    keyWorkerName: 'Priya',
    programmeName: 'Work and Health Programme',
    timeZone: 'Europe/London',
    ...overrides,
  };
}
