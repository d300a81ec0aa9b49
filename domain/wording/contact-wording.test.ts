import { describe, expect, it } from 'vitest';
import {
  contactConfirmedThanks,
  handoverMessage,
  welcomeMessage,
  welcomeSecondTry,
  wrongNumberApology,
  type ContactWordingContext,
  type Handover,
} from './contact-wording.js';
import { matchOptOutKeyword } from '../reading/opt-out-keywords.js';
import type { ReminderWordingContext } from './reminder-wording.js';
import { countSmsSegments, MAX_SEGMENTS } from './sms-fitting.js';
import { isWrongNumberReply } from '../reading/wrong-number.js';

const everyday: ReminderWordingContext = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Restart', language: 'en', timeZone: 'Europe/London' };
const anonymous: ContactWordingContext = { firstName: '', keyWorkerName: null, programmeName: 'Work and Health Programme', language: 'en' };
const longest: ContactWordingContext = {
  firstName: 'Alexandra-Josephine',
  keyWorkerName: 'Christopher Montgomery-Smith',
  programmeName: 'Connect to Work (Greater Manchester) WHP', // 40, the most PROGRAMME_NAME allows
  language: 'en',
};
const contexts = { everyday, anonymous, longest };

const handovers: Record<string, Handover> = {
  'new key worker': { newName: 'Alex', role: 'key_worker', reason: 'Priya has moved to another team.' },
  'new key worker, long names and reason': {
    newName: 'Christopher Montgomery-Smith',
    role: 'key_worker',
    reason: 'Priya has moved to another team in the north of the county and will not be working with this caseload any more',
  },
  'in-work adviser': { newName: 'Jordan', role: 'in_work_adviser' },
  'in-work adviser, long name and reason': {
    newName: 'Jordan Featherstonehaugh-Smythe',
    role: 'in_work_adviser',
    reason: 'She works with people in their first months at work',
  },
};

type Case = readonly [name: string, text: string, ctx: ContactWordingContext];
const cases: Case[] = Object.entries(contexts).flatMap(([who, ctx]): Case[] => [
  [`welcomeMessage(${who})`, welcomeMessage(ctx), ctx],
  [`welcomeSecondTry(${who})`, welcomeSecondTry(ctx), ctx],
  [`wrongNumberApology(${who})`, wrongNumberApology(ctx.programmeName), ctx],
  [`contactConfirmedThanks(${who})`, contactConfirmedThanks(ctx), ctx],
  ...Object.entries(handovers).map(([what, handover]): Case => [`handoverMessage(${who}, ${what})`, handoverMessage(ctx, handover), ctx]),
]);

