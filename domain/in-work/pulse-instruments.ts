/**
 * Confidence pulses, defined as data: one to three short questions, each on a small number scale. The words the
 * participant reads are in the message catalogue, one per language, as `pulse.question.{instrument}.{question}`
 * (domain/wording/messages/). Adding an instrument is adding an entry here and its questions to every catalogue (the tests
 * check every one against the rules below, the catalogues and the SMS segment budget). Scores are compared question by question over time, so a question's id and scale never change
 * once it is in use: add a new question instead.
 */
export interface PulseQuestion {
  /** Stable id, unique within the instrument. */
  id: string;
  /** A few words for staff (charts, CSV headers). */
  label: string;
  min: number;
  max: number;
  /** A score at or below this is a concern in itself, whatever came before (e.g. 2 on the 0–6 job item). */
  concernAtOrBelow?: number;
}

export interface PulseInstrument {
  id: string;
  name: string;
  questions: readonly PulseQuestion[];
}

/** A fall of this much from the previous answer to the same question raises `confidence_drop`. */
export const CONFIDENCE_DROP_POINTS = 2;

export const JOB_CONFIDENCE_ID = 'job-confidence';

/**
 * The 0–6 job-confidence item: the strongest single predictor of staying in work in the programme's own data
 * (each point up cut the odds of leaving by about 16%), and the general-confidence pulse for anyone on the caseload.
 */
export const PULSE_INSTRUMENTS: readonly PulseInstrument[] = [
  {
    id: JOB_CONFIDENCE_ID,
    name: 'Job confidence',
    questions: [
      {
        id: 'still-in-job-12-months',
        label: 'Sure they will still be in this job in 12 months',
        min: 0,
        max: 6,
        concernAtOrBelow: 2,
      },
    ],
  },
  {
    id: 'general-confidence',
    name: 'General confidence',
    questions: [
      {
        id: 'coping',
        label: 'Coping at the moment',
        min: 1,
        max: 5,
      },
      {
        id: 'sorting-problems',
        label: 'Confident sorting out problems',
        min: 1,
        max: 5,
      },
      {
        id: 'people-to-turn-to',
        label: 'Has people to turn to',
        min: 1,
        max: 5,
      },
    ],
  },
];

export function findInstrument(id: string | null | undefined): PulseInstrument | undefined {
  return PULSE_INSTRUMENTS.find((instrument) => instrument.id === id);
}

/** Why an instrument cannot be used, or null when it keeps the rules: 1–3 questions, distinct ids, small scales. */
export function instrumentProblem(instrument: PulseInstrument): string | null {
  const { questions } = instrument;
  if (questions.length < 1 || questions.length > 3) return 'must have one to three questions';
  if (new Set(questions.map((q) => q.id)).size !== questions.length) return 'question ids must be distinct';
  for (const q of questions) {
    if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min < 0 || q.max > 10 || q.max - q.min < 2) {
      return `question ${q.id} needs a whole-number scale of at least three points within 0 to 10`;
    }
  }
  return null;
}
