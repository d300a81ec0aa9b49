import { describe, expect, it } from 'vitest';
import { callAheadMessage, type CallAheadWording } from './call-ahead-wording.js';
import { countSmsSegments } from './sms-fitting.js';

const everyday: CallAheadWording = {
  firstName: 'Sam',
  callerName: 'Priya',
  programmeName: 'Working Well',
  language: 'en',
  inMinutes: 5,
  callerPhone: '0161 496 0000',
};

describe('callAheadMessage', () => {
  it('names the participant, the caller, the programme, when and the number', () => {
    expect(callAheadMessage(everyday)).toBe("Hi Sam, it's Priya from Working Well. I'll ring you in the next 5 minutes from 0161 496 0000.");
  });

  it('says "the next minute" for one minute', () => {
    expect(callAheadMessage({ ...everyday, inMinutes: 1 })).toBe("Hi Sam, it's Priya from Working Well. I'll ring you in the next minute from 0161 496 0000.");
  });

  it('is in Welsh for a Welsh speaker', () => {
    expect(callAheadMessage({ ...everyday, language: 'cy', firstName: 'Gwen', callerName: 'Rhian' })).toBe(
      "Helo Gwen, Rhian o Working Well sydd yma. Bydda i'n eich ffonio chi yn ystod y 5 munud nesaf o 0161 496 0000.",
    );
  });

  it('greets without a name when there is none', () => {
    expect(callAheadMessage({ ...everyday, firstName: '' })).toMatch(/^Hi, it's Priya from Working Well\./);
  });

  it('keeps the caller’s full name when it fits, and makes staff-typed quotes plain GSM-7', () => {
    expect(callAheadMessage({ ...everyday, callerName: 'Priya O’Neill' })).toBe(
      "Hi Sam, it's Priya O'Neill from Working Well. I'll ring you in the next 5 minutes from 0161 496 0000.",
    );
  });

  const longest = {
    firstName: 'Alexandra-Josephine',
    callerName: 'Christopher Montgomery-Smith',
    programmeName: 'Connect to Work (Greater Manchester) WHP',
  };
  it.each<[string, Partial<CallAheadWording>]>([
    ['everyday names', {}],
    ['long names', longest],
    ['no participant name', { firstName: '' }],
    ['an hour', { inMinutes: 60 }],
  ])('fits in one GSM-7 segment in English and Welsh with %s', (_name, names) => {
    for (const language of ['en', 'cy']) {
      const text = callAheadMessage({ ...everyday, ...names, language });
      expect(countSmsSegments(text), text).toEqual({ encoding: 'GSM-7', segments: 1 });
      expect(text).toContain('0161 496 0000');
      expect(text).toContain(names.programmeName ?? everyday.programmeName);
    }
  });

  it('lets long names give way first: the caller’s surname, then the participant’s name', () => {
    const longer = { ...everyday, ...longest, callerName: 'Christopher Montgomery-Featherstonehaugh' };
    expect(callAheadMessage(longer)).toBe(
      "Hi Alexandra-Josephine, it's Christopher from Connect to Work (Greater Manchester) WHP. I'll ring you in the next 5 minutes from 0161 496 0000.",
    );
    expect(callAheadMessage({ ...longer, firstName: 'Alexandra-Josephine Wolstenholme-Smythe', inMinutes: 45, callerPhone: '07700 900123' })).toBe(
      "Hi, it's Christopher from Connect to Work (Greater Manchester) WHP. I'll ring you in the next 45 minutes from 07700 900123.",
    );
  });
});
