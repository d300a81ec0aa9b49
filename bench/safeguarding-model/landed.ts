import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelFeatures } from '../../domain/safeguarding/model-features.js';
import type { RiskCategory } from '../../domain/safeguarding/risk-category.js';
import { MIN_WORDS_FOR_MODEL, riskScorer, wordsWritten } from '../../domain/safeguarding/statistical-model.js';
import { secondOpinionMayAdd } from '../../domain/safeguarding/screen.js';
import type { ReadToken } from '../../domain/safeguarding/token-reading.js';
import { learnSecondOpinion } from '../../test/safeguarding-corpus/model/train.js';

/**
 * `npx tsx bench/safeguarding-model/landed.ts 03ba6a6 5b5e76a 0d74054 …` (after read-rounds.ts): the second opinion
 * as landed — today's features (model-features.ts), trainer (learnSecondOpinion in train.ts) and scoring
 * (statistical-model.ts, weights as bytes) — on each historical round, as variants.ts replays a variant: trained on
 * the tuning texts before the round, read by the screen of that day, speaking only where its rules did not flag or set
 * words aside, on MIN_WORDS_FOR_MODEL words or more. Reads only the tuning part's history (test-artifacts/model-variants/).
 */
const CACHE = fileURLToPath(new URL('../../test-artifacts/model-variants/', import.meta.url));
const RECENT = new Set(['03ba6a6', '5b5e76a', '0d74054']);

interface Row { risk: boolean; category: RiskCategory | null; flagged: boolean; declined: boolean; tokens: [string, string, string[]][] }

const tokensOf = (row: Row) => row.tokens.map(([word, written, concepts]) => ({ word, written, concepts: new Set(concepts) }) as unknown as ReadToken);

const totals = { recent: { caught: 0, missed: 0, alarms: 0 }, older: { caught: 0, missed: 0, alarms: 0 } };
for (const round of process.argv.slice(2)) {
  const { train, test } = JSON.parse(readFileSync(`${CACHE}${round}.json`, 'utf8')) as { train: Row[]; test: Row[] };
  const silent = (row: Row, tokens: readonly ReadToken[]) => !secondOpinionMayAdd(row, tokens.length) || wordsWritten(tokens) < MIN_WORDS_FOR_MODEL;
  const { model } = learnSecondOpinion(train.map((row) => {
    const tokens = tokensOf(row);
    return { features: modelFeatures(tokens), risk: row.risk, category: row.category, flagged: row.flagged, silent: silent(row, tokens) };
  }));
  const score = riskScorer({ trainedOn: { corpus: '', sources: '' }, ...model });
  let caught = 0, missed = 0, alarms = 0, benign = 0;
  for (const row of test) {
    const tokens = tokensOf(row);
    const added = !silent(row, tokens) && score(tokens) >= model.threshold;
    if (row.risk && !row.flagged) { missed++; if (added) caught++; }
    if (!row.risk) { benign++; if (added && !row.flagged) alarms++; }
  }
  console.log(`${round} t=${model.threshold} model caught ${caught}/${missed} added alarms ${alarms}/${benign}`);
  const total = RECENT.has(round) ? totals.recent : totals.older;
  total.caught += caught; total.missed += missed; total.alarms += alarms;
}
const { recent, older } = totals;
console.log(`SUMMARY recent caught ${recent.caught}/${recent.missed} alarms ${recent.alarms} | older caught ${older.caught}/${older.missed} alarms ${older.alarms}`);
