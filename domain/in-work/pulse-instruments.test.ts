import { describe, expect, it } from 'vitest';
import {
  findInstrument,
  instrumentProblem,
  JOB_CONFIDENCE_ID,
  PULSE_INSTRUMENTS,
  type PulseInstrument,
  type PulseQuestion,
} from './pulse-instruments.js';
import { pulseQuestionText } from '../wording/in-work-wording.js';

const question = (over: Partial<PulseQuestion> = {}): PulseQuestion => ({
  id: 'q',
  label: 'A question',
  min: 1,
  max: 5,
  ...over,
});
const instrument = (questions: PulseQuestion[]): PulseInstrument => ({ id: 'test', name: 'Test', questions });

describe('the shipped pulse instruments', () => {
  it.each(PULSE_INSTRUMENTS.map((i) => [i.id, i] as const))('%s keeps the rules', (_id, i) => {
    expect(instrumentProblem(i)).toBeNull();
  });

  it('have distinct ids, and each is found by its id', () => {
    const ids = PULSE_INSTRUMENTS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of PULSE_INSTRUMENTS) expect(findInstrument(i.id)).toBe(i);
  });

  it('have question ids distinct across instruments too, so a score is never compared with another question', () => {
    const ids = PULSE_INSTRUMENTS.flatMap((i) => i.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the job-confidence item is one question on 0 to 6, a concern at 2 or below', () => {
    const job = findInstrument(JOB_CONFIDENCE_ID);
    expect(job?.questions).toHaveLength(1);
    expect(job?.questions[0]).toMatchObject({ id: 'still-in-job-12-months', min: 0, max: 6, concernAtOrBelow: 2 });
  });

  it.each(PULSE_INSTRUMENTS.flatMap((i) => i.questions.map((q) => [q.id, i.id, q] as const)))(
    '%s says its scale and what both ends of it mean, and its concern line is on the scale',
    (_id, instrumentId, q) => {
      const text = pulseQuestionText('en', instrumentId, q);
      expect(text).toContain(`${q.min} to ${q.max}`);
      expect(text).toContain(`${q.min} is `);
      expect(text).toContain(`${q.max} is `);
      if (q.concernAtOrBelow !== undefined) {
        expect(q.concernAtOrBelow).toBeGreaterThanOrEqual(q.min);
        expect(q.concernAtOrBelow).toBeLessThan(q.max);
      }
    },
  );

  it('finds nothing for an unknown, null or missing id', () => {
    expect(findInstrument('nope')).toBeUndefined();
    expect(findInstrument(null)).toBeUndefined();
    expect(findInstrument(undefined)).toBeUndefined();
  });
});

describe('instrumentProblem', () => {
  it.each<[what: string, instrument: PulseInstrument, problem: string | null]>([
    ['one question', instrument([question()]), null],
    ['three questions', instrument([question({ id: 'a' }), question({ id: 'b' }), question({ id: 'c' })]), null],
    ['no questions', instrument([]), 'must have one to three questions'],
    ['four questions', instrument(['a', 'b', 'c', 'd'].map((id) => question({ id }))), 'must have one to three questions'],
    ['the same id twice', instrument([question({ id: 'a' }), question({ id: 'a' })]), 'question ids must be distinct'],
    ['a two-point scale', instrument([question({ min: 1, max: 2 })]), 'question q needs a whole-number scale of at least three points within 0 to 10'],
    ['a scale past 10', instrument([question({ min: 0, max: 11 })]), 'question q needs a whole-number scale of at least three points within 0 to 10'],
    ['a negative scale', instrument([question({ min: -1, max: 3 })]), 'question q needs a whole-number scale of at least three points within 0 to 10'],
    ['a fractional scale', instrument([question({ min: 0.5, max: 5 })]), 'question q needs a whole-number scale of at least three points within 0 to 10'],
  ])('%s → %j', (_what, i, problem) => {
    expect(instrumentProblem(i)).toBe(problem);
  });
});
