import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';
import { secondOpinionMayAdd } from '../../domain/safeguarding/screen.js';
import { featureValue, margin, seededRandom, shuffled, sigmoid } from '../../test/safeguarding-corpus/model/logistic-regression.js';

/**
 * `npx tsx bench/safeguarding-model/variants.ts '{"name":"now","bits":18,"trigram":true,"skip":true,"cross":true}' 6748860 … 0d74054 HEAD`
 * (after read-rounds.ts): a variant of the second opinion's features and training replayed on each round as the
 * screen works (the model speaks only where no rule flagged or set words aside, on `minWords` words or more, six unless the variant says; threshold at 1%
 * added false alarms on the training texts out of fold; weights rounded to bytes). Features are built as named strings,
 * as model-features.test.ts does; `{}` is the features as they were before 6 December 2026 (16 bits, no `t:`/`k:`/`x:`).
 */
const CACHE = fileURLToPath(new URL('../../test-artifacts/model-variants/', import.meta.url));

type Tok = [string, string, string[]];
interface Row { risk: boolean; lang: string; style: string; category: string | null; flagged: boolean; declined: boolean; tokens: Tok[] }
interface Variant {
  name: string; bits: number; trigram?: boolean; skip?: boolean; cwin?: number; conceptWord?: number; cross?: boolean;
  negation?: boolean; position?: boolean; noGrams?: boolean; grams?: [number, number];
  epochs: number; lr: number; l2: number; posWeight?: number; flaggedWeight?: number; average?: boolean; minWords?: number; budget?: number;
  ensemble?: Partial<Variant>; conceptPairWord?: boolean; wordGramsOnly?: boolean;
  /** With this, a short text whose words a rule set aside may be flagged too, over a threshold that passes this share of such benign texts. */
  declinedBudget?: number;
}
const BASE: Variant = { name: 'base', bits: 16, epochs: 12, lr: 0.5, l2: 1e-4 };

const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;
function fnv(text: string): number { let h = FNV_OFFSET; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, FNV_PRIME); } return h >>> 0; }
const stemCache = new Map<string, string>();
const stem = (w: string) => { let s = stemCache.get(w); if (s === undefined) stemCache.set(w, (s = stemmer(w))); return s; };
const hashCache = new Map<string, number>();
const hashOf = (s: string) => { let h = hashCache.get(s); if (h === undefined) { h = fnv(s); if (hashCache.size > 3e6) hashCache.clear(); hashCache.set(s, h); } return h; };
const NEG = new Set(['not', 'no', 'never', 'dont', "don't", 'didnt', 'cant', 'cannot', 'wont', 'nothing', 'nobody', 'isnt', 'wasnt', 'aint', 'doesnt', 'ddim', 'dim', 'na', 'nid', 'heb']);

function features(tokens: Tok[], v: Variant): Uint32Array {
  const mask = (1 << v.bits) - 1;
  const set = new Set<number>();
  const add = (name: string) => set.add(hashOf(name) & mask);
  add('bias');
  const stems = tokens.map((t) => stem(t[0]));
  const cwin = v.cwin ?? 3;
  const [gmin, gmax] = v.grams ?? [3, 5];
  let negUntil = -1;
  tokens.forEach((t, i) => {
    add(`w:${t[0]}`); add(`s:${stems[i]}`);
    if (i > 0) add(`b:${stems[i - 1]} ${stems[i]}`);
    if (v.trigram && i > 1) add(`t:${stems[i - 2]} ${stems[i - 1]} ${stems[i]}`);
    if (v.skip && i > 1) add(`k:${stems[i - 2]} ${stems[i]}`);
    for (const c of t[2]) {
      add(`c:${c}`);
      for (let back = Math.max(0, i - cwin); back < i; back++) for (const o of tokens[back]![2]) if (o !== c) add(`p:${[o, c].sort().join(' ')}`);
      if (v.conceptWord) for (let j = Math.max(0, i - v.conceptWord); j <= Math.min(tokens.length - 1, i + v.conceptWord); j++) if (j !== i && tokens[j]![2].length === 0) add(`cw:${c} ${stems[j]}`);
    }
    if (v.negation) {
      if (NEG.has(t[1]) || NEG.has(t[0])) negUntil = i + 3;
      else if (i <= negUntil) { add(`n:${stems[i]}`); for (const c of t[2]) add(`nc:${c}`); }
    }
    if (!v.noGrams && (i === 0 || tokens[i - 1]![1] !== t[1])) {
      const padded = ` ${t[1]} `;
      for (let size = gmin; size <= gmax; size++) for (let at = 0; at + size <= padded.length; at++) add(`g:${padded.slice(at, at + size)}`);
    }
  });
  if (v.position && tokens.length > 0) { add(`f:${stems[0]}`); add(`l:${stems[stems.length - 1]}`); }
  if (v.cross) {
    const written: string[] = [];
    tokens.forEach((t, i) => { if (i === 0 || tokens[i - 1]![1] !== t[1]) written.push(t[1]); });
    for (let i = 1; i < written.length; i++) {
      const a = written[i - 1]!, b = written[i]!;
      const joined = `${a.slice(-3)} ${b.slice(0, 3)}`;
      const mid = Math.min(3, a.length);
      for (let size = 4; size <= 5; size++) for (let at = Math.max(0, mid - size + 2); at <= mid - 1 && at + size <= joined.length; at++) add(`x:${joined.slice(at, at + size)}`);
    }
  }
  return Uint32Array.from(set);
}


