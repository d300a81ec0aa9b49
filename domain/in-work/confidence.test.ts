import { describe, expect, it } from 'vitest';
import { confidenceConcern, scoreTrend, type ConfidenceConcern } from './confidence.js';
import { CONFIDENCE_DROP_POINTS, findInstrument, JOB_CONFIDENCE_ID, type PulseQuestion } from './pulse-instruments.js';

const jobItem = findInstrument(JOB_CONFIDENCE_ID)?.questions[0] as PulseQuestion;
const coping = findInstrument('general-confidence')?.questions[0] as PulseQuestion;

describe('confidenceConcern', () => {
  it('a fall of two points is the drop that matters', () => {
    expect(CONFIDENCE_DROP_POINTS).toBe(2);
  });

  it.each<[score: number, previous: number | null, concern: ConfidenceConcern | null]>([
    [5, null, null],
    [6, 6, null],
    [4, 5, null], // a drop of 1
    [6, 3, null], // a rise
    [3, 5, { kind: 'dropped', by: 2, previous: 5 }],
    [1, 5, { kind: 'dropped', by: 4, previous: 5 }], // dropped, and low too: the drop says more
    [0, 6, { kind: 'dropped', by: 6, previous: 6 }],
    [2, null, { kind: 'low', atOrBelow: 2 }],
    [0, null, { kind: 'low', atOrBelow: 2 }],
    [2, 3, { kind: 'low', atOrBelow: 2 }], // a drop of 1 that lands on the concern line
    [2, 2, { kind: 'low', atOrBelow: 2 }],
    [3, null, null],
  ])('job confidence %i after %s → %j', (score, previous, concern) => {
    expect(confidenceConcern(jobItem, score, previous)).toEqual(concern);
  });

  it('a question with no concern line is a concern only when it drops', () => {
    expect(coping.concernAtOrBelow).toBeUndefined();
    expect(confidenceConcern(coping, 1, null)).toBeNull();
    expect(confidenceConcern(coping, 1, 2)).toBeNull();
    expect(confidenceConcern(coping, 1, 3)).toEqual({ kind: 'dropped', by: 2, previous: 3 });
  });
});

describe('scoreTrend', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 2, day, 17, 30));

  it('no scores: nothing to show', () => {
    expect(scoreTrend([])).toEqual({ latest: null, change: null });
  });

  it('one score: the latest, and no change yet', () => {
    expect(scoreTrend([{ at: at(1), score: 4 }])).toEqual({ latest: 4, change: null });
  });

  it('the latest by date and its change from the one before, in whatever order they come', () => {
    const points = [
      { at: at(15), score: 2 },
      { at: at(1), score: 5 },
      { at: at(8), score: 4 },
    ];
    expect(scoreTrend(points)).toEqual({ latest: 2, change: -2 });
    expect(points.map((p) => p.score)).toEqual([2, 5, 4]); // the caller's list is left as it was
  });

  it('a rise is a positive change', () => {
    expect(scoreTrend([{ at: at(1), score: 1 }, { at: at(8), score: 5 }])).toEqual({ latest: 5, change: 4 });
  });
});
