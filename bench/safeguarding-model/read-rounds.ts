/**
 * `npx tsx bench/safeguarding-model/read-rounds.ts <commit>…` then `npx tsx bench/safeguarding-model/variants.ts '<variant json>' <commit>…`:
 * each commit that joined a round of blind-written texts to tuning.jsonl, read once by the screen as it was before the
 * round (its reading, its rules' flags and whether they set risk words aside), kept in test-artifacts/; `HEAD` is the
 * tuning part as it is now (cross-validated only). Reads only the tuning part's git history.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = `${ROOT}test-artifacts/model-variants/`;
const CORPUS = 'test/safeguarding-corpus/tuning.jsonl';
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
interface Labelled { text: string; risk: boolean; lang: 'en' | 'cy'; style: string; category: string | null }
const lines = (commit: string): Labelled[] =>
  git('show', `${commit}:${CORPUS}`).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled);

async function build(commit: string) {
  const out = `${CACHE}${commit}.json`;
  if (existsSync(out)) return;
  const current = commit === 'HEAD';
  const before = current ? lines('HEAD') : lines(`${commit}^`);
  const after = current ? [] : lines(commit);
  const dir = current ? ROOT : `${ROOT}test-artifacts/old-rules/${commit}^/`;
  if (!current && !existsSync(`${dir}domain/safeguarding/screen.ts`)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit}^ domain/safeguarding | tar -x -C '${dir}'`], { cwd: ROOT });
  }
  const load = (f: string) => import(pathToFileURL(`${dir}domain/safeguarding/${f}`).href);
  const screen = await load('screen.ts');
  const reading = await load('token-reading.ts');
  const row = (item: Labelled) => {
    const tokens = reading.readTokens(item.text) as { word: string; written: string; concepts: Set<string> }[];
    let flagged: boolean, declined = false;
    if (screen.ruleFlags) {
      const r = screen.ruleFlags(item.text, tokens);
      flagged = r.flags.length > 0; declined = r.declined;
    } else flagged = screen.screenForRisk(item.text).risk;
    return { risk: item.risk, lang: item.lang, style: item.style, category: item.category, flagged, declined,
      tokens: tokens.map((t) => [t.word, t.written, [...t.concepts]]) };
  };
  const train = before.map(row);
  const test = after.slice(before.length).map(row);
  writeFileSync(out, JSON.stringify({ commit, train, test }));
  console.log(commit, train.length, test.length);
}
mkdirSync(CACHE, { recursive: true });
for (const c of process.argv.slice(2)) await build(c);