function train(ex: { b: Uint32Array; y: number; wt: number }[], v: Variant): Float64Array {
  const n = 1 << v.bits;
  const w = new Float64Array(n), g2 = new Float64Array(n).fill(1e-8);
  const avg = v.average ? new Float64Array(n) : undefined; let counted = 0;
  const random = seededRandom(15);
  for (let e = 0; e < v.epochs; e++) {
    for (const x of shuffled(ex, random)) {
      const value = featureValue(x.b.length);
      const err = (sigmoid(margin(w, x.b)) - x.y) * x.wt;
      for (const k of x.b) { const gr = err * value + v.l2 * w[k]!; g2[k]! += gr * gr; w[k]! -= (v.lr * gr) / Math.sqrt(g2[k]!); }
    }
    if (avg && e >= Math.floor(v.epochs / 2)) { for (let i = 0; i < n; i++) avg[i]! += w[i]!; counted++; }
  }
  if (avg) { for (let i = 0; i < n; i++) avg[i]! /= counted; return avg; }
  return w;
}

const wordsWritten = (r: Row) => new Set(r.tokens.map((t) => t[1])).size;
const weightOf = (r: Row, v: Variant) => (r.risk ? v.posWeight ?? 1 : 1) * (r.flagged ? v.flaggedWeight ?? 1 : 1);


function modelScores(trainRows: Row[], trainF: Uint32Array[], testF: Uint32Array[], v: Variant, folds = 5) {
  const ex = trainRows.map((r, i) => ({ b: trainF[i]!, y: r.risk ? 1 : 0, wt: weightOf(r, v) }));
  const fold = new Array<number>(ex.length);
  shuffled(ex.map((_, i) => i), seededRandom(7)).forEach((i, p) => (fold[i] = p % folds));
  const oof = new Array<number>(ex.length);
  for (let k = 0; k < folds; k++) {
    const w = train(ex.filter((_, i) => fold[i] !== k), v);
    ex.forEach((x, i) => { if (fold[i] === k) oof[i] = sigmoid(margin(w, x.b)); });
  }
  const w = train(ex, v);
  const scale = w.reduce((m, x) => Math.max(m, Math.abs(x)), 0) / 127;
  const q = Float64Array.from(w, (x) => Math.round(x / scale) * scale);
  return { oof, test: testF.map((b) => sigmoid(margin(q, b))) };
}

