import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normaliseForScreening, screenForRisk, type RiskCategory } from './safeguarding-screen.js';

const positives: [message: string, category: RiskCategory][] = [
  ['I want to kill myself', 'suicide'],
  ['i just want to end it all', 'suicide'],
  ['I want to die', 'suicide'],
  ["I don't want to be here anymore", 'suicide'],
  ['dont want to be here any more tbh', 'suicide'],
  ["I've been feeling suicidal again", 'suicide'],
  ['thinking about suicide', 'suicide'],
  ["I don't want to live", 'suicide'],
  ['everyone would be better off without me', 'suicide'],
  ['there is no point in living', 'suicide'],
  ['I wish I was dead', 'suicide'],
  ["I'm going to take my own life", 'suicide'],
  ['wanna die', 'suicide'],
  ['I feel like jumping off a bridge', 'suicide'],
  ['I self harm when it gets bad', 'self_harm'],
  ['started self-harming again', 'self_harm'],
  ['I keep cutting myself', 'self_harm'],
  ['I took an overdose last night', 'self_harm'],
  ['I want to hurt myself', 'self_harm'],
  ['took a load of paracetamol', 'self_harm'],
  ['he hits me', 'abuse'],
  ['She hit me last night', 'abuse'],
  ['he hit me on the head', 'abuse'],
  ["he's been hitting me again", 'abuse'],
  ['my partner keeps hurting me', 'abuse'],
  ['I am being abused', 'abuse'],
  ["I'm scared of my partner", 'abuse'],
  ['I am not safe at home', 'abuse'],
  ["I don't feel safe at home", 'abuse'],
  ["my boyfriend won't let me leave the house", 'abuse'],
  ['it is domestic abuse', 'abuse'],
  ["he'll kill me if I go", 'violence'],
  ['he said he would kill me', 'violence'],
  ["I'm going to hurt someone", 'violence'],
  ['he threatened me with a knife', 'violence'],
  ['a man pulled a knife on me', 'violence'],
  ['I got stabbed', 'violence'],
  ["I'll kill him", 'violence'],
  // Obfuscation: case, leetspeak, zero-width and full-width characters, curly apostrophes
  ['I WANT TO K1LL MYS3LF', 'suicide'],
  ['su1c1dal', 'suicide'],
  ['kill\u200B myself', 'suicide'],
  ['ｋｉｌｌ ｍｙｓｅｌｆ', 'suicide'],
  ['I don\u2019t want to be here anymore', 'suicide'],
  ['k!ll   myself', 'suicide'],
  ['$elf h@rm', 'self_harm'],
];

const negatives: string[] = [
  "I'm dying to start",
  'this job is killing me',
  'I killed it at the interview',
  'the bus was a nightmare',
  'they cut my hours',
  'I could kill for a coffee',
  'he hit me up yesterday about the job',
  'she beat me to the last interview slot',
  'my mum will kill me if I miss it',
  'I hit my target this week',
  'I nearly died laughing',
  "I'm dead tired",
  'knife and fork skills on the catering course',
  'I got shot of my old phone',
  "I'm scared of the interview",
  "I don't want to live in this area any more",
  "I don't want to be late",
  'end of the week works for me',
  'I hurt my back lifting boxes',
  "I'm going to kill it tomorrow",
  'just killing time before my appointment',
  'we got beaten 3-0 on Saturday',
  'got hit with a massive bill',
  'they threatened me with a sanction',
  'I cut myself shaving',
  "I'm not at home right now",
  'my landlord cut the heating off',
  "don't want to wake up early",
  'my partner is starting a new job',
  'the interview is at 116 Main Street at 10',
];

describe('screenForRisk', () => {
  it.each(positives)('%j reads as risk (%s)', (message, category) => {
    const screen = screenForRisk(message);
    expect(screen.risk).toBe(true);
    expect(screen.categories).toContain(category);
    expect(screen.matched.length).toBeGreaterThan(0);
  });

  it.each(negatives)('%j is not risk', (message) => {
    expect(screenForRisk(message)).toEqual({ risk: false, categories: [], matched: [] });
  });

  it('reports every category and phrase in a message that has more than one', () => {
    const screen = screenForRisk('He hits me and I want to kill myself');
    expect(screen.categories).toEqual(['suicide', 'abuse']);
    expect(screen.matched).toEqual(expect.arrayContaining(['kill myself', 'he hits me']));
  });

  it('never throws and stays quick on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 10_000 }), (text) => {
        const screen = screenForRisk(text);
        expect(screen.risk).toBe(screen.matched.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('normaliseForScreening', () => {
  it.each([
    ['  Kill\u200D   MY-SELF!! ', 'kill my self'],
    ['k1ll', 'kill'],
    ['call 116 123', 'call 116 123'],
    ['don\u2019t', "don't"],
    ["'quoted'", 'quoted'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseForScreening(input)).toBe(expected);
  });
});
