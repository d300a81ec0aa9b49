import type { ParticipantContext } from '../conversation/conversation.types.js';
import { known, say, type MessageValues } from './message-catalogue.js';
import { plain } from './sms-fitting.js';

/**
 * What the bot says, in the participant's language (domain/wording/messages/): short, plain words, warm, and always saying
 * who it is from. Many participants fear being sanctioned, so nothing may sound like a demand or a threat. Values
 * typed by staff are made plain GSM-7 (sms-fitting.ts `plain`) before they go into a message.
 */
export type WordingContext = Pick<ParticipantContext, 'firstName' | 'keyWorkerName' | 'programmeName' | 'language'>;

/** The variables every message may use about who it is to and from. */
export function whoValues(ctx: WordingContext): MessageValues {
  const firstName = plain(ctx.firstName);
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  return { firstName, hasName: known(firstName), keyWorker, hasKeyWorker: known(keyWorker), programme: plain(ctx.programmeName) };
}

export function optOutConfirmation(ctx: WordingContext): string {
  return say(ctx.language, 'optOut.confirmation', whoValues(ctx));
}

export function optInConfirmation(ctx: WordingContext): string {
  return say(ctx.language, 'optIn.confirmation', whoValues(ctx));
}

export function helpMessage(ctx: WordingContext): string {
  return say(ctx.language, 'help.message', whoValues(ctx));
}

export function passedOnToKeyWorker(ctx: WordingContext): string {
  return say(ctx.language, 'freeText.passedOn', whoValues(ctx));
}
