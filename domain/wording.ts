import type { ParticipantContext } from './conversation.types.js';

/**
 * What the bot says, in English. Short, plain words, warm, and always saying who it is from:
 * many participants fear being sanctioned, so nothing here may sound like a demand or a threat.
 * Plain ASCII only, so an SMS stays in the GSM-7 alphabet (160 characters a segment, not 70).
 */
export type WordingContext = Pick<ParticipantContext, 'firstName' | 'keyWorkerName' | 'programmeName'>;

function hello(ctx: WordingContext): string {
  const name = ctx.firstName.trim();
  return name === '' ? 'Hi' : `Hi ${name}`;
}

function keyWorker(ctx: WordingContext): string {
  const name = ctx.keyWorkerName?.trim();
  return name ? `your key worker ${name}` : 'your key worker';
}

export function optOutConfirmation(ctx: WordingContext): string {
  return `${ctx.programmeName}: you will not get any more messages from us. If you change your mind, text START.`;
}

export function optInConfirmation(ctx: WordingContext): string {
  return `${hello(ctx)}, this is ${ctx.programmeName}. You are signed up for messages from us. Text STOP at any time to stop them.`;
}

export function helpMessage(ctx: WordingContext): string {
  return `This is ${ctx.programmeName}. ${capitalise(keyWorker(ctx))} reads your replies. Just text back if you need anything. Text STOP to stop our messages.`;
}

export function crisisSignposting(ctx: WordingContext): string {
  return (
    `${ctx.programmeName}: we are sorry things are so hard. ` +
    'You can call Samaritans free on 116 123, any time, day or night. ' +
    'In an emergency, call 999. Or text SHOUT to 85258. ' +
    `We have told ${keyWorker(ctx)}.`
  );
}

export function passedOnToKeyWorker(ctx: WordingContext): string {
  return `${hello(ctx)}, thanks for your message. We have kept it and passed it to ${keyWorker(ctx)} at ${ctx.programmeName}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
