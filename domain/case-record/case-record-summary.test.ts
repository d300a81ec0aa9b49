import { describe, expect, it } from 'vitest';
import { caseRecordSummary } from './case-record-summary.js';

describe('the summary of a case-record event', () => {
  it.each([
    ['message.inbound', { body: 'yes see you then' }, 'Texted us: “yes see you then”'],
    ['appointment.created', { title: 'Review', startsAt: '2026-03-02T10:00:00.000Z', location: 'Leeds' }, 'Appointment booked: Review, 2026-03-02T10:00:00.000Z, Leeds'],
    ['dna.reason', { category: 'ill_health', words: 'I was poorly' }, 'Said why they missed it: ill health, “I was poorly”'],
    ['checkin.response', { question: 'still_in_work', answer: 'yes', sustainment: true }, 'Answered a check-in: still in work'],
    ['checkin.response', { question: 'how', rating: 'struggling' }, 'Answered a check-in: going struggling'],
    ['pulse.response', { questionId: 'coping', score: 4, answered: true }, 'Answered a confidence question: coping 4'],
    ['job.started', { employer: 'Greggs', startDate: '2026-03-02' }, 'Started a job: Greggs, from 2026-03-02'],
    ['alert.raised', { type: 'dna_threshold' }, 'Alert raised: dna threshold'],
    ['appointment.attended', {}, 'Attended'],
    ['something.new', {}, 'something.new'],
  ])('%s %j reads "%s"', (type, data, expected) => {
    expect(caseRecordSummary(type, data)).toBe(expected);
  });
});
