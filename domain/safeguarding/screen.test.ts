import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { screenForRisk, secondOpinionMayAdd, SET_ASIDE_SILENCES_UP_TO } from './screen.js';

describe('the safeguarding screen', () => {
  it.each([
    // participant texts, category flagged first
    ['i feel sucidal', 'suicide'],
    ['kms', 'suicide'],
    ['gonna unalive myself tonight', 'suicide'],
    ["I've been saving up my tablets", 'suicide'],
    ["goodbye everyone, I've left a note for the kids", 'suicide'],
    ['i want to kil my self', 'suicide'],
    ['Nobody would notice if I was gone', 'suicide'],
    ['ive been cuttin again', 'self_harm'],
    ['he choked me', 'domestic_abuse'],
    ['my husbend strangeled me last nite', 'domestic_abuse'],
    ['my bf takes all my money and checks my phone', 'domestic_abuse'],
    ['I was raped on Saturday', 'sexual_violence'],
    ['he wouldnt stop when i said no', 'sexual_violence'],
    ["I'm 13 and my stepdad touches me", 'child_at_risk'],
    ['my boss keeps my passport', 'exploitation'],
    ['the man I work for keeps my wages', 'exploitation'],
    ['sleeping rough tonight', 'homeless_tonight'],
    ['got kicked out 2day nowhere 2 stay 2nite', 'homeless_tonight'],
    ['someone pulled a knife on me outside the shop', 'violence'],
    ['Dwi ddim isio byw ddim mwy', 'suicide'],
    ['Mae o di fy nharo i eto', 'domestic_abuse'],
    ['Does gen i nunlle i gysgu heno', 'homeless_tonight'],
  ] as const)('%j → %s', (text, category) => {
    const screen = screenForRisk(text);
    expect(screen.risk).toBe(true);
    expect(screen.category).toBe(category);
    expect(screen.categories[0]).toBe(category);
  });

  it.each([
    'killing it at work',
    'dying to start',
    'dead tired today',
    'I got kicked out of the group chat',
    'hit with a bill for £80',
    'they cut my hours',
    'can we jump on a call?',
    'can I end my contract early',
    "can't go on Tuesday",
    "no point coming if it's cancelled",
    'I took loads of notes at the workshop',
    'my feet are killing me',
    'gonna kill my brother lol he ate my chips',
    'I took my tablets this morning',
    'Starting as a support worker at a domestic abuse charity',
    'I need my passport for the ID check',
    "Mae'r traffig 'ma'n fy lladd i",
    'yes',
    '',
  ])('%j is not flagged', (text) => {
    expect(screenForRisk(text)).toEqual({ risk: false, category: null, categories: [], flags: [], reason: '' });
  });

  it('says why: the rule and the words the participant wrote', () => {
    const screen = screenForRisk('honestly might just kms');
    expect(screen.flags).toContainEqual({ category: 'suicide', rule: 'killing oneself', words: 'kms' });
    expect(screen.reason).toContain('suicide: killing oneself ("kms")');
  });

  it('reads look-alike letters, invisible characters, leetspeak and stretched letters', () => {
    for (const text of ['і want to kіll mysеlf', 'i want to k\u200Bill myself', 'i w4nt to k1ll mys3lf', 'i want to kiiiiill myselfffff']) {
      expect(screenForRisk(text).category, text).toBe('suicide');
    }
  });

  it('orders categories most urgent first', () => {
    expect(screenForRisk("he hits me and I want to end my life").categories).toEqual(['suicide', 'domestic_abuse']);
  });

  it('never throws on any text, and every flag quotes words from a known category', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), (text) => {
        const screen = screenForRisk(text);
        expect(screen.risk).toBe(screen.flags.length > 0);
        expect(screen.categories.length > 0).toBe(screen.risk);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on long texts made of risk words in any order (up to 10,000 characters)', () => {
    const riskWords = fc.constantFrom('he', 'my', 'partner', 'hit', 'kill', 'i', 'want', 'to', 'pills', 'saving', 'not', 'allowed', 'nowhere', 'sleep', 'kids', 'secret', 'passport', 'owe', 'tonight', 'myself', 'rope', 'bridge', 'fy', 'hun', 'lladd', 'isio', 'k1ll', 'kiiiill', 'sucidal', 'lol', '😂', '\u200B');
    fc.assert(
      fc.property(fc.array(riskWords, { minLength: 1, maxLength: 2_000 }), (words) => {
        const text = words.join(' ').slice(0, 10_000);
        const screen = screenForRisk(text);
        expect(screen.flags.every((flag) => text.length > 0 && flag.words.length > 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('finishes a 10,000-character message of near-misses, and a risk hidden in it is still found', () => {
    const words = ['he', 'my', 'partner', 'hit', 'kill', 'i', 'want', 'to', 'pills', 'saving', 'not', 'allowed', 'nowhere', 'sleep', 'kids', 'secret', 'passport', 'owe'];
    const noise = Array.from({ length: 1_500 }, (_, index) => words[(index * 7) % words.length]).join(' ');
    expect(screenForRisk(noise).risk).toBeTypeOf('boolean');
    const hidden = `${'la '.repeat(2_000)} i want to kill myself ${'la '.repeat(1_000)}`;
    expect(screenForRisk(hidden).category).toBe('suicide');
  });
});

describe('when the second opinion may add a flag', () => {
  it('never when a rule has flagged', () => {
    expect(secondOpinionMayAdd({ flagged: true, declined: false }, 40)).toBe(false);
  });

  it('not in a short message where a rule set risk words aside ("killing it" must not reach it as "killing")', () => {
    expect(secondOpinionMayAdd({ flagged: false, declined: true }, SET_ASIDE_SILENCES_UP_TO - 1)).toBe(false);
    expect(secondOpinionMayAdd({ flagged: false, declined: false }, SET_ASIDE_SILENCES_UP_TO - 1)).toBe(true);
  });

  it('in a long message even where a rule was set aside, whose excusing words may be sentences from a disclosure', () => {
    expect(secondOpinionMayAdd({ flagged: false, declined: true }, SET_ASIDE_SILENCES_UP_TO)).toBe(true);
  });
});
