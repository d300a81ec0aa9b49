import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('../../../', import.meta.url);
const sha256 = (parts: readonly string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
};

/**
 * What the statistical model depends on: the tuning texts, and the screen's reading and rules (features come from the
 * reading; the threshold from what the rules already catch) and the trainer. Changing any of them means retraining.
 */
export function trainingFingerprint(): { corpus: string; sources: string } {
  const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
  const screenFiles = readdirSync(new URL('domain/safeguarding/', ROOT))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'statistical-model.data.ts')
    .sort()
    .map((file) => `domain/safeguarding/${file}`);
  const trainer = ['test/safeguarding-corpus/model/logistic-regression.ts', 'test/safeguarding-corpus/model/train.ts'];
  return {
    corpus: sha256([read('test/safeguarding-corpus/tuning.jsonl')]),
    sources: sha256([...screenFiles, ...trainer].flatMap((path) => [path, read(path)])),
  };
}
