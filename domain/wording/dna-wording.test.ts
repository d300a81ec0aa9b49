import { describe, expect, it } from 'vitest';
import { categoriseDnaReason, DNA_REASON_OPTIONS } from '../reading/dna-reason.js';
import {
  dnaFirstMessage,
  dnaNoRearrangeNeeded,
  dnaNudge,
  dnaRearrangeNoted,
  dnaThanksAndOfferRearrange,
  type DnaWordingContext,
  type MissedAppointment,
} from './dna-wording.js';
import { matchOptOutKeyword } from '../reading/opt-out-keywords.js';
import { countSmsSegments, MAX_SEGMENTS } from './sms-fitting.js';

const LONDON = 'Europe/London';

const everyday: DnaWordingContext = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Restart', language: 'en', timeZone: LONDON };
const anonymous: DnaWordingContext = { firstName: '', keyWorkerName: null, programmeName: 'Work and Health Programme', language: 'en', timeZone: LONDON };
const longest: DnaWordingContext = {
  firstName: 'Alexandra-Josephine',
  keyWorkerName: 'Christopher Montgomery-Smith',
  programmeName: 'Connect to Work (Greater Manchester) WHP', // 40, the most PROGRAMME_NAME allows
  language: 'en',
  timeZone: LONDON,
};
const contexts = { everyday, anonymous, longest };

const cvWorkshop: MissedAppointment = { title: 'CV workshop', startsAt: new Date('2025-03-04T10:30:00Z') }; // Tue 4 Mar
const longTitle: MissedAppointment = { title: 'Employment support review meeting with Christopher', startsAt: new Date('2026-09-23T10:30:00Z') };
const longestTitle: MissedAppointment = { title: 'A'.repeat(80), startsAt: new Date('2026-09-23T10:30:00Z') }; // 80, the API's most
const missed = { 'CV workshop': cvWorkshop, 'long title': longTitle, 'longest title': longestTitle, 'no title': { ...cvWorkshop, title: '' } };

type Case = readonly [name: string, text: string, ctx: DnaWordingContext];
const cases: Case[] = Object.entries(contexts).flatMap(([who, ctx]): Case[] => [
  ...Object.entries(missed).map(([what, appt]): Case => [`dnaFirstMessage(${who}, ${what})`, dnaFirstMessage(ctx, appt), ctx]),
  ...[1, 2, 3, 4].map((step): Case => [`dnaNudge(${who}, ${step})`, dnaNudge(ctx, step), ctx]),
  [`dnaThanksAndOfferRearrange(${who})`, dnaThanksAndOfferRearrange(ctx), ctx],
  [`dnaRearrangeNoted(${who})`, dnaRearrangeNoted(ctx, ctx.keyWorkerName), ctx],
  [`dnaNoRearrangeNeeded(${who})`, dnaNoRearrangeNeeded(ctx), ctx],
]);

