import { readFileSync, writeFileSync } from 'node:fs';
import { screenByRules, screenForRisk } from '../../domain/safeguarding/screen.js';
import { CORPUS_PARTS, loadCorpus, loadCorpusFile } from '../../test/safeguarding-corpus/corpus.js';

/**
 * For tuning by hand: what a change to the rules did to every text.
 *   npx tsx bench/safeguarding-model/verdicts.ts save <file.json> [round.jsonl …]   the rules' and the screen's verdict
 *     on every text of every part, and of the round files given;
 *   npx tsx bench/safeguarding-model/verdicts.ts compare <before.json> <after.json>  each part's texts that changed
 *     (better or worse), and its recall and false alarms now. The holdout's and reserve's changed texts are counted,
 *     never shown: nobody tuning the rules reads them.
 * Save before a change (`git stash` to get there), change, save again, compare; a change that makes any text worse
 * without a reason is not kept.
 */
interface Verdict {
  text: string;
  risk: boolean;
  rules: boolean;
  screen: boolean;
}
type Saved = Record<string, Verdict[]>;

const UNREAD = new Set(['holdout', 'reserve']);
const verdictsOf = (rows: readonly { text: string; risk: boolean }[]): Verdict[] =>
  rows.map(({ text, risk }) => ({ text, risk, rules: screenByRules(text).risk, screen: screenForRisk(text).risk }));
const rate = (verdicts: readonly Verdict[], by: 'rules' | 'screen') => {
  const share = (risk: boolean) => {
    const some = verdicts.filter((verdict) => verdict.risk === risk);
    return some.length === 0 ? '—' : `${((100 * some.filter((verdict) => verdict[by]).length) / some.length).toFixed(1)}%`;
  };
  return `${share(true)} / ${share(false)}`;
};

const [command, first, ...rest] = process.argv.slice(2);
if (command === 'save' && first) {
  const saved: Saved = Object.fromEntries(CORPUS_PARTS.map((part) => [part, verdictsOf(loadCorpus(part))]));
  for (const path of rest) saved[path] = verdictsOf(loadCorpusFile(path));
  writeFileSync(first, JSON.stringify(saved));
} else if (command === 'compare' && first && rest[0]) {
  const [before, after] = [first, rest[0]].map((path) => JSON.parse(readFileSync(path, 'utf8')) as Saved);
  for (const [part, now] of Object.entries(after!)) {
    const was = before![part];
    if (!was || was.length !== now.length) {
      console.log(`${part}: not in both, or changed in length`);
      continue;
    }
    const counts = { rules: [0, 0], screen: [0, 0] };
    now.forEach((verdict, position) => {
      for (const by of ['rules', 'screen'] as const) {
        if (verdict[by] === was[position]![by]) continue;
        const better = verdict[by] === verdict.risk;
        counts[by][better ? 0 : 1]!++;
        if (!UNREAD.has(part)) console.log(`${better ? 'BETTER' : 'WORSE '} ${by} ${part} [${verdict.risk ? 'risk' : 'benign'}] ${verdict.text}`);
      }
    });
    console.log(
      `== ${part}: rules +${counts.rules[0]}/-${counts.rules[1]}, screen +${counts.screen[0]}/-${counts.screen[1]}; ` +
        `now rules ${rate(now, 'rules')}, screen ${rate(now, 'screen')} (recall / false alarms)`,
    );
  }
} else {
  console.error('usage: verdicts.ts save <file.json> [round.jsonl …] | compare <before.json> <after.json>');
  process.exitCode = 1;
}
