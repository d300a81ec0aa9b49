import type { JsonObject } from '../case-record/case-record.types.js';

/**
 * A question session: a short scripted exchange the bot starts (an in-work check-in, or a confidence pulse), held in
 * the database from the moment its first question is sent, so a reply finds it whichever worker takes the turn.
 */
export type SessionKind = 'check_in' | 'pulse';

/** The steps of a check-in, in order; a sustainment-week check-in starts at `still_in_work`. */
export const CHECK_IN_STEPS = ['still_in_work', 'how', 'call'] as const;
export type CheckInStep = (typeof CHECK_IN_STEPS)[number];

/** An open session as a dialog may know it: facts only. */
export interface QuestionSessionFacts {
  id: string;
  kind: SessionKind;
  /** The question now waiting: a check-in step, or the pulse question's id. */
  step: string;
  /** For pulses: which question of the instrument (0-based). */
  stepIndex: number;
  /** How many times the current question has been asked again. */
  retries: number;
  /** When the current question was sent. */
  askedAt: Date;
  instrumentId: string | null;
  checkInId: string | null;
  campaignId: string | null;
  jobStartId: string | null;
  week: number | null;
  /** The person's previous score for each question of the instrument, before this session. */
  previousScores: Record<string, number>;
  /** What was answered so far in this session. */
  answers: JsonObject;
}

/** What a turn changes on its session; the turn writes it in the same transaction as the rest of its outcome. */
export interface SessionUpdate {
  id: string;
  status: 'open' | 'completed';
  step: string;
  stepIndex: number;
  retries: number;
  /** Set when the turn sent the next (or the same) question. */
  askedAt?: string;
  answers: JsonObject;
  /** The participant answered something in this turn (campaign "responded" counts). */
  responded: boolean;
}

/** The participant's current job, as a dialog may know it. */
export interface JobFacts {
  id: string;
  employer: string | null;
  /** The in-work adviser's name, or the key worker's when there is none. */
  adviserName: string | null;
}

/** A question not answered within this long is left behind: a later reply is not taken as its answer. */
export const SESSION_ANSWER_WINDOW_MS = 72 * 3600_000;
