import { formatDay } from './appointment-time.js';
import { say, type MessageId } from './message-catalogue.js';
import type { ReminderWordingContext } from './reminder-wording.js';
import { firstThatFits, plain } from './sms-fitting.js';
import { whoValues } from './wording.js';

/**
 * What the bot says after a missed appointment ("did not attend"), in the participant's language. Someone who
 * missed an appointment may be ill, overwhelmed or afraid of what happens next, so every message is kind and blames
 * no one: it says who is writing, that missing it is OK, and leaves the door open. Nothing reads as a demand or a
 * consequence, and the later messages ask less each time. Plain GSM-7 text in at most `MAX_SEGMENTS` SMS segments,
 * built the same way as `reminder-wording.ts`: the richest wording that fits is sent, and long names or titles give
 * way first.
 */
export type DnaWordingContext = ReminderWordingContext;

/** What the messages need to know about the missed appointment. */
export interface MissedAppointment {
  title: string;
  startsAt: Date;
}

/** The first message after a missed appointment: no blame, and what got in the way, by number or in their words. */
export function dnaFirstMessage(ctx: DnaWordingContext, missed: MissedAppointment): string {
  const t = sentences(ctx);
  const day = formatDay(missed.startsAt, ctx.timeZone, ctx.language);
  const title = plain(missed.title).replace(/[.!?]+$/, '');
  const withoutTitle = t('dna.missedYou', { day });
  const withTitle = title === '' ? withoutTitle : t('dna.missedYouAt', { title, day });
  const ask = t('dna.thatsOk');
  const full = t('dna.reasonOptions');
  const short = t('dna.reasonOptionsShort');
  const [onBehalf, hello, bare] = openers(ctx, t);
  return firstThatFits([
    [onBehalf, withTitle, ask, full],
    [hello, withTitle, ask, full],
    [onBehalf, withTitle, ask, short],
    [hello, withTitle, ask, short],
    [hello, withoutTitle, ask, full],
    [hello, withoutTitle, ask, short],
    [bare, withTitle, ask, short],
    [bare, withoutTitle, ask, short],
  ]);
}

/**
 * A later message when there has been no reply, softer each time. `stepIndex` is the step of the follow-up
 * sequence (0 is `dnaFirstMessage`, 1 the first nudge); steps past the third read as the third.
 */
export function dnaNudge(ctx: DnaWordingContext, stepIndex: number): string {
  const t = sentences(ctx);
  const [onBehalf, hello, bare] = openers(ctx, t);
  const body =
    stepIndex <= 1
      ? [t('dna.checkingYouAreOk'), t('dna.tellUsAnyTime')]
      : stepIndex === 2
        ? [t('dna.justCheckingIn'), t('dna.replyAnyTime')]
        : [t('dna.stillHere'), t('dna.wheneverReady')];
  // The opener has named the programme: here the key worker's name alone is warmer.
  const help = stepIndex <= 1 ? t('dna.hereToHelp') : '';
  return firstThatFits([
    [onBehalf, ...body, help],
    [hello, ...body, help],
    [hello, ...body],
    [bare, ...body],
  ]);
}

/** After they say why: thanks, it has gone to the key worker, and would they like a new appointment. */
export function dnaThanksAndOfferRearrange(ctx: DnaWordingContext): string {
  const t = sentences(ctx);
  const offer = t('dna.offerNewAppointment');
  return firstThatFits([
    [t('dna.thankYouForLettingUsKnow'), t('dna.passedOn'), offer],
    [t('reminder.thankYou'), t('dna.told'), offer],
  ]);
}

/** After they ask for a new appointment: `keyWorker` (or the team) will be in touch. */
export function dnaRearrangeNoted(ctx: DnaWordingContext, keyWorker: string | null): string {
  const t = sentences({ ...ctx, keyWorkerName: keyWorker });
  return firstThatFits([[t('reminder.thanks'), t('reminder.askedForNewTime')]]);
}

/** After "not now": fine, the key worker knows, and they can ask any time. */
export function dnaNoRearrangeNeeded(ctx: DnaWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([
    [t('dna.thatsFine'), t('dna.letKnow'), t('dna.laterJustText'), t('dna.takeCare')],
    [t('dna.thatsFine'), t('dna.letKnow'), t('dna.textAnyTime')],
  ]);
}

type Sentence = (id: MessageId, extra?: Record<string, string | number>) => string;

function sentences(ctx: DnaWordingContext): Sentence {
  const values = whoValues(ctx);
  return (id, extra = {}) => say(ctx.language, id, { ...values, ...extra });
}

/** "Hi Sam, it's Restart, on behalf of your key worker Priya.", "Hi Sam, it's Restart.", "This is Restart.". */
function openers(ctx: DnaWordingContext, t: Sentence): [string, string, string] {
  const greeting = t('opener.itsProgramme');
  return [plain(ctx.keyWorkerName ?? '') === '' ? greeting : t('opener.itsOnBehalfOfKeyWorker'), greeting, t('opener.bare')];
}
