import type { UpcomingAppointment } from '../appointments/appointment.types.js';
import { formatAppointmentTime } from './appointment-time.js';
import { say, type MessageId } from './message-catalogue.js';
import { capitalise, firstThatFits, plain } from './sms-fitting.js';
import { whoValues, type WordingContext } from './wording.js';

/**
 * What the bot says about appointments, in the participant's language. The same rules as `wording.ts`: short, plain
 * and warm, always saying who it is from, never a demand or a threat (many participants fear sanctions, and a
 * mandatory appointment is where that fear is sharpest), and plain GSM-7 characters so that two SMS segments
 * hold 306 characters rather than 134. Replies never ask anyone to text CANCEL, STOP, END or QUIT: those
 * are opt-out words and would stop every message.
 *
 * Each message is built from the richest wording down to the plainest, and the first that fits in
 * `MAX_SEGMENTS` is sent: long names or places lose the key worker's name or the greeting before they cost
 * a third segment. If nothing fits (a very long title or place), the plainest wording is sent anyway.
 */
export type ReminderWordingContext = WordingContext & {
  /** The programme's zone (PROGRAMME_TIMEZONE): times are written on its local clock. */
  timeZone: string;
};

/** What a message needs to know about an appointment. */
export type AppointmentWording = Pick<UpcomingAppointment, 'title' | 'location' | 'startsAt' | 'mandatory'>;

/** The answers every reminder offers, matched by the reminder reply dialog. Deliberately not CANCEL (an opt-out word). */
export const REPLY_OPTIONS = say('en', 'reminder.replyOptions');

/**
 * Wordings of the reminder a wording experiment can compare: `personal` (the default) greets them by name and writes
 * on behalf of their key worker by name; `standard` is the plain service reminder with neither name.
 */
export const REMINDER_VARIANTS = ['personal', 'standard'] as const;
export type ReminderVariant = (typeof REMINDER_VARIANTS)[number];

/** A reminder: who from, what, when, where; for a mandatory one that it matters; then the reply options. */
export function reminderMessage(ctx: ReminderWordingContext, appt: AppointmentWording, variant: ReminderVariant = 'personal'): string {
  const t = sentences(ctx, appt);
  const body = t('reminder.body');
  const important = [t('reminder.important'), t('reminder.importantShort')];
  const options = t('reminder.replyOptions');
  if (variant === 'standard') {
    const feeling = appt.mandatory ? important : [''];
    return firstThatFits(feeling.map((line) => [t('opener.bare'), body, line, options]));
  }
  const feelings = appt.mandatory ? important : [t('reminder.hopeToSeeYou'), ''];
  return firstThatFits(openers(ctx, t).flatMap((opener) => feelings.map((feeling) => [opener, body, feeling, options])));
}

/** A reschedule (or new place): the new time and place, then the reply options so they can confirm again. */
export function appointmentChangedMessage(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  const t = sentences(ctx, appt);
  const bodies = [t('reminder.changed'), t('reminder.moved')];
  const important = appt.mandatory ? [t('reminder.important'), t('reminder.importantShort')] : [''];
  return firstThatFits(
    openers(ctx, t).flatMap((opener) => bodies.flatMap((body) => important.map((line) => [opener, body, line, t('reminder.replyOptions')]))),
  );
}

/** A cancellation: plainly that they need not come. */
export function appointmentCancelledMessage(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  const t = sentences(ctx, appt);
  return firstThatFits(openers(ctx, t).map((opener) => [opener, t('reminder.cancelled'), t('reminder.anyQuestions')]));
}

/** After YES: thanks, the time and place again, and that the key worker knows. */
export function confirmThanks(ctx: ReminderWordingContext, appt: AppointmentWording): string {
  const t = sentences(ctx, appt);
  const withoutPlace = sentences(ctx, { ...appt, location: null });
  return firstThatFits([
    [t('reminder.seeYou'), t('reminder.toldYouAreComing')],
    [withoutPlace('reminder.seeYou'), t('reminder.toldYouAreComing')],
  ]);
}

/** After NO: asks once, gently, why; the answer goes to the key worker. */
export function askWhyCannotCome(ctx: ReminderWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('reminder.thanksForLettingUsKnow'), t('reminder.askWhy'), t('reminder.helpsFindTime')]]);
}

/** After the reason (or after they would rather not say): passed on, and the key worker will find a better time. */
export function reasonRecorded(ctx: ReminderWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('reminder.thankYou'), t('reminder.reasonPassedOn')]]);
}

/** After R: the key worker will be in touch with a new time. */
export function rearrangeNoted(ctx: ReminderWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('reminder.thanks'), t('reminder.askedForNewTime')]]);
}

/** Asks which of two (or more) appointments a reply is about; the dialog then reads "1" or "2". */
export function whichAppointment(
  ctx: ReminderWordingContext,
  appointments: readonly [AppointmentWording, AppointmentWording, ...AppointmentWording[]],
): string {
  const t = sentences(ctx);
  const choices = (withTitles: boolean) =>
    t('reminder.whichReply', {
      choices: listWithOr(
        ctx,
        appointments.map((appt, index) =>
          // Brackets keep the comma inside "Tue 4 Mar, 10:30am" from reading as the end of a choice.
          sentences(ctx, appt)(withTitles ? 'reminder.choice' : 'reminder.choiceTimeOnly', { number: index + 1 }),
        ),
      ),
    });
  const ask = t('reminder.whichOne');
  return firstThatFits([
    ...openers(ctx, t).map((opener) => [opener, ask, choices(true)]),
    ...openers(ctx, t).map((opener) => [opener, ask, choices(false)]),
  ]);
}

type Sentence = (id: MessageId, extra?: Record<string, string | number>) => string;

/** Messages in the participant's language with who it is to and from, and (when given) the appointment's what, when and where. */
function sentences(ctx: ReminderWordingContext, appt?: AppointmentWording): Sentence {
  const values: Record<string, string | number> = { ...whoValues(ctx) };
  if (appt) {
    const title = plain(appt.title).replace(/[.!?]+$/, '');
    const what = title === '' ? say(ctx.language, 'appointment.untitled') : title;
    const location = plain(appt.location ?? '').replace(/[.!?]+$/, '');
    Object.assign(values, {
      what,
      What: capitalise(what),
      when: formatAppointmentTime(appt.startsAt, ctx.timeZone, ctx.language),
      where: location === '' ? '' : say(ctx.language, 'appointment.where', { location }),
    });
  }
  return (id, extra = {}) => say(ctx.language, id, { ...values, ...extra });
}

/**
 * "Hi Sam, this is Restart, on behalf of your key worker Priya." down to "This is Restart.": who is writing,
 * longest first. The bot writes for the key worker rather than as them, so "We have told Priya" later reads true.
 */
function openers(ctx: ReminderWordingContext, t: Sentence): string[] {
  return [...(plain(ctx.keyWorkerName ?? '') === '' ? [] : [t('opener.onBehalfOfKeyWorker')]), t('opener.thisIs'), t('opener.bare')];
}

function listWithOr(ctx: ReminderWordingContext, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return say(ctx.language, 'list.or', { first: items.slice(0, -1).join(', '), last: items.at(-1) as string });
}
