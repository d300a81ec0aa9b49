import type { UpcomingAppointment } from '../appointments/appointment.types.js';
import type { AlertDraft, EventDraft, JsonObject } from '../case-record/case-record.types.js';
import type { DnaFollowUpFacts } from '../appointments/dna.types.js';
import type { Channel } from '../channel.js';
import type { KeyWorkerAvailability } from '../time/key-worker-availability.js';
import type { JobFacts, QuestionSessionFacts, SessionUpdate } from '../in-work/question-session.types.js';

/** What a dialog may know about the person texting. No I/O handles, just facts. */
export interface ParticipantContext {
  id: string;
  firstName: string;
  language: string;
  channel: Channel;
  optedOut: boolean;
  keyWorkerName: string | null;
  programmeName: string;
  /** The programme's zone (PROGRAMME_TIMEZONE): times in replies are written on its local clock. */
  timeZone: string;
}

/** A dialog's own memory between turns, persisted through botbuilder conversation state. */
export type ConversationMemory = JsonObject;

/**
 * `opt_out_confirmation` is the one message allowed to reach someone who has just opted out;
 * `crisis` is signposting after a risk-of-harm message, sent whatever the consent state;
 * `service` answers a HELP the person asked for (allowed under PECR after opt-out);
 * `notice` tells them of a change a key worker made; `call_ahead` says a key worker is about to ring; `reminder` is an appointment reminder; `follow_up` is a
 * message of a did-not-attend follow-up; `check_in` opens a scheduled in-work check-in; `campaign` opens a check-in or
 * pulse of an in-work team's campaign.
 */
export type ReplyKind =
  | 'reply'
  | 'opt_out_confirmation'
  | 'crisis'
  | 'service'
  | 'notice'
  | 'call_ahead'
  | 'reminder'
  | 'follow_up'
  | 'welcome'
  | 'wrong_number_apology'
  | 'check_in'
  | 'campaign';

export interface Reply {
  text: string;
  kind: ReplyKind;
}

export interface TurnInput {
  text: string;
  participant: ParticipantContext;
  memory: ConversationMemory;
  now: Date;
  /** The participant's appointments still ahead (not cancelled), soonest first. */
  appointments: UpcomingAppointment[];
  /** The latest did-not-attend follow-up of the last 14 days, if any. */
  dnaFollowUp: DnaFollowUpFacts | null;
  /** The welcome was sent and nobody has answered it yet. */
  welcomePending?: boolean;
  /** The latest check-in or pulse still waiting for an answer, if any. */
  session?: QuestionSessionFacts | null;
  /** Their current job, when they are in work. */
  job?: JobFacts | null;
  /** Whether their team is at work now (its working hours and bank holidays), else when it is back; absent: at work. */
  keyWorkerAvailability?: KeyWorkerAvailability;
}

export type ConsentChange = 'opted_out' | 'opted_in';

export interface TurnResult {
  replies: Reply[];
  events: EventDraft[];
  alerts: AlertDraft[];
  memory: ConversationMemory;
  consent?: ConsentChange;
  /** The person texting says this is not the participant's number: nothing more goes to it. */
  wrongNumber?: boolean;
  /** What this turn changed on the open check-in or pulse. */
  session?: SessionUpdate;
  /** They have left or lost the job: the in-work schedule stops. */
  leftJob?: { jobStartId: string };
}
