import { capitalise, comma, countSmsSegments, firstThatFits, keyWorkerOrTeam, plain } from './sms-fitting.js';
import type { WordingContext } from './wording.js';

/**
 * What the bot says when it first makes contact, checks the number, or introduces a new person, in English.
 * The first text decides whether anyone answers the next one: it says who is writing and why, that nothing is
 * owed in return, and never reads as a demand. Plain GSM-7 text in at most `MAX_SEGMENTS` SMS segments, built
 * like `reminder-wording.ts`: the richest wording that fits is sent, and long names give way first.
 *
 * Only the welcome mentions STOP, as the way to stop messages; no message asks for an opt-out word as an answer.
 */
export type ContactWordingContext = WordingContext;

/** Who takes over: a new key worker, or an in-work adviser once the participant has started work. */
export interface Handover {
  /** The new person's name as staff typed it. */
  newName: string;
  role: 'key_worker' | 'in_work_adviser';
  /** Why, as staff typed it ("Priya has moved to another team"); left out when it will not fit or does not read kindly. */
  reason?: string;
}

const STOP_ANY_TIME = 'Text STOP any time to stop.';

/**
 * The first message after referral, sent only with recorded consent: who we are, who their key worker is, what
 * texts to expect, that they need not reply, and YES if this is them.
 */
export function welcomeMessage(ctx: ContactWordingContext): string {
  const [hello, bare] = openers(ctx);
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  const introduce = keyWorker === '' ? '' : `${keyWorker} is your key worker.`;
  const expectLong = 'We will text you here with reminders about your appointments and a few check-ins to see how things are going.';
  const expectShort = 'We will text you reminders about appointments and a few check-ins.';
  const freeLong = "You don't have to reply to anything.";
  const freeShort = "You don't have to reply.";
  // Without a name, "if this is you" would ask about nobody in particular.
  const yesLong = plain(ctx.firstName) === '' ? 'If this is the right number, please reply YES.' : 'If this is you, please reply YES.';
  const yesShort = plain(ctx.firstName) === '' ? 'If this is the right number, reply YES.' : 'If this is you, reply YES.';
  return firstThatFits([
    [hello, introduce, expectLong, freeLong, yesLong, STOP_ANY_TIME],
    [hello, introduce, expectShort, freeLong, yesLong, STOP_ANY_TIME],
    [hello, introduce, expectShort, freeShort, yesShort, STOP_ANY_TIME],
    [bare, introduce, expectShort, freeShort, yesShort, STOP_ANY_TIME],
    [bare, expectShort, freeShort, yesShort, STOP_ANY_TIME],
  ]);
}

/**
 * The one gentle second try when the welcome had no answer. The greeting leaves the name out: whoever holds the
 * phone may not be the participant, so the name appears once, in the question.
 */
export function welcomeSecondTry(ctx: ContactWordingContext): string {
  const programme = plain(ctx.programmeName);
  const name = plain(ctx.firstName);
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  const check = name === '' ? 'Just checking we have the right number.' : `Just checking this is the right number for ${name}.`;
  const yes = keyWorker === '' ? 'If it is, please reply YES.' : `If it is, please reply YES and ${keyWorker}, your key worker, will be in touch.`;
  const not = "If not, just reply WRONG NUMBER and we won't text again.";
  return firstThatFits([
    [`Hi, this is ${programme} again.`, check, yes, not, "There's no rush."],
    [`Hi, this is ${programme} again.`, check, yes, not],
    [`This is ${programme}.`, check, 'If it is, please reply YES.', not],
  ]);
}

/**
 * The one reply to someone who says this is not the participant's number. It names nobody but the programme:
 * the person reading is a stranger, and the participant's or key worker's name is not theirs to know.
 */
export function wrongNumberApology(programmeName: string): string {
  const programme = plain(programmeName);
  const apology = 'Sorry to have bothered you. We will not text this number again.';
  return programme === '' ? apology : `${apology} - ${programme}`;
}

/**
 * One message when the key worker changes or an in-work adviser takes over: who the new person is and why, so a
 * text or call from them is not from a stranger. `ctx.keyWorkerName` is not used: the new person is `newName`.
 */
export function handoverMessage(ctx: ContactWordingContext, handover: Handover): string {
  const [hello, bare] = openers(ctx);
  const newName = plain(handover.newName);
  const reason = kindReason(handover.reason);

  const inWork = handover.role === 'in_work_adviser';
  const named = newName !== '';
  let who: string;
  if (inWork) who = named ? `${newName} is your in-work adviser` : 'You have an in-work adviser';
  else who = named ? `From now on ${newName} is your key worker` : 'From now on you have a new key worker';
  const withoutReason = inWork ? `${who} now that you have started work.` : `${who}.`;
  const intros = reason === '' ? [withoutReason] : [`${who}, because ${reason}.`, withoutReason];
  const they = named ? newName : 'They';
  const whatNext = inWork ? `${they} will check in now and then to see how the job is going.` : `${they} will keep in touch with you here.`;
  const openDoor = inWork ? 'Just text back any time if you need help.' : 'Just text back if you have any questions.';
  return firstThatFits(
    [hello, bare].flatMap((opener) => intros.flatMap((intro) => [[opener, intro, whatNext, openDoor], [opener, intro, whatNext]])),
  );
}

/** After YES to the welcome (or the second try): thanks, and who will be in touch. */
export function contactConfirmedThanks(ctx: ContactWordingContext): string {
  return firstThatFits([
    [`Thanks for letting us know${comma(ctx)}.`, `${capitalise(keyWorkerOrTeam(ctx))} will keep in touch with you here.`, 'Text back any time if you need anything.'],
    [`Thanks${comma(ctx)}.`, `${capitalise(keyWorkerOrTeam(ctx))} will keep in touch with you here.`],
  ]);
}

/** "Hi Sam, this is Restart." and "This is Restart.": who is writing, longest first. */
function openers(ctx: ContactWordingContext): [string, string] {
  const name = plain(ctx.firstName);
  const programme = plain(ctx.programmeName);
  return [`${name === '' ? 'Hi' : `Hi ${name}`}, this is ${programme}.`, `This is ${programme}.`];
}

/** Words a participant afraid of sanctions should never read, even when a member of staff typed them. */
const UNKIND = /\b(sanction|mandatory|must|fail|compliance|required|penalt|benefit)/i;
/** Opt-out keywords in capitals read as an instruction to text them. */
const OPT_OUT_WORD = /\b(STOP|STOPALL|UNSUBSCRIBE|CANCEL|END|QUIT)\b/;

/** Openings that read naturally in lower case after "because": "She has moved team" becomes "she has moved team". */
const LOWER_CASE_OPENINGS = new Set(['he', 'she', 'they', 'the', 'your', 'our', 'their', 'his', 'her', 'we', 'it', 'there']);

/**
 * The staff-typed reason, made safe to follow "because": plain GSM-7, without a leading "because" or final full
 * stop. Empty (so the wording goes without it) when it is blank, would turn the SMS into UCS-2, or holds a word
 * that could read as a threat.
 */
function kindReason(reason: string | undefined): string {
  const text = plain(reason ?? '')
    .replace(/^(because|as|since)\b[\s,]*/i, '')
    .replace(/[\s.!?,;:]+$/, '');
  if (text === '' || UNKIND.test(text) || OPT_OUT_WORD.test(text) || countSmsSegments(text).encoding !== 'GSM-7') return '';
  const firstWord = text.split(' ')[0]!;
  return LOWER_CASE_OPENINGS.has(firstWord.toLowerCase()) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
