import type { NewParticipant } from '../store/participant.repository.js';

/**
 * A participant for a test to store: Sam, on SMS in English, with no key worker or team, consent on the public-task
 * basis; `overrides` sets what the test cares about (a phone of its own, a team, the consent time).
 */
export function participantRow(overrides: Partial<NewParticipant> = {}): NewParticipant {
  return {
    firstName: 'Sam',
    phone: '+447700900123',
    channel: 'sms',
    language: 'en',
    keyWorkerId: null,
    team: null,
    referredAt: null,
    consentBasis: 'public_task',
    consentAt: new Date('2026-01-05T10:00:00Z'),
    ...overrides,
  };
}
