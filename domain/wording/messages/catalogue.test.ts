import { parse, type Token } from '@messageformat/parser';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { catalogueOf, LANGUAGES, say, type Language, type MessageId } from '../message-catalogue.js';
import { matchOptOutKeyword } from '../../reading/opt-out-keywords.js';
import { countSmsSegments } from '../sms-fitting.js';
import { NAMES, renderedMessages } from '../../../test/rendered-messages.js';
import { en } from './en.js';

const IDS = Object.keys(en) as MessageId[];

/** Every variable a message uses, including those that only choose a wording (select, plural). */
function variables(message: string): string[] {
  const found = new Set<string>();
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'argument' || token.type === 'function') found.add(token.arg);
      if (token.type === 'select' || token.type === 'plural' || token.type === 'selectordinal') {
        found.add(token.arg);
        for (const c of token.cases) walk(c.tokens);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/**
 * Flesch-Kincaid grade as a reading age (grade + 5, the UK convention). Sentences end at . ! ? and at a colon
 * ("Reminder:"), so a heading is not read as part of the sentence after it.
 */
function readingAge(text: string): number {
  const sentences = text.split(/[.!?:]+(?:\s|$)|\n/u).filter((s) => /\p{L}/u.test(s)).length || 1;
  const words = text.match(/\p{L}[\p{L}'-]*/gu) ?? [];
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: words.reduce((n, w) => n + syllable(w), 0) }) + 5;
}

/** Words a participant afraid of sanctions should never read, in each shipped language. */
const AVOID: Record<Language, RegExp> = {
  en: /\b(mandatory|sanction\w*|complian\w*|comply|conditionality|claimant commitment|obligat\w*|obliged|penalt\w*|penalis\w*|breach\w*|must|required|requirement\w*|fail\w*|non-attendance|DNA)\b/iu,
  cy: /(gorfodol|sancsiwn|sancsiynau|cosb\w*|cydymffurfio|methiant|torri amod)/iu,
};

describe('the message catalogue', () => {
  it.each(LANGUAGES)('%s has every message, and no other', (language) => {
    expect(Object.keys(catalogueOf(language)).sort()).toEqual([...IDS].sort());
  });

  it.each(LANGUAGES.flatMap((language) => IDS.map((id) => [language, id] as const)))('%s %s uses the same variables as English', (language, id) => {
    expect(variables(catalogueOf(language)[id])).toEqual(variables(en[id]));
  });

  it.each(LANGUAGES)('%s: every message compiles and renders with its variables', (language) => {
    const values = { firstName: 'Sam', hasName: 'yes', keyWorker: 'Priya', hasKeyWorker: 'no', adviser: 'Jo', hasAdviser: 'yes', newName: 'Jo', hasNewName: 'no' };
    for (const id of IDS) {
      const text = say(language, id, { ...values, programme: 'Restart', what: 'Review', What: 'Review', when: 'x', where: '', location: 'y', day: 'x', title: 't', number: 1, choices: 'c', first: 'a', last: 'b', min: 0, max: 6, weeks: 3, reason: 'r', caller: 'Priya', minutes: 5, callerPhone: '0161 496 0000' });
      expect(text, id).not.toMatch(/[{}]/u);
      expect(text.trim(), id).not.toBe('');
    }
  });

  it.each(LANGUAGES)('%s follows its plural rules for weeks since a job start', (language) => {
    const weeks = (n: number) => say(language, 'checkIn.weeksSinceStart', { weeks: n });
    for (const n of [1, 2, 3, 4, 6, 11, 26]) expect(weeks(n)).not.toMatch(/[{}#]/u);
    if (language === 'en') expect([weeks(1), weeks(4)]).toEqual(["It's a week since you started.", "It's 4 weeks since you started."]);
    if (language === 'cy') expect([weeks(1), weeks(2), weeks(4)]).toEqual(['Mae wythnos ers i chi ddechrau.', 'Mae pythefnos ers i chi ddechrau.', 'Mae 4 wythnos ers i chi ddechrau.']);
  });

  it('reads an unknown or regional language code as the nearest shipped one, else English', () => {
    expect(say('cy-GB', 'opener.bare', { programme: 'Restart' })).toBe('Dyma Restart.');
    expect(say('pl', 'opener.bare', { programme: 'Restart' })).toBe('This is Restart.');
    expect(say(null, 'opener.bare', { programme: 'Restart' })).toBe('This is Restart.');
  });
});

describe.each(LANGUAGES)('every message in %s', (language) => {
  const cases = Object.entries(NAMES).flatMap(([who, names]) => renderedMessages(language, names).map((m) => [`${m.name} (${who})`, m] as const));

  it.each(cases)('%s fits its SMS budget, counting GSM-7 and UCS-2 as Twilio does', (_name, message) => {
    const { segments, encoding } = countSmsSegments(message.text);
    expect(segments, `${encoding}: ${message.text}`).toBeLessThanOrEqual(message.budget);
  });

  it.each(cases)('%s uses none of the words people on programmes fear', (_name, message) => {
    expect(message.text).not.toMatch(AVOID[language]);
  });

  it.each(cases)('%s never asks them to text an opt-out word as an answer', (_name, message) => {
    const asked = [...message.text.matchAll(/\b(?:reply|atebwch)\s+([A-Z][A-Z ]*[A-Z])\b/gu)].map(([, word]) => word as string);
    for (const word of asked) expect(matchOptOutKeyword(word), word).toBeNull();
  });
});

describe('plain English', () => {
  it.each(renderedMessages('en', NAMES.everyday).map((m) => [m.name, m] as const))('%s reads at a reading age of 9 or below', (_name, message) => {
    expect(readingAge(message.text), message.text).toBeLessThanOrEqual(9);
  });
});
