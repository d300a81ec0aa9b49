/** Why someone missed an appointment, in the categories key workers report on. */
export const DNA_REASON_CATEGORIES = ['ill_health', 'caring', 'transport_cost', 'forgot', 'work_interview', 'other'] as const;
export type DnaReasonCategory = (typeof DNA_REASON_CATEGORIES)[number];

/** A did-not-attend follow-up as the reply dialog may know it: facts only. */
export interface DnaFollowUpFacts {
  id: string;
  appointmentId: string;
  /** The missed appointment, for wording ("your appointment on Tue 4 Mar"). */
  appointmentStartsAt: Date;
  appointmentTitle: string;
  startedAt: Date;
  /** True once the participant's reason has been recorded for this follow-up. */
  reasonRecorded: boolean;
}
