import { known, say, type MessageId, type MessageValues } from './message-catalogue.js';
import { countSmsSegments, firstThatFits, plain } from './sms-fitting.js';
import { whoValues, type WordingContext } from './wording.js';

/**
 * What the bot says when it first makes contact, checks the number, or introduces a new person, in the participant's
 * language.
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

/**
 * The first message after referral, sent only with recorded consent: who we are, who their key worker is, what
 * texts to expect, that they need not reply, and YES if this is them.
 */
export function welcomeMessage(ctx: ContactWordingContext): string {
  const t = sentences(ctx);
  const [hello, bare] = openers(t);
  const introduce = plain(ctx.keyWorkerName ?? '') === '' ? '' : t('contact.keyWorkerIs');
  const expectLong = t('contact.whatToExpect');
  const expectShort = t('contact.whatToExpectShort');
  const freeLong = t('contact.noNeedToReply');
  const freeShort = t('contact.noNeedToReplyShort');
  // Without a name, "if this is you" would ask about nobody in particular (the message's own select).
  const yesLong = t('contact.replyYes');
  const yesShort = t('contact.replyYesShort');
  const stop = t('contact.stopAnyTime');
  return firstThatFits([
    [hello, introduce, expectLong, freeLong, yesLong, stop],
    [hello, introduce, expectShort, freeLong, yesLong, stop],
    [hello, introduce, expectShort, freeShort, yesShort, stop],
    [bare, introduce, expectShort, freeShort, yesShort, stop],
    [bare, expectShort, freeShort, yesShort, stop],
  ]);
}

/**
 * The one gentle second try when the welcome had no answer. The greeting leaves the name out: whoever holds the
 * phone may not be the participant, so the name appears once, in the question.
 */
export function welcomeSecondTry(ctx: ContactWordingContext): string {
  const t = sentences(ctx);
  const check = t('contact.checkingNumber');
  const yes = t('contact.ifItIs');
  const not = t('contact.ifNot');
  return firstThatFits([
    [t('contact.again'), check, yes, not, t('contact.noRush')],
    [t('contact.again'), check, yes, not],
    [t('opener.bare'), check, t('contact.ifItIsShort'), not],
  ]);
}

/**
 * The one reply to someone who says this is not the participant's number. It names nobody but the programme:
 * the person reading is a stranger, and the participant's or key worker's name is not theirs to know.
 */
export function wrongNumberApology(programmeName: string, language = 'en'): string {
  const programme = plain(programmeName);
  return programme === '' ? say(language, 'contact.wrongNumberApology') : say(language, 'contact.wrongNumberApologySigned', { programme });
}

/**
 * One message when the key worker changes or an in-work adviser takes over: who the new person is and why, so a
 * text or call from them is not from a stranger. `ctx.keyWorkerName` is not used: the new person is `newName`.
 */
export function handoverMessage(ctx: ContactWordingContext, handover: Handover): string {
  const newName = plain(handover.newName);
  const t = sentences(ctx, { newName, hasNewName: known(newName) });
  const [hello, bare] = openers(t);
  const reason = kindReason(handover.reason);
  const inWork = handover.role === 'in_work_adviser';
  const withoutReason = t(inWork ? 'contact.newAdviser' : 'contact.newKeyWorker');
  const intros = reason === '' ? [withoutReason] : [t(inWork ? 'contact.newAdviserBecause' : 'contact.newKeyWorkerBecause', { reason }), withoutReason];
  const whatNext = t(inWork ? 'contact.adviserWillCheckIn' : 'contact.keyWorkerWillKeepInTouch');
  const openDoor = t(inWork ? 'contact.textIfYouNeedHelp' : 'contact.anyQuestions');
  return firstThatFits(
    [hello, bare].flatMap((opener) => intros.flatMap((intro) => [[opener, intro, whatNext, openDoor], [opener, intro, whatNext]])),
  );
}

/** After YES to the welcome (or the second try): thanks, and who will be in touch. */
export function contactConfirmedThanks(ctx: ContactWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([
    [t('contact.thanksForLettingUsKnow'), t('contact.willKeepInTouch'), t('contact.textAnyTime')],
    [t('contact.thanks'), t('contact.willKeepInTouch')],
  ]);
}

type Sentence = (id: MessageId, extra?: MessageValues) => string;

function sentences(ctx: ContactWordingContext, more: MessageValues = {}): Sentence {
  const values = { ...whoValues(ctx), ...more };
  return (id, extra = {}) => say(ctx.language, id, { ...values, ...extra });
}

/** "Hi Sam, this is Restart." and "This is Restart.": who is writing, longest first. */
function openers(t: Sentence): [string, string] {
  return [t('opener.thisIs'), t('opener.bare')];
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