describe('did-not-attend wording, every template', () => {
  it.each(cases)(`%s fits in ${MAX_SEGMENTS} SMS segments of GSM-7`, (_name, text) => {
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', segments: expect.any(Number) });
    expect(countSmsSegments(text).segments).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it.each(cases)('%s never sounds like a demand, a threat or blame', (_name, text) => {
    for (const word of ['sanction', 'mandatory', 'must', 'failure', 'fail', 'compliance', 'required', 'penalty', 'benefit', 'should have']) {
      expect(text.toLowerCase()).not.toMatch(new RegExp(`\\b${word}`));
    }
  });

  it.each(cases)('%s never asks for an opt-out word as an answer', (_name, text) => {
    expect(text).not.toMatch(/\b(CANCEL|STOP|STOPALL|END|QUIT|UNSUBSCRIBE)\b/);
    for (const [, answer] of text.matchAll(/Reply (\S+)/g)) expect(matchOptOutKeyword(answer!)).toBeNull();
  });

  it.each(cases)('%s says who it is from: the key worker or the programme', (_name, text, ctx) => {
    const names = [ctx.programmeName, ctx.keyWorkerName].filter((name): name is string => name !== null);
    expect(names.some((name) => text.includes(name))).toBe(true);
  });

  it.each(cases)('%s is plain printable ASCII with single spaces', (_name, text) => {
    expect(text).toMatch(/^[\x20-\x7E]+$/);
    expect(text).not.toMatch(/ {2}|\.\.|\s$|^\s/);
  });
});

describe('dnaFirstMessage', () => {
  it('is warm, names the appointment and day, and offers numbers or their own words', () => {
    expect(dnaFirstMessage(everyday, cvWorkshop)).toBe(
      "Hi Sam, it's Restart, on behalf of your key worker Priya. We missed you at CV workshop on Tue 4 Mar. That's OK. What got in the way? " +
        "Reply 1 ill or health, 2 caring or childcare, 3 transport or cost, 4 forgot or didn't know, 5 work or interview, 6 something else, or tell us in your own words.",
    );
  });

  it.each(Object.entries(contexts).flatMap(([who, ctx]) => Object.entries(missed).map(([what, appt]) => [who, what, ctx, appt] as const)))(
    'for %s about %s: numbers the options as categoriseDnaReason reads them',
    (_who, _what, ctx, appt) => {
      const text = dnaFirstMessage(ctx, appt);
      const options = [...text.matchAll(/(?:Reply |, )(\d) ([^,]+)/g)].map(([, number, label]) => [Number(number), label!] as const);
      expect(options.map(([number]) => number)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const [number, label] of options) {
        expect(categoriseDnaReason(String(number)).category).toBe(DNA_REASON_OPTIONS[number - 1]);
        expect(categoriseDnaReason(label).category, label).toBe(DNA_REASON_OPTIONS[number - 1]);
      }
      expect(text).toContain('in your own words');
    },
  );

  it('drops the key worker, then shortens the options, then the title, then the greeting, before a third segment', () => {
    expect(dnaFirstMessage(longest, cvWorkshop)).toMatch(/^Hi Alexandra-Josephine, it's Connect to Work \(Greater Manchester\) WHP\. We missed you at CV workshop on Tue 4 Mar\./);
    expect(dnaFirstMessage(longest, longTitle)).toContain('We missed you at your appointment on Wed 23 Sep.');
    expect(dnaFirstMessage(anonymous, { ...cvWorkshop, title: '' })).toContain('We missed you at your appointment on Tue 4 Mar.');
  });

  it('keeps GSM-7 when staff type curly quotes or long dashes', () => {
    const ctx = { ...everyday, keyWorkerName: 'Siobhan O\u2019Neill', programmeName: 'Restart \u2013 North' };
    const text = dnaFirstMessage(ctx, { ...cvWorkshop, title: '\u201cNext steps\u201d chat.' });
    expect(text).toMatch(/^Hi Sam, it's Restart - North\. We missed you at "Next steps" chat on Tue 4 Mar\. /);
    expect(countSmsSegments(text).encoding).toBe('GSM-7');
    expect(dnaThanksAndOfferRearrange(ctx)).toContain("We have passed this on to Siobhan O'Neill at Restart - North.");
  });
});

describe('dnaNudge', () => {
  it('asks less each time, and stays with the softest after the third', () => {
    const [first, second, third, fourth] = [1, 2, 3, 4].map((step) => dnaNudge(everyday, step));
    expect(first).toBe(
      "Hi Sam, it's Restart, on behalf of your key worker Priya. Just checking you're OK. " +
        "If you'd like to tell us what got in the way, reply any time in your own words. Priya is here to help.",
    );
    expect(second).toBe(
      "Hi Sam, it's Restart, on behalf of your key worker Priya. Just checking in. There's no need to explain. " +
        'Reply any time and we can find a new time that suits you.',
    );
    expect(third).toBe(
      "Hi Sam, it's Restart, on behalf of your key worker Priya. We are still here for you. Whenever you're ready, just text back and Priya will help.",
    );
    expect(fourth).toBe(third);
    expect(second).not.toContain('what got in the way');
    expect(third).not.toContain('?');
  });

  it('step 0 reads as the first nudge rather than failing', () => {
    expect(dnaNudge(anonymous, 0)).toBe(dnaNudge(anonymous, 1));
    expect(dnaNudge(anonymous, 1)).toContain('Your key worker is here to help.');
  });
});

describe('the answers to a reason and to the offer', () => {
  it('thanks them, says it has gone to the key worker, and offers a new appointment', () => {
    expect(dnaThanksAndOfferRearrange(everyday)).toBe(
      'Thank you for letting us know, Sam. We have passed this on to Priya at Restart. ' +
        'Would you like a new appointment? Reply with days or times that suit you, or NO if not now.',
    );
  });

  it('says who will be in touch about the new time', () => {
    expect(dnaRearrangeNoted(everyday, 'Priya')).toBe(
      'Thanks, Sam. We have asked Priya at Restart to find a new time with you. They will be in touch soon.',
    );
    expect(dnaRearrangeNoted(everyday, null)).toContain('We have asked your key worker at Restart');
  });

  it('accepts "not now" kindly and leaves the door open', () => {
    expect(dnaNoRearrangeNeeded(everyday)).toBe(
      "That's fine, Sam. We have let Priya at Restart know. If you would like a new appointment later, just text us any time. Take care.",
    );
  });
});
