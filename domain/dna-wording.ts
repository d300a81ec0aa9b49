import { formatDay } from './appointment-time.js';
import type { ReminderWordingContext } from './reminder-wording.js';
import { capitalise, comma, firstThatFits, keyWorkerOrTeam, plain } from './sms-fitting.js';

/**
 * What the bot says after a missed appointment ("did not attend"), in English. Someone who missed an appointment
 * may be ill, overwhelmed or afraid of what happens next, so every message is kind and blames no one: it says who
 * is writing, that missing it is OK, and leaves the door open. Nothing reads as a demand or a consequence, and the
 * later messages ask less each time. Plain GSM-7 text in at most `MAX_SEGMENTS` SMS segments, built the same way as
 * `reminder-wording.ts`: the richest wording that fits is sent, and long names or titles give way first.
 */
export type DnaWordingContext = ReminderWordingContext;

/** What the messages need to know about the missed appointment. */
export interface MissedAppointment {
  title: string;
  startsAt: Date;
}

/** The numbered reasons, in the order `categoriseDnaReason` reads them; a shorter form for tight fits. */
const REASON_OPTIONS = [
  "Reply 1 ill or health, 2 caring or childcare, 3 transport or cost, 4 forgot or didn't know, 5 work or interview, 6 something else, or tell us in your own words.",
  'Reply 1 health, 2 caring, 3 transport or cost, 4 forgot, 5 work or interview, 6 something else, or tell us in your own words.',
];

/** The first message after a missed appointment: no blame, and what got in the way, by number or in their words. */
export function dnaFirstMessage(ctx: DnaWordingContext, missed: MissedAppointment): string {
  const day = formatDay(missed.startsAt, ctx.timeZone);
  const title = plain(missed.title).replace(/[.!?]+$/, '');
  const withoutTitle = `We missed you at your appointment on ${day}.`;
  const withTitle = title === '' ? withoutTitle : `We missed you at ${title} on ${day}.`;
  const ask = "That's OK. What got in the way?";
  const [full, short] = REASON_OPTIONS as [string, string];
  const [onBehalf, hello, bare] = openers(ctx);
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
  const [onBehalf, hello, bare] = openers(ctx);
  // The opener has named the programme: here the key worker's name alone is warmer.
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  const helper = keyWorker === '' ? 'your key worker' : keyWorker;
  const body =
    stepIndex <= 1
      ? ["Just checking you're OK.", "If you'd like to tell us what got in the way, reply any time in your own words."]
      : stepIndex === 2
        ? ["Just checking in. There's no need to explain.", 'Reply any time and we can find a new time that suits you.']
        : ['We are still here for you.', `Whenever you're ready, just text back and ${helper} will help.`];
  const help = stepIndex <= 1 ? `${capitalise(helper)} is here to help.` : '';
  return firstThatFits([
    [onBehalf, ...body, help],
    [hello, ...body, help],
    [hello, ...body],
    [bare, ...body],
  ]);
}

/** After they say why: thanks, it has gone to the key worker, and would they like a new appointment. */
export function dnaThanksAndOfferRearrange(ctx: DnaWordingContext): string {
  const offer = 'Would you like a new appointment? Reply with days or times that suit you, or NO if not now.';
  return firstThatFits([
    [`Thank you for letting us know${comma(ctx)}.`, `We have passed this on to ${keyWorkerOrTeam(ctx)}.`, offer],
    [`Thank you${comma(ctx)}.`, `We have told ${keyWorkerOrTeam(ctx)}.`, offer],
  ]);
}

/** After they ask for a new appointment: `keyWorker` (or the team) will be in touch. */
export function dnaRearrangeNoted(ctx: DnaWordingContext, keyWorker: string | null): string {
  const who = keyWorkerOrTeam({ ...ctx, keyWorkerName: keyWorker });
  return firstThatFits([[`Thanks${comma(ctx)}.`, `We have asked ${who} to find a new time with you. They will be in touch soon.`]]);
}

/** After "not now": fine, the key worker knows, and they can ask any time. */
export function dnaNoRearrangeNeeded(ctx: DnaWordingContext): string {
  return firstThatFits([
    [`That's fine${comma(ctx)}.`, `We have let ${keyWorkerOrTeam(ctx)} know.`, 'If you would like a new appointment later, just text us any time.', 'Take care.'],
    [`That's fine${comma(ctx)}.`, `We have let ${keyWorkerOrTeam(ctx)} know.`, 'Text us any time if you would like a new appointment.'],
  ]);
}

/** "Hi Sam, it's Restart, on behalf of your key worker Priya.", "Hi Sam, it's Restart.", "This is Restart.". */
function openers(ctx: DnaWordingContext): [string, string, string] {
  const name = plain(ctx.firstName);
  const hello = name === '' ? 'Hi' : `Hi ${name}`;
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  const programme = plain(ctx.programmeName);
  const greeting = `${hello}, it's ${programme}.`;
  return [
    keyWorker === '' ? greeting : `${hello}, it's ${programme}, on behalf of your key worker ${keyWorker}.`,
    greeting,
    `This is ${programme}.`,
  ];
}
