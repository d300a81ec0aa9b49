import type { UpcomingAppointment } from './appointment.types.js';
import { formatAppointmentTime } from './appointment-time.js';
import { capitalise, comma, firstThatFits, keyWorkerOrTeam, plain } from './sms-fitting.js';
import type { WordingContext } from './wording.js';

/**
 * What the bot says about appointments, in English. The same rules as `wording.ts`: short, plain and warm,
 * always saying who it is from, never a demand or a threat (many participants fear sanctions, and a
 * mandatory appointment is where that fear is sharpest), and plain GSM-7 characters so that two SMS segments
 * hold 306 characters rather than 134. Replies never ask anyone to text CANCEL, STOP, END or QUIT: those
 * are opt-out words and would stop every message.
 *
 * Each message is built from the richest wording down to the plainest, and the first that fits in
 * `MAX_SEGMENTS` is sent: long names or places lose the key worker's name or the greeting before they cost
 * a third segment. If nothing fits (a very long title or place), the plainest wording is sent anyway.
 */
export type ReminderWordingContext = WordingContext & {
  /** The programme's zone (Europe/London): times are written on its local clock. */
  timeZone: string;
};

/** What a message needs to know about an appointment. */
export type AppointmentWording = Pick<UpcomingAppointment, 'title' | 'location' | 'startsAt' | 'mandatory'>;

/** The answers every reminder offers, matched by the reminder reply dialog. Deliberately not CANCEL (an opt-out word). */
export const REPLY_OPTIONS = "Reply YES if you can come, NO if you can't, or R to rearrange.";

/** The most SMS segments an appointment message may take. @defaultValue 2 */

/** For mandatory appointments: why it matters, and an open door, never a consequence. A shorter form for tight fits. */
const IMPORTANT = ['This one is important, so please let us know if you cannot make it.', 'It is important, so please tell us if you cannot come.'];
const HOPE_TO_SEE_YOU = 'We hope to see you there.';

/**
 * Wordings of the reminder a wording experiment can compare: `personal` (the default) greets them by name and writes
 * on behalf of their key worker by name; `standard` is the plain service reminder with neither name.
 */
export const REMINDER_VARIANTS = ['personal', 'standard'] as const;
export type ReminderVariant = (typeof REMINDER_VARIANTS)[number];

/** A reminder: who from, what, when, where; for a mandatory one that it matters; then the reply options. */
export function reminderMessage(ctx: ReminderWordingContext, appt: AppointmentWording, variant: ReminderVariant = 'personal'): string {
  const body = `Reminder: ${what(appt)} is on ${when(ctx, appt)}${where(appt)}.`;
  if (variant === 'standard') {
    const feeling = appt.mandatory ? IMPORTANT : [''];
    return firstThatFits(feeling.map((line) => [`This is ${plain(ctx.programmeName)}.`, body, line, REPLY_OPTIONS]));
  }
  const feelings = appt.mandatory ? IMPORTANT : [HOPE_TO_SEE_YOU, ''];
  return firstThatFits(openers(ctx).flatMap((opener) => feelings.map((feeling) => [opener, body, feeling, REPLY_OPTIONS])));
}

/** A reschedule (or new place): the new time and place, then the reply options so they can confirm again. */
export function appointmentChangedMessage(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  const time = `${when(ctx, appt)}${where(appt)}`;
  const bodies = [`Your appointment has changed. ${capitalise(what(appt))} is now on ${time}.`, `${capitalise(what(appt))} has moved to ${time}.`];
  const important = appt.mandatory ? IMPORTANT : [''];
  return firstThatFits(
    openers(ctx).flatMap((opener) => bodies.flatMap((body) => important.map((line) => [opener, body, line, REPLY_OPTIONS]))),
  );
}

/** A cancellation: plainly that they need not come. */
export function appointmentCancelledMessage(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  const body = `${capitalise(what(appt))} on ${when(ctx, appt)}${where(appt)} is cancelled, so you do not need to come.`;
  return firstThatFits(openers(ctx).map((opener) => [opener, body, 'Text back if you have any questions.']));
}

/** After YES: thanks, the time and place again, and that the key worker knows. */
export function confirmThanks(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  return firstThatFits([
    [`Thanks${comma(ctx)}, see you on ${when(ctx, appt)}${where(appt)}.`, `We have told ${keyWorkerOrTeam(ctx)} you are coming.`],
    [`Thanks${comma(ctx)}, see you on ${when(ctx, appt)}.`, `We have told ${keyWorkerOrTeam(ctx)} you are coming.`],
  ]);
}

/** After NO: asks once, gently, why; the answer goes to the key worker. */
export function askWhyCannotCome(ctx: ReminderWordingContext): string {
  return firstThatFits([
    [
      `Thanks for letting us know${comma(ctx)}.`,
      "Can you tell us why you cannot come? It's fine to say.",
      `It helps ${keyWorkerOrTeam(ctx)} find a time that works for you.`,
    ],
  ]);
}

/** After the reason (or after they would rather not say): passed on, and the key worker will find a better time. */
export function reasonRecorded(ctx: ReminderWordingContext): string {
  return firstThatFits([
    [`Thank you${comma(ctx)}.`, `We have passed this on to ${keyWorkerOrTeam(ctx)}, who will be in touch to find a better time.`],
  ]);
}

/** After R: the key worker will be in touch with a new time. */
export function rearrangeNoted(ctx: ReminderWordingContext): string {
  return firstThatFits([
    [`Thanks${comma(ctx)}.`, `We have asked ${keyWorkerOrTeam(ctx)} to find a new time with you. They will be in touch soon.`],
  ]);
}

/** Asks which of two (or more) appointments a reply is about; the dialog then reads "1" or "2". */
export function whichAppointment(
  ctx: ReminderWordingContext,
  appointments: readonly [AppointmentWording, AppointmentWording, ...AppointmentWording[]],
): string {
  const choices = (withTitles: boolean) =>
    `Reply ${listWithOr(
      appointments.map((appt, index) =>
        // Brackets keep the comma inside "Tue 4 Mar, 10:30am" from reading as the end of a choice.
        withTitles ? `${index + 1} for ${what(appt)} (${when(ctx, appt)})` : `${index + 1} for ${when(ctx, appt)}`,
      ),
    )}.`;
  const ask = 'Which appointment do you mean?';
  return firstThatFits([
    ...openers(ctx).map((opener) => [opener, ask, choices(true)]),
    ...openers(ctx).map((opener) => [opener, ask, choices(false)]),
  ]);
}

/**
 * "Hi Sam, this is Restart, on behalf of your key worker Priya." down to "This is Restart.": who is writing,
 * longest first. The bot writes for the key worker rather than as them, so "We have told Priya" later reads true.
 */
function openers(ctx: ReminderWordingContext): string[] {
  const hello = plain(ctx.firstName) === '' ? 'Hi' : `Hi ${plain(ctx.firstName)}`;
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  const programme = plain(ctx.programmeName);
  return [
    ...(keyWorker === '' ? [] : [`${hello}, this is ${programme}, on behalf of your key worker ${keyWorker}.`]),
    `${hello}, this is ${programme}.`,
    `This is ${programme}.`,
  ];
}



function what(appt: AppointmentWording): string {
  const title = plain(appt.title).replace(/[.!?]+$/, '');
  return title === '' ? 'your appointment' : title;
}

function when(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  return formatAppointmentTime(appt.startsAt, ctx.timeZone);
}

function where(appt: AppointmentWording): string {
  const location = plain(appt.location ?? '').replace(/[.!?]+$/, '');
  return location === '' ? '' : ` at ${location}`;
}


function listWithOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}



