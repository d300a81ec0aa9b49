/**
 * Reading a number-scale answer to a pulse question, leniently: "5", "five", "5/6", "5 out of 6", "about a 5",
 * "5 I think", "5️⃣", and in Welsh "pump", "5 allan o 6", "tua pump" (about five). Strict about what cannot be a
 * single answer: two numbers ("4 or 5", "4-5"), a fraction of another scale ("8/10" on a 0 to 6 question), a
 * decimal, or a long message with a number inside it.
 */
export type ScoreReading =
  | { kind: 'score'; score: number }
  /** A number, but not on this scale ("9" or "8/10" for 0 to 6): ask again. */
  | { kind: 'out_of_range'; value: number }
  | { kind: 'not_a_score' };

export interface Scale {
  min: number;
  max: number;
}

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['nought', 0], ['nil', 0], ['none', 0],
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5],
  ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
  // Welsh, with the feminine (dwy, tair, pedair) and before-a-noun (pum, chwe) forms. "dim" (none) is 0; like every
  // number word it counts only with nothing but padding around it, so "dim syniad" (no idea) is not a 0.
  ['dim', 0], ['un', 1], ['dau', 2], ['dwy', 2], ['tri', 3], ['tair', 3], ['pedwar', 4], ['pedair', 4],
  ['pump', 5], ['pum', 5], ['chwech', 6], ['chwe', 6], ['saith', 7], ['wyth', 8], ['naw', 9], ['deg', 10],
]);

/**
 * Welsh number words as they change after a word that mutates them: after "o" ("allan o ddeg", out of ten) and
 * "rhyw" (some, about: "rhyw bump"), the soft mutation; after "tua" (about: "tua phump"), the aspirate one. Read only
 * there, since "bump" alone is an English word.
 */
const SOFT_MUTATED_NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['ddau', 2], ['ddwy', 2], ['dri', 3], ['dair', 3], ['bedwar', 4], ['bedair', 4], ['bump', 5], ['bum', 5], ['ddeg', 10],
]);
const MUTATED_NUMBER_WORDS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  ['o', SOFT_MUTATED_NUMBER_WORDS],
  ['rhyw', SOFT_MUTATED_NUMBER_WORDS],
  ['tua', new Map([['thri', 3], ['thair', 3], ['phedwar', 4], ['phedair', 4], ['phump', 5], ['phum', 5]])],
]);

/** An answer with a number in it is still an answer up to this many words ("5 because I like the team"). */
const MAX_WORDS = 10;

