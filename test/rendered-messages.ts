/**
 * Every participant-facing message the bot can send, rendered in one language for one set of names: what the
 * catalogue tests measure (SMS segments, reading age, words to avoid). A new message builder belongs here.
 */
import { callAheadMessage } from '../domain/wording/call-ahead-wording.js';
import { CHECK_IN_RATINGS } from '../domain/reading/check-in-reading.js';
import { contactConfirmedThanks, handoverMessage, welcomeMessage, welcomeSecondTry, wrongNumberApology } from '../domain/wording/contact-wording.js';
import { dnaFirstMessage, dnaNoRearrangeNeeded, dnaNudge, dnaRearrangeNoted, dnaThanksAndOfferRearrange } from '../domain/wording/dna-wording.js';
import {
  checkInCallArranged,
  checkInCallOffer,
  checkInHowIsItGoing,
  checkInHowIsItGoingAgain,
  checkInLeftJob,
  checkInNoCall,
  checkInOpening,
  checkInPassedOn,
  checkInStillInWorkAgain,
  pulseAskAgain,
  pulseNextQuestion,
  pulseOpening,
  pulsePassedOnAskAgain,
  pulseThanks,
} from '../domain/wording/in-work-wording.js';
import { PULSE_INSTRUMENTS } from '../domain/in-work/pulse-instruments.js';
import {
  appointmentCancelledMessage,
  appointmentChangedMessage,
  askWhyCannotCome,
  confirmThanks,
  reasonRecorded,
  rearrangeNoted,
  REMINDER_VARIANTS,
  reminderMessage,
  whichAppointment,
  type AppointmentWording,
} from '../domain/wording/reminder-wording.js';
import type { KeyWorkerAvailability } from '../domain/time/key-worker-availability.js';
import { CRISIS_MAX_SEGMENTS, riskHelpMessage } from '../domain/wording/risk-help-wording.js';
import { RISK_CATEGORIES, type RiskCategory } from '../domain/safeguarding/risk-category.js';
import { helpMessage, optInConfirmation, optOutConfirmation, passedOnToKeyWorker } from '../domain/wording/wording.js';

export interface Names {
  firstName: string;
  keyWorkerName: string | null;
  /** The in-work adviser (the key worker's name stands in when null). */
  adviserName: string | null;
  programmeName: string;
  /** What staff typed for an appointment. */
  title: string;
  location: string | null;
}

export const NAMES: Record<'everyday' | 'anonymous' | 'longest', Names> = {
  everyday: { firstName: 'Sam', keyWorkerName: 'Priya', adviserName: 'Jo', programmeName: 'Restart', title: 'Review', location: 'the Leeds office' },
  anonymous: { firstName: '', keyWorkerName: null, adviserName: null, programmeName: 'Work and Health Programme', title: '', location: null },
  longest: {
    firstName: 'Alexandra-Josephine',
    keyWorkerName: 'Christopher Montgomery-Smith',
    adviserName: 'Christopher Montgomery-Smith',
    programmeName: 'Connect to Work (Greater Manchester) WHP', // 40, the most PROGRAMME_NAME allows
    title: 'Employment support review meet', // 30
    location: 'Unit 4b, Salford Quays Business', // 30
  },
};

export interface Rendered {
  name: string;
  text: string;
  /** The most SMS segments it may take (crisis help carries phone numbers that must not be cut). */
  budget: number;
}

