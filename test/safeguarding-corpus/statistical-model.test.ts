import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, trainLogisticRegression } from './model/logistic-regression.js';
import { trainingFingerprint } from './model/training-fingerprint.js';
import { FEATURE_BITS, modelFeatures } from '../../domain/safeguarding/model-features.js';
import { normaliseForScreening } from '../../domain/safeguarding/normalise.js';
import { RISK_CATEGORIES } from '../../domain/safeguarding/risk-category.js';
import { screenByRules, screenForRisk } from '../../domain/safeguarding/screen.js';
import { STATISTICAL_MODEL } from '../../domain/safeguarding/statistical-model.data.js';
import { riskScore, secondOpinion, WINDOWS_FROM_TOKENS } from '../../domain/safeguarding/statistical-model.js';
import { readTokens } from '../../domain/safeguarding/token-reading.js';
import { loadCorpus } from './corpus.js';

/** How many tuning texts the flag-shape check screens: a fixed number, so its time does not grow with the corpus. */
const SAMPLED_TEXTS = 4000;

/** The statistical second opinion (README "Safeguarding screen"): trained on the tuning part, adds flags, explains them. */
describe('the statistical second opinion', () => {
  const tuning = loadCorpus('tuning');

  it('was trained on today\'s tuning texts and today\'s screen (else run `npm run train:safeguarding`)', () => {
    expect(STATISTICAL_MODEL.trainedOn).toEqual(trainingFingerprint());
  });

  it('trains the same weights from the same texts', () => {
    const examples = tuning.slice(0, 1500).map((message) => ({
      buckets: Uint32Array.from(modelFeatures(readTokens(message.text)).buckets),
      label: message.risk ? 1 : 0,
    }));
    const options = { ...DEFAULT_TRAINING, epochs: 2, buckets: 1 << FEATURE_BITS };
    expect(trainLogisticRegression(examples, options)).toEqual(trainLogisticRegression(examples, options));
  });

  it('only adds a flag when no rule flagged, never removes one, and says its category and the participant\'s words', () => {
    let added = 0;
    // About 4,000 tuning texts spread over the whole part, however large it grows: enough model flags to check, in a
    // few seconds on a busy machine (every fourth text took 40 s once the part passed 80,000).
    const stride = Math.max(1, Math.ceil(tuning.length / SAMPLED_TEXTS));
    for (const { text } of tuning.filter((_, index) => index % stride === 0)) {
      const rules = screenByRules(text);
      const screen = screenForRisk(text);
      if (rules.risk) {
        expect(screen).toEqual(rules);
        continue;
      }
      if (!screen.risk) continue;
      added++;
      expect(screen.flags).toHaveLength(1);
      const [flag] = screen.flags;
      expect(RISK_CATEGORIES).toContain(flag!.category);
      expect(flag!.rule).toBe(`model:${flag!.category}`);
      expect(screen.reason).toBe(`${flag!.category.replace(/_/g, ' ')}: model:${flag!.category} ("${flag!.words}")`);
      const written = normaliseForScreening(text).split(' ');
      const words = flag!.words.split(' ');
      expect(words.length).toBeGreaterThan(0);
      for (const word of words) expect(written, text).toContain(word);
    }
    expect(added).toBeGreaterThan(0);
  });

  describe('in a long message, reads windows of it too', () => {
    const ordinary = [
      'Hiya, the bus was late again so I might be ten minutes behind on Thursday, sorry.',
      'My back has been a lot better this week and I have been walking to the shops every morning.',
    ];
    const after = 'The payslip from the warehouse came through fine and I think my tax code is right now. Can I bring my mum\'s letter about the council tax as well?';
    const disclosure = 'He holds my bank card and gives me ten pound a week and checks where I go.';

    it('hears one sentence of control among ordinary news, which the whole text\'s score drowns', () => {
      const text = [...ordinary, disclosure, after].join(' ');
      expect(readTokens(text).length).toBeGreaterThanOrEqual(WINDOWS_FROM_TOKENS);
      expect(screenByRules(text).risk).toBe(false);
      expect(riskScore(readTokens(text))).toBeLessThan(STATISTICAL_MODEL.threshold);
      const screen = screenForRisk(text);
      // Which help it names is the category models' call, and a control of money is either.
      expect(['domestic_abuse', 'exploitation']).toContain(screen.category);
      expect(screen.flags[0]!.rule).toBe(`model:${screen.category}`);
      for (const word of screen.flags[0]!.words.split(' ')) expect(disclosure.toLowerCase()).toContain(word);
    });

    it('stays quiet on the same news without it', () => {
      expect(screenForRisk([...ordinary, after].join(' ')).risk).toBe(false);
    });

    it('does not read a window of a message told as long past and over, which the window would not know', () => {
      const text =
        'I have been thinking about how far I have come since I started the course with you all. Years ago my ex held my bank card and gave me ten pound a week and checked everywhere I went and who I spoke to. I left him with help from the refuge, I am in a good place now and I have my own account and my own flat. Thank you for believing in me';
      expect(secondOpinion(readTokens(text), { windows: true })?.category).toBe('domestic_abuse');
      expect(screenForRisk(text).risk).toBe(false);
    });
  });
});