const KEYCAP = /\uFE0F?\u20E3/gu;
const APOSTROPHES = /['\u2018\u2019\u02BC`]/gu;

/**
 * Words an answer may carry around a number word ("about five I think", "I'd say a four"). A number word among any
 * other words is talk ("one of those days", "none of your business"), not an answer; digits are plain enough.
 */
const PADDING: ReadonlySet<string> = new Set([
  'i', 'id', 'im', 'am', 'think', 'reckon', 'guess', 'say', 'would', 'be', 'about', 'around', 'maybe', 'probably', 'prob',
  'roughly', 'like', 'its', 'it', 'is', 'a', 'an', 'my', 'answer', 'score', 'rate', 'give', 'hmm', 'um', 'umm', 'erm', 'er',
  'ok', 'okay', 'so', 'thanks', 'thank', 'you', 'ty', 'thx', 'cheers', 'x', 'xx', 'xxx', 'please', 'pls', 'pretty',
  'honestly', 'just', 'definitely', 'defo', 'yeah', 'yes', 'out', 'of', 'at', 'the', 'moment', 'now', 'right', 'today',
  // Welsh: about (tua, rhyw), maybe (falle, efallai), I think ("dw i'n meddwl"), I'd say ("bydden i'n dweud"), my
  // score, out of ("allan o"), yes, thanks, please, definitely, I suppose (sbo), at the moment ("ar hyn o bryd"), today.
  'tua', 'rhyw', 'falle', 'efallai', 'dw', 'dwi', 'dwin', 'in', 'rwyn', 'meddwl', 'bydden', 'byddwn', 'byddai', 'dweud',
  'fy', 'sgor', 'allan', 'o', 'ie', 'diolch', 'plis', 'yn', 'bendant', 'sbo', 'ar', 'hyn', 'bryd', 'heddiw',
]);

export function readScore(text: string, scale: Scale): ScoreReading {
  const tokens = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(KEYCAP, '')
    .replace(APOSTROPHES, '')
    .match(/-?\d+(?:[.,]\d+)?|\p{L}+|\//gu);
  if (tokens === null || tokens.filter((t) => /\p{L}|\d/u.test(t)).length > MAX_WORDS) return { kind: 'not_a_score' };

  const found: Array<{ value: number; start: number; end: number }> = [];
  for (let i = 0; i < tokens.length; i += 1) {
    // "/6" or "out of 6" ("allan o 6") with no number before it gives the scale, not an answer.
    const slashAlone = tokens[i - 1] === '/' && numberAt(tokens, i - 2) === undefined;
    if (slashAlone || (tokens[i - 1] === 'of' && tokens[i - 2] === 'out') || (tokens[i - 1] === 'o' && tokens[i - 2] === 'allan')) continue;
    const value = numberAt(tokens, i);
    if (value === undefined) continue;
    if (Number.isNaN(value)) return { kind: 'not_a_score' };
    const start = i;
    const denominator = denominatorAfter(tokens, i);
    if (denominator !== undefined) {
      // "5/6" answers the question; "8/10" is a score on some other scale.
      if (denominator.value !== scale.max) return { kind: 'out_of_range', value };
      i = denominator.end;
    }
    found.push({ value, start, end: i });
  }
  // "4-5", "4 or 5", "5 out of 6, maybe 4": no single answer.
  if (found.length !== 1) return { kind: 'not_a_score' };
  const [answer] = found as [{ value: number; start: number; end: number }];
  const byWord = !/\d/u.test(tokens[answer.start] ?? '');
  if (byWord && tokens.some((token, i) => (i < answer.start || i > answer.end) && !PADDING.has(token))) return { kind: 'not_a_score' };
  const { value } = answer;
  return value >= scale.min && value <= scale.max ? { kind: 'score', score: value } : { kind: 'out_of_range', value };
}

/** The number a token stands for; NaN for a decimal ("4.5" is not on a whole-number scale). */
function numberAt(tokens: readonly string[], index: number): number | undefined {
  const token = tokens[index];
  if (token === undefined) return undefined;
  if (/^-?\d+$/u.test(token)) return Number(token);
  if (/^-?\d+[.,]\d+$/u.test(token)) return Number.NaN;
  // "no one" and "the one" are not the number one; otherwise number words are numbers.
  if (token === 'one' && (tokens[index - 1] === 'no' || tokens[index - 1] === 'the' || tokens[index - 1] === 'that')) return undefined;
  // Welsh "yr un" is "the same" or "the one"; "dim ond" is "only" ("dim ond 5", only 5).
  if (token === 'un' && tokens[index - 1] === 'yr') return undefined;
  if (token === 'dim' && tokens[index + 1] === 'ond') return undefined;
  return NUMBER_WORDS.get(token) ?? MUTATED_NUMBER_WORDS.get(tokens[index - 1] ?? '')?.get(token);
}

/** "/ 6", "out of 6", "of 6", "allan o 6" after a number: the scale it was given on, and the token it ends at. */
function denominatorAfter(tokens: readonly string[], index: number): { value: number; end: number } | undefined {
  const next = tokens[index + 1];
  const outOf = (next === 'out' && tokens[index + 2] === 'of') || (next === 'allan' && tokens[index + 2] === 'o');
  const candidates: Array<[number, number]> =
    next === '/' ? [[index + 2, index + 2]] : outOf ? [[index + 3, index + 3]] : next === 'of' ? [[index + 2, index + 2]] : [];
  for (const [at, end] of candidates) {
    const value = numberAt(tokens, at);
    if (value !== undefined && !Number.isNaN(value)) return { value, end };
  }
  return undefined;
}
