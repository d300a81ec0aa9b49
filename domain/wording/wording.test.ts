import { describe, it, expect } from 'vitest';
import {
  helpMessage,
  optInConfirmation,
  optOutConfirmation,
  passedOnToKeyWorker,
  type WordingContext,
} from './wording.js';

const withKeyWorker: WordingContext = {
  firstName: 'Sam',
  keyWorkerName: 'Priya',
  programmeName: 'Work and Health Programme',
  language: 'en',
};
const withoutKeyWorker: WordingContext = { firstName: '', keyWorkerName: null, programmeName: 'Restart', language: 'en' };
const longNames: WordingContext = {
  firstName: 'Alexandra-Josephine',
  keyWorkerName: 'Christopher Montgomery-Smith',
  programmeName: 'Connect to Work (Greater Manchester)',
  language: 'en',
};

const messages = { optOutConfirmation, optInConfirmation, helpMessage, passedOnToKeyWorker };
const cases = Object.entries(messages).flatMap(([name, message]) =>
  [withKeyWorker, withoutKeyWorker, longNames].map((ctx) => [name, message(ctx), ctx] as const),
);

describe('wording', () => {
  it.each(cases)('%s is short: %j', (_name, text) => {
    expect(text.length).toBeLessThan(300);
  });

  it.each(cases)('%s never sounds like a demand or a threat: %j', (_name, text) => {
    for (const word of ['sanction', 'mandatory', 'compliance', 'must', 'failure']) {
      expect(text.toLowerCase()).not.toContain(word);
    }
  });

  it.each(cases)('%s says who it is from: %j', (_name, text, ctx) => {
    const names = [ctx.programmeName, ctx.keyWorkerName].filter((name): name is string => name !== null);
    expect(names.some((name) => text.includes(name))).toBe(true);
  });

  it.each(cases)('%s stays in plain GSM-7 characters: %j', (_name, text) => {
    expect(text).toMatch(/^[A-Za-z0-9 .,:;!?'()"&%+*=<>@#$\-/\n]*$/);
  });

  it('the opt-out confirmation says nothing more will come and how to restart', () => {
    expect(optOutConfirmation(withKeyWorker)).toBe(
      'Work and Health Programme: you will not get any more messages from us. If you change your mind, text START.',
    );
  });

  it('help names the key worker who reads replies and how to stop', () => {
    expect(helpMessage(withKeyWorker)).toBe(
      'This is Work and Health Programme. Your key worker Priya reads your replies. Just text back if you need anything. Text STOP to stop our messages.',
    );
    expect(helpMessage(withoutKeyWorker)).toContain('Your key worker reads your replies.');
  });

  it('free text is kept and passed on', () => {
    expect(passedOnToKeyWorker(withKeyWorker)).toBe(
      'Hi Sam, thanks for your message. We have kept it and passed it to your key worker Priya at Work and Health Programme.',
    );
    expect(passedOnToKeyWorker(withoutKeyWorker)).toBe(
      'Hi, thanks for your message. We have kept it and passed it to your key worker at Restart.',
    );
  });
});