function evaluateRound(file: string, v: Variant) {
  const data = JSON.parse(readFileSync(`${CACHE}${file}.json`, 'utf8')) as { train: Row[]; test: Row[] };
  const { train: tr, test: te } = data;
  const minWords = v.minWords ?? 6;
  const may = (r: Row) => secondOpinionMayAdd(r, r.tokens.length) && wordsWritten(r) >= minWords;
  const declinedShort = (r: Row) => v.declinedBudget !== undefined && !r.flagged && wordsWritten(r) >= minWords && !secondOpinionMayAdd(r, r.tokens.length);
  const trF = tr.map((r) => features(r.tokens, v)), teF = te.map((r) => features(r.tokens, v));
  let { oof, test } = modelScores(tr, trF, teF, v);
  if (v.ensemble) {
    const v2 = { ...v, ...v.ensemble, ensemble: undefined } as Variant;
    const trF2 = tr.map((r) => features(r.tokens, v2)), teF2 = te.map((r) => features(r.tokens, v2));
    const s2 = modelScores(tr, trF2, teF2, v2);
    oof = oof.map((s, i) => (s + s2.oof[i]!) / 2); test = test.map((s, i) => (s + s2.test[i]!) / 2);
  }
  const passed = tr.flatMap((r, i) => (!r.risk && may(r) ? [oof[i]!] : [])).sort((a, b) => b - a);
  const threshold = Math.max(0.5, passed[Math.floor((v.budget ?? 0.01) * passed.length)] ?? 0.5);
  const passedDeclined = tr.flatMap((r, i) => (!r.risk && declinedShort(r) ? [oof[i]!] : [])).sort((a, b) => b - a);
  const dThreshold = Math.max(threshold, passedDeclined[Math.floor((v.declinedBudget ?? 0) * passedDeclined.length)] ?? 1);
  const speaks = (r: Row, s: number) => (may(r) && s >= threshold) || (declinedShort(r) && s >= dThreshold);
  const cvFlag = tr.map((r, i) => r.flagged || speaks(r, oof[i]!));
  const flag = te.map((r, i) => r.flagged || speaks(r, test[i]!));
  const rate = (rows: Row[], f: boolean[]) => {
    let c = 0, n = 0, a = 0, b = 0;
    rows.forEach((r, i) => { if (r.risk) { n++; if (f[i]) c++; } else { b++; if (f[i]) a++; } });
    return { recall: c / Math.max(1, n), fa: a / Math.max(1, b), caught: c, risk: n, alarms: a, benign: b };
  };
  const rules = rate(te, te.map((r) => r.flagged));
  const both = rate(te, flag);
  const missed = te.filter((r) => r.risk && !r.flagged).length;
  const cv = rate(tr, cvFlag), cvRules = rate(tr, tr.map((r) => r.flagged));
  return { round: file, t: Number(threshold.toFixed(3)), dt: Number(dThreshold.toFixed(3)), declinedTrain: passedDeclined.length, rules, both, missed, modelCaught: both.caught - rules.caught, modelAlarms: both.alarms - rules.alarms, cv, cvRules };
}

const pct = (x: number) => (x * 100).toFixed(1);
const variant: Variant = { ...BASE, ...JSON.parse(process.argv[2] ?? '{}') };
const rounds = process.argv.slice(3);
let recentCaught = 0, recentMissed = 0, recentAlarms = 0, oldCaught = 0, oldMissed = 0, oldAlarms = 0;
const RECENT = new Set(['03ba6a6', '5b5e76a', '0d74054']);
for (const r of rounds) {
  const res = evaluateRound(r, variant);
  const line = r === 'HEAD'
    ? `${variant.name} HEAD-cv t=${res.t} rules ${pct(res.cvRules.recall)}/${pct(res.cvRules.fa)} -> ${pct(res.cv.recall)}/${pct(res.cv.fa)} (+${res.cv.caught - res.cvRules.caught} caught, +${res.cv.alarms - res.cvRules.alarms} alarms)`
    : `${variant.name} ${r} t=${res.t} dt=${res.dt}/${res.declinedTrain} rules ${pct(res.rules.recall)}/${pct(res.rules.fa)} -> ${pct(res.both.recall)}/${pct(res.both.fa)} model caught ${res.modelCaught}/${res.missed} added alarms ${res.modelAlarms}/${res.both.benign} | cv ${pct(res.cv.recall)}/${pct(res.cv.fa)}`;
  console.log(line);
  if (r !== 'HEAD') {
    if (RECENT.has(r)) { recentCaught += res.modelCaught; recentMissed += res.missed; recentAlarms += res.modelAlarms; }
    else { oldCaught += res.modelCaught; oldMissed += res.missed; oldAlarms += res.modelAlarms; }
  }
}
const summary = `${variant.name} SUMMARY recent caught ${recentCaught}/${recentMissed} (${pct(recentCaught / Math.max(1, recentMissed))}%) alarms ${recentAlarms} | older caught ${oldCaught}/${oldMissed} (${pct(oldCaught / Math.max(1, oldMissed))}%) alarms ${oldAlarms} :: ${JSON.stringify(variant)}`;
console.log(summary);
