import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from './case-record.types.js';
import { withoutParticipantWords } from './participant-words.js';

const WORDS = 'my stepdad hits me and I want to end it all';

describe('withoutParticipantWords', () => {
  it('a safeguarding alert keeps its categories and rule names; the words leave the flags and the reason', () => {
    const data = {
      category: 'domestic_abuse',
      categories: ['suicide', 'domestic_abuse'],
      reason: 'domestic_abuse: person-with-power-hits "stepdad hits me"; suicide: intent-to-end-life "end it all"',
      flags: [
        { category: 'domestic_abuse', rule: 'person-with-power-hits', words: 'stepdad hits me' },
        { category: 'suicide', rule: 'intent-to-end-life', words: 'end it all' },
        { category: 'suicide', rule: 'intent-to-end-life', words: 'end it' },
      ],
      score: 0.91,
    };
    expect(withoutParticipantWords('safeguarding', data)).toEqual({
      category: 'domestic_abuse',
      categories: ['suicide', 'domestic_abuse'],
      reason: 'domestic_abuse: person-with-power-hits; suicide: intent-to-end-life',
      flags: [
        { category: 'domestic_abuse', rule: 'person-with-power-hits' },
        { category: 'suicide', rule: 'intent-to-end-life' },
        { category: 'suicide', rule: 'intent-to-end-life' },
      ],
      score: 0.91,
    });
  });

  it('an older safeguarding alert loses its matched phrases and keeps its categories', () => {
    expect(withoutParticipantWords('safeguarding', { categories: ['suicide'], matched: ['end it all'] })).toEqual({ categories: ['suicide'] });
    expect(withoutParticipantWords('safeguarding', { categories: ['suicide'], reason: 'suicide "end it all"' })).toEqual({ categories: ['suicide'], reason: 'suicide' });
  });

  it.each<[string, JsonObject, JsonObject]>([
    ['message_for_key_worker', { text: WORDS, sessionId: 's1' }, { sessionId: 's1' }],
    ['at_risk', { reason: 'struggling', sessionId: 's1', week: 2, campaignId: null, words: WORDS }, { reason: 'struggling', sessionId: 's1', week: 2, campaignId: null }],
    ['left_job', { jobStartId: 'j1', employer: 'Acme', words: WORDS, sessionId: null }, { jobStartId: 'j1', employer: 'Acme', sessionId: null }],
    ['job.left', { jobStartId: 'j1', reason: 'participant said they left', words: WORDS }, { jobStartId: 'j1', reason: 'participant said they left' }],
    ['wrong_number', { text: WORDS }, {}],
    ['contact.wrong_number', { text: WORDS }, {}],
    ['dna.reason', { followUpId: 'f1', words: WORDS, category: 'ill_health', byNumber: false }, { followUpId: 'f1', category: 'ill_health', byNumber: false }],
    ['checkin.response', { question: 'rating', rating: 2, words: WORDS }, { question: 'rating', rating: 2 }],
    ['pulse.response', { score: 3, previous: 5, answered: true, words: WORDS }, { score: 3, previous: 5, answered: true }],
    ['appointment.confirmed', { reply: WORDS, version: 1 }, { version: 1 }],
    ['appointment.cancel_requested', { reply: WORDS, version: 2, reason: WORDS }, { version: 2 }],
    ['appointment.cancel_requested', { reason: WORDS }, {}],
    ['cancel_requested', { appointmentId: 'a1', startsAt: '2027-01-01T10:00:00.000Z', reply: WORDS, reason: WORDS }, { appointmentId: 'a1', startsAt: '2027-01-01T10:00:00.000Z' }],
    ['rearrange_requested', { appointmentId: 'a1', preferred: WORDS, after: 'did_not_attend' }, { appointmentId: 'a1', after: 'did_not_attend' }],
    ['undeliverable', { messageId: 'm1', channel: 'sms', code: 21211, reason: 'bad number' }, { messageId: 'm1', channel: 'sms', code: 21211, reason: 'bad number' }],
    ['loop_detected', { sameText: 20, texts: 20, windowMinutes: 5 }, { sameText: 20, texts: 20, windowMinutes: 5 }],
  ])('%s keeps only what is not the participant\u2019s words', (type, data, expected) => {
    expect(withoutParticipantWords(type, data)).toEqual(expected);
  });

  it('an alert.raised event carrying a copy of its alert data is cleared the same way, nested or spread', () => {
    const nested = { alertId: 'x', type: 'cancel_requested', priority: 'normal', data: { reply: WORDS, reason: WORDS, appointmentId: 'a1' } };
    expect(withoutParticipantWords('alert.raised', nested)).toEqual({ alertId: 'x', type: 'cancel_requested', priority: 'normal', data: { appointmentId: 'a1' } });
    const spread = { alertId: 'y', type: 'safeguarding', priority: 'urgent', category: 'suicide', reason: 'suicide: plan "saving my tablets"', flags: [{ category: 'suicide', rule: 'plan', words: 'saving my tablets' }] };
    expect(withoutParticipantWords('alert.raised', spread)).toEqual({ alertId: 'y', type: 'safeguarding', priority: 'urgent', category: 'suicide', reason: 'suicide: plan', flags: [{ category: 'suicide', rule: 'plan' }] });
  });

  it('leaves no text of a word field anywhere, and applying it twice changes nothing more', () => {
    const secret = 'zq-participant-words-zq';
    const key = fc.constantFrom('text', 'words', 'matched', 'reply', 'preferred', 'reason', 'category', 'rule', 'flags', 'data', 'score');
    const value: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(secret),
        fc.integer(),
        fc.constantFrom('suicide', 'intent', null, true),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    // The secret only ever sits in a word field (or a reason of a word-reason or safeguarding type).
    const plant = (v: JsonValue, inWordField: boolean): JsonValue => {
      if (Array.isArray(v)) return v.map((item) => plant(item, inWordField));
      if (v !== null && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, plant(item, ['text', 'words', 'matched', 'reply', 'preferred', 'reason'].includes(k) || inWordField)]));
      }
      return v === secret && !inWordField ? 'x' : v;
    };
    fc.assert(
      fc.property(fc.constantFrom('safeguarding', 'cancel_requested', 'appointment.cancel_requested'), fc.dictionary(key, value, { maxKeys: 5 }), (type, raw) => {
        const data = plant(raw, false) as JsonObject;
        const cleared = withoutParticipantWords(type, data);
        expect(JSON.stringify(cleared)).not.toContain(secret);
        expect(withoutParticipantWords(type, cleared)).toEqual(cleared);
      }),
    );
  });
});