/** Every message in `language` for these names. */
export function renderedMessages(language: string, names: Names): Rendered[] {
  const ctx = { firstName: names.firstName, keyWorkerName: names.keyWorkerName, programmeName: names.programmeName, language, timeZone: 'Europe/London' };
  const inWork = { firstName: names.firstName, adviserName: names.adviserName ?? names.keyWorkerName, programmeName: names.programmeName, language };
  const appt = (mandatory: boolean): AppointmentWording => ({ title: names.title, location: names.location, startsAt: new Date('2026-03-03T10:30:00Z'), mandatory });
  const other: AppointmentWording = { ...appt(false), title: 'Job club', startsAt: new Date('2026-03-03T14:00:00Z') };
  const messages: Array<[string, string]> = [
    ['optOutConfirmation', optOutConfirmation(ctx)],
    ['optInConfirmation', optInConfirmation(ctx)],
    ['helpMessage', helpMessage(ctx)],
    ['passedOnToKeyWorker', passedOnToKeyWorker(ctx)],
    ...REMINDER_VARIANTS.flatMap((variant) => [true, false].map((mandatory): [string, string] => [`reminderMessage(${variant}, mandatory ${mandatory})`, reminderMessage(ctx, appt(mandatory), variant)])),
    ...[true, false].map((mandatory): [string, string] => [`appointmentChangedMessage(mandatory ${mandatory})`, appointmentChangedMessage(ctx, appt(mandatory))]),
    ['appointmentCancelledMessage', appointmentCancelledMessage(ctx, appt(false))],
    ['confirmThanks', confirmThanks(ctx, appt(false))],
    ['askWhyCannotCome', askWhyCannotCome(ctx)],
    ['reasonRecorded', reasonRecorded(ctx)],
    ['rearrangeNoted', rearrangeNoted(ctx)],
    ['whichAppointment', whichAppointment(ctx, [appt(false), other])],
    ['dnaFirstMessage', dnaFirstMessage(ctx, appt(false))],
    ...[1, 2, 3].map((step): [string, string] => [`dnaNudge(${step})`, dnaNudge(ctx, step)]),
    ['dnaThanksAndOfferRearrange', dnaThanksAndOfferRearrange(ctx)],
    ['dnaRearrangeNoted', dnaRearrangeNoted(ctx, names.keyWorkerName)],
    ['dnaNoRearrangeNeeded', dnaNoRearrangeNeeded(ctx)],
    ['welcomeMessage', welcomeMessage(ctx)],
    ['welcomeSecondTry', welcomeSecondTry(ctx)],
    ['wrongNumberApology', wrongNumberApology(names.programmeName, language)],
    ...(['key_worker', 'in_work_adviser'] as const).flatMap((role) =>
      [undefined, 'Priya has moved to another team'].map((reason): [string, string] => [
        `handoverMessage(${role}, ${reason ? 'with' : 'without'} reason)`,
        handoverMessage(ctx, { newName: names.adviserName ?? '', role, ...(reason && { reason }) }),
      ]),
    ),
    ['contactConfirmedThanks', contactConfirmedThanks(ctx)],
    ...[1, 5, 60].flatMap((inMinutes) =>
      ['0161 496 0000', '07700 900123'].map((callerPhone): [string, string] => [
        `callAheadMessage(${inMinutes} minutes, ${callerPhone})`,
        callAheadMessage({ firstName: names.firstName, callerName: names.keyWorkerName ?? 'Sam', programmeName: names.programmeName, language, inMinutes, callerPhone }),
      ]),
    ),
    ...[true, false].flatMap((introduce) =>
      [true, false].flatMap((asksStillInWork) =>
        [undefined, 1, 2, 4].map((weeksInWork): [string, string] => [
          `checkInOpening(introduce ${introduce}, still in work ${asksStillInWork}, weeks ${weeksInWork})`,
          checkInOpening(inWork, { introduce, asksStillInWork, ...(weeksInWork !== undefined && { weeksInWork }) }),
        ]),
      ),
    ),
    ['checkInHowIsItGoing', checkInHowIsItGoing(inWork)],
    ['checkInHowIsItGoingAgain', checkInHowIsItGoingAgain(inWork)],
    ['checkInStillInWorkAgain', checkInStillInWorkAgain(inWork)],
    ...[...CHECK_IN_RATINGS, null].map((rating): [string, string] => [`checkInCallOffer(${rating})`, checkInCallOffer(inWork, rating)]),
    ['checkInCallArranged', checkInCallArranged(inWork)],
    ['checkInNoCall', checkInNoCall(inWork)],
    ['checkInPassedOn', checkInPassedOn(inWork)],
    ['checkInLeftJob', checkInLeftJob(inWork)],
    ...PULSE_INSTRUMENTS.flatMap((instrument) =>
      instrument.questions.flatMap((q): Array<[string, string]> => [
        [`pulseOpening(${q.id})`, pulseOpening(inWork, instrument.id, q)],
        [`pulseNextQuestion(${q.id})`, pulseNextQuestion(inWork, instrument.id, q)],
        [`pulseAskAgain(${q.id})`, pulseAskAgain(inWork, q)],
        [`pulsePassedOnAskAgain(${q.id})`, pulsePassedOnAskAgain(inWork, q)],
      ]),
    ),
    ['pulseThanks(concern)', pulseThanks(inWork, true)],
    ['pulseThanks(no concern)', pulseThanks(inWork, false)],
  ];
  return [...messages.map(([name, text]) => ({ name, text, budget: 2 })), ...crisisHelp(ctx)];
}

/** Wednesday 4 March 2026, 10pm in London: out of hours, with the key worker back tomorrow, on a weekday, or later. */
const CRISIS_NOW = new Date('2026-03-04T22:00:00Z');
const AVAILABILITY: Record<string, KeyWorkerAvailability> = {
  'at work': { atWorkNow: true },
  'back later today': { atWorkNow: false, backAt: new Date('2026-03-04T23:30:00Z') },
  'back tomorrow': { atWorkNow: false, backAt: new Date('2026-03-05T09:00:00Z') },
  'back on Monday': { atWorkNow: false, backAt: new Date('2026-03-09T09:30:00Z') },
  'back in two weeks': { atWorkNow: false, backAt: new Date('2026-03-18T09:00:00Z') },
};

/** The help for each concern alone and for every concern at once, in and out of working hours. */
function crisisHelp(ctx: Parameters<typeof riskHelpMessage>[0]): Rendered[] {
  const sets: RiskCategory[][] = [...RISK_CATEGORIES.map((category) => [category]), [...RISK_CATEGORIES], ['suicide', 'domestic_abuse'], ['homeless_tonight', 'violence']];
  return sets.flatMap((categories) =>
    Object.entries(AVAILABILITY).map(([when, availability]) => ({
      name: `riskHelpMessage(${categories.join('+')}, ${when})`,
      text: riskHelpMessage(ctx, categories, availability, CRISIS_NOW, 'Europe/London'),
      budget: CRISIS_MAX_SEGMENTS,
    })),
  );
}