describe('contact wording, every template', () => {
  it.each(cases)(`%s fits in ${MAX_SEGMENTS} SMS segments of GSM-7`, (_name, text) => {
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', segments: expect.any(Number) });
    expect(countSmsSegments(text).segments).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it.each(cases)('%s never sounds like a demand or a threat', (_name, text) => {
    for (const word of ['sanction', 'mandatory', 'must', 'failure', 'fail', 'compliance', 'required', 'penalty', 'benefit', 'have to attend']) {
      expect(text.toLowerCase()).not.toMatch(new RegExp(`\\b${word}`));
    }
  });

  it.each(cases)('%s never asks for an opt-out word as an answer (STOP only as the way to stop)', (_name, text) => {
    expect(text.replace('Text STOP any time to stop.', '')).not.toMatch(/\b(CANCEL|STOP|STOPALL|END|QUIT|UNSUBSCRIBE)\b/);
    for (const [, answer] of text.matchAll(/[Rr]eply (\S+)/g)) expect(matchOptOutKeyword(answer!)).toBeNull();
  });

  it.each(cases)('%s names the programme', (_name, text, ctx) => {
    expect(text).toContain(ctx.programmeName);
  });

  it.each(cases)('%s is plain printable ASCII with single spaces', (_name, text) => {
    expect(text).toMatch(/^[\x20-\x7E]+$/);
    expect(text).not.toMatch(/ {2}|\.\.|\s$|^\s|,\./);
  });
});

describe('welcomeMessage', () => {
  it('names the programme and key worker, says what to expect, that no reply is owed, and asks for YES', () => {
    expect(welcomeMessage(everyday)).toBe(
      'Hi Sam, this is Restart. Priya is your key worker. We will text you here with reminders about your appointments ' +
        "and a few check-ins to see how things are going. You don't have to reply to anything. If this is you, please reply YES. " +
        'Text STOP any time to stop.',
    );
  });

  it.each(Object.entries(contexts))('for %s: keeps the key worker, the free choice, YES and STOP', (_who, ctx) => {
    const text = welcomeMessage(ctx);
    if (ctx.keyWorkerName !== null) expect(text).toContain(`${ctx.keyWorkerName} is your key worker.`);
    expect(text).toMatch(/reminders about (your )?appointments and a few check-ins/);
    expect(text).toContain("You don't have to reply");
    expect(text).toMatch(/reply YES\. Text STOP any time to stop\.$/);
  });

  it('asks about the number, not "you", when there is no name', () => {
    expect(welcomeMessage(anonymous)).toContain('If this is the right number, please reply YES.');
  });
});

describe('welcomeSecondTry', () => {
  it('checks gently, once, naming the participant only in the question', () => {
    expect(welcomeSecondTry(everyday)).toBe(
      'Hi, this is Restart again. Just checking this is the right number for Sam. If it is, please reply YES and Priya, ' +
        "your key worker, will be in touch. If not, just reply WRONG NUMBER and we won't text again. There's no rush.",
    );
    expect(welcomeSecondTry(everyday).match(/Sam/g)).toHaveLength(1);
  });

  it.each(Object.entries(contexts))('for %s: the answer it suggests for a stranger is read as a wrong number', (_who, ctx) => {
    const suggested = /reply (WRONG NUMBER)/.exec(welcomeSecondTry(ctx))?.[1];
    expect(suggested).toBeDefined();
    expect(isWrongNumberReply(suggested!)).toBe(true);
  });
});

describe('wrongNumberApology', () => {
  it('apologises once, signed by the programme alone', () => {
    expect(wrongNumberApology('Restart')).toBe('Sorry to have bothered you. We will not text this number again. - Restart');
  });

  it.each(Object.entries(contexts))('for %s: names neither the participant nor the key worker', (_who, ctx) => {
    const text = wrongNumberApology(ctx.programmeName);
    if (ctx.firstName !== '') expect(text).not.toContain(ctx.firstName);
    if (ctx.keyWorkerName !== null) expect(text).not.toContain(ctx.keyWorkerName);
    expect(text).not.toMatch(/key worker/i);
  });

  it('keeps GSM-7 and still apologises without a programme name', () => {
    expect(wrongNumberApology('Restart \u2013 North')).toBe('Sorry to have bothered you. We will not text this number again. - Restart - North');
    expect(wrongNumberApology('  ')).toBe('Sorry to have bothered you. We will not text this number again.');
  });
});

describe('handoverMessage', () => {
  it('names the new key worker and why', () => {
    expect(handoverMessage(everyday, handovers['new key worker']!)).toBe(
      'Hi Sam, this is Restart. From now on Alex is your key worker, because Priya has moved to another team. ' +
        'Alex will keep in touch with you here. Just text back if you have any questions.',
    );
  });

  it('names the in-work adviser, now that they have started work', () => {
    expect(handoverMessage(everyday, handovers['in-work adviser']!)).toBe(
      'Hi Sam, this is Restart. Jordan is your in-work adviser now that you have started work. ' +
        'Jordan will check in now and then to see how the job is going. Just text back any time if you need help.',
    );
  });

  it.each(Object.entries(contexts).flatMap(([who, ctx]) => Object.entries(handovers).map(([what, h]) => [who, what, ctx, h] as const)))(
    'for %s, %s: always names the new person and their role',
    (_who, _what, ctx, handover) => {
      const text = handoverMessage(ctx, handover);
      expect(text).toContain(handover.newName);
      expect(text).toContain(handover.role === 'key_worker' ? 'is your key worker' : 'is your in-work adviser');
    },
  );

  it('leaves out a reason that will not fit, rather than the greeting', () => {
    const text = handoverMessage(longest, handovers['new key worker, long names and reason']!);
    expect(text).toMatch(/^Hi Alexandra-Josephine, /);
    expect(text).not.toContain('because');
  });

  it('makes a staff-typed reason read on from "because", and keeps it GSM-7', () => {
    const text = handoverMessage(everyday, { newName: 'Alex', role: 'key_worker', reason: ' Because  she\u2019s moved to the Salford team. ' });
    expect(text).toContain("Alex is your key worker, because she's moved to the Salford team. Alex will");
    expect(countSmsSegments(text).encoding).toBe('GSM-7');
  });

  it.each([
    ['a word that reads as a threat', 'of your failure to engage'],
    ['an opt-out keyword', 'Priya said to text STOP'],
    ['characters outside GSM-7', 'Priya moved team \u{1F622}'],
    ['nothing', '   '],
  ])('drops a reason with %s', (_what, reason) => {
    expect(handoverMessage(everyday, { newName: 'Alex', role: 'key_worker', reason })).toBe(
      'Hi Sam, this is Restart. From now on Alex is your key worker. Alex will keep in touch with you here. Just text back if you have any questions.',
    );
  });

  it('still reads when staff left the new name blank', () => {
    expect(handoverMessage(everyday, { newName: '', role: 'key_worker' })).toContain('From now on you have a new key worker. They will keep in touch');
    expect(handoverMessage(everyday, { newName: ' ', role: 'in_work_adviser' })).toContain('You have an in-work adviser now that you have started work. They will check in');
  });
});

describe('contactConfirmedThanks', () => {
  it('thanks them and says who will be in touch', () => {
    expect(contactConfirmedThanks(everyday)).toBe(
      'Thanks for letting us know, Sam. Priya at Restart will keep in touch with you here. Text back any time if you need anything.',
    );
    expect(contactConfirmedThanks(anonymous)).toMatch(/^Thanks for letting us know\. Your key worker at Work and Health Programme will/);
  });
});
