import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, trainLogisticRegression } from './model/logistic-regression.js';
import { trainingFingerprint } from './model/training-fingerprint.js';
import { FEATURE_BITS, modelFeatures } from '../../domain/safeguarding/model-features.js';
import { normaliseForScreening } from '../../domain/safeguarding/normalise.js';
import { RISK_CATEGORIES } from '../../domain/safeguarding/risk-category.js';
import { screenByRules, screenForRisk } from '../../domain/safeguarding/screen.js';
import { STATISTICAL_MODEL } from '../../domain/safeguarding/statistical-model.data.js';
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
});
