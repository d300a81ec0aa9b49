import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import { words as popularWords } from 'popular-english-words/words.js';
import { stemmer } from 'stemmer';
import { isAscii, wordsForScreening } from './normalise.js';
import { TEXT_SPEAK } from './text-speak.js';
import { READ_AS_WRITTEN, TOLERANT_CONCEPTS, VOCABULARY, type Concept } from './vocabulary.js';
import { WELSH_VOCABULARY } from './vocabulary.cy.js';

/** One word of a message as the rules see it: the word, what the participant wrote, and the concepts it carries. */
export interface ReadToken {
  word: string;
  /** The participant's word this came from ("kms" for both "kill" and "myself"), normalised. */
  written: string;
  concepts: ReadonlySet<Concept>;
}

/**
 * Common English words are never read as a misspelling of a risk word ("tables" is not "tablets", "strange" is not
 * "strangle", "bills" is not "pills"). Only the common ones: a rare word ("chocked") is more likely a typo.
 */
const COMMON_WORDS = 60_000;
const MIN_FUZZY_LENGTH = 6;
const MIN_SOUND_LENGTH = 5;
/** A word this far down the list is rare enough to be read as a typo of a risk word ("rapped" for "raped"). */
const RARE_RANK = 30_000;

/** First letter and Double Metaphone code: words that sound alike and start alike. */
const soundKey = (word: string) => `${word[0]}:${doubleMetaphone(word)[0]}`;
const NO_CONCEPTS: ReadonlySet<Concept> = new Set();

interface Lexicon {
  exact: Map<string, Set<Concept>>;
  byStem: Map<string, Set<Concept>>;
  /** Tolerant words by first letter, for misspellings. */
  tolerant: Map<string, ReadWord[]>;
  /** Tolerant words by first letter and sound (Double Metaphone), for phonetic spellings ("sueside", "trane"). */
  bySound: Map<string, ReadWord[]>;
  /** Vocabulary words by their spelling with doubled letters undone ("kil" → "kill"). */
  undoubled: Map<string, string>;
  /** Common words and their rank, most frequent first (vocabulary words too). */
  rank: Map<string, number>;
  /** Common words that are not in the vocabulary: never read as a misspelling of a risk word. */
  common: Set<string>;
  /** The first three letters of every vocabulary word: two pieces that start otherwise cannot join into one. */
  prefixes: Set<string>;
  /** The ASCII ones of `prefixes` as `prefixCode` numbers. */
  prefixCodes: Set<number>;
}

let lexicon: Lexicon | undefined;

function add(map: Map<string, Set<Concept>>, key: string, concept: Concept): void {
  const concepts = map.get(key) ?? new Set<Concept>();
  concepts.add(concept);
  map.set(key, concepts);
}

const undoubled = (word: string) => word.replace(/([a-z])\1/g, '$1');

function buildLexicon(): Lexicon {
  const exact = new Map<string, Set<Concept>>();
  const undoubledWords = new Map<string, string>();
  const byStem = new Map<string, Set<Concept>>();
  const tolerantWords = new Map<string, Set<Concept>>();
  const tolerantConcepts = new Set<Concept>(TOLERANT_CONCEPTS);
  const welsh = new Set(Object.values(WELSH_VOCABULARY).flat());
  for (const concept of Object.keys(VOCABULARY) as Concept[]) {
    for (const word of [...VOCABULARY[concept], ...(WELSH_VOCABULARY[concept] ?? [])]) {
      add(exact, word, concept);
      if (word.length >= 4 && !undoubledWords.has(undoubled(word))) undoubledWords.set(undoubled(word), word);
      // Misspellings and sounds are English: Welsh forms, mutations included, are listed as they are written.
      if (!tolerantConcepts.has(concept) || (welsh.has(word) && !VOCABULARY[concept].includes(word as never))) continue;
      const stem = stemmer(word);
      if (stem.length >= 4) add(byStem, stem, concept);
      if (word.length >= MIN_SOUND_LENGTH) add(tolerantWords, word, concept);
    }
  }
  const tolerant = new Map<string, ReadWord[]>();
  const bySound = new Map<string, ReadWord[]>();
  for (const [word, concepts] of tolerantWords) {
    const alike = bySound.get(soundKey(word)) ?? [];
    alike.push({ word, concepts });
    bySound.set(soundKey(word), alike);
    const bucket = tolerant.get(word[0]!) ?? [];
    bucket.push({ word, concepts });
    tolerant.set(word[0]!, bucket);
  }
  const rank = new Map<string, number>();
  popularWords.slice(0, COMMON_WORDS).forEach((word, position) => {
    if (!rank.has(word)) rank.set(word, position);
  });
  const common = new Set([...rank.keys()].filter((word) => !exact.has(word)));
  const prefixes = new Set([...exact.keys()].filter((word) => word.length >= 6).map((word) => word.slice(0, 3)));
  const prefixCodes = new Set(
    [...prefixes].filter(isAscii).map((prefix) => prefixCode(prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2))),
  );
  return { exact, byStem, tolerant, bySound, undoubled: undoubledWords, rank, common, prefixes, prefixCodes };
}

/** A word as the vocabulary knows it: its usual spelling, and its concepts. */
export interface ReadWord {
  word: string;
  concepts: ReadonlySet<Concept>;
}

/**
 * A word as the vocabulary reads it, its rank among common words as written (Infinity when it is not one), and (once
 * made) its token where it stands as written, shared by every text that holds it: tokens are never changed in place.
 */
interface KnownWord {
  read: ReadWord;
  rank: number;
  token?: ReadToken;
}

const cache = new Map<string, KnownWord>();
const CACHE_LIMIT = 50_000;

/** The word's rank among common English words, most frequent first (Infinity when it is not one of them). */
export function commonRank(word: string): number {
  return (lexicon ??= buildLexicon()).rank.get(word) ?? Infinity;
}

/** How a texted word reads: exactly, through its stem or ending, or as a misspelling of a tolerant word. */
export function readWord(word: string): ReadWord {
  return knownWord(word).read;
}

function knownWord(word: string): KnownWord {
  const cached = cache.get(word);
  if (cached) return cached;
  const read = lookUp(word);
  const found: KnownWord = { read, rank: commonRank(word) };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, found);
  return found;
}

/** Forms texted without their ending or with a made-up one: "pushd", "savin", "cutted", "startd", "overdoseing". */
function inflectionVariants(word: string): string[] {
  const variants: string[] = [];
  if (word.endsWith('in')) variants.push(`${word}g`);
  if (word.endsWith('eing')) variants.push(`${word.slice(0, -4)}ing`);
  if (/[^e]d$/.test(word)) variants.push(`${word.slice(0, -1)}ed`);
  // Endings cut off ("cutted" → "cut") only for words nobody writes as such.
  if (commonRank(word) === Infinity) {
    if (word.endsWith('ted')) variants.push(word.slice(0, -3));
    if (word.endsWith('ed')) variants.push(word.slice(0, -2), word.slice(0, -1));
  }
  return variants;
}

function lookUp(word: string): ReadWord {
  lexicon ??= buildLexicon();
  const { exact, common } = lexicon;
  const found = exact.get(word);
  if (found) return { word, concepts: found };
  const undoubledWord = lexicon.undoubled.get(undoubled(word));
  if (undoubledWord && commonRank(word) > RARE_RANK) return { word: undoubledWord, concepts: exact.get(undoubledWord)! };
  // A texted ending ("savin", "pushd", "overdoseing") reads as the word it stands for, unless the word as written is
  // the more common one ("did" is not "died").
  const variant = inflectionVariants(word).find(
    (form) => (commonRank(word) === Infinity && exact.has(form)) || (form.length > word.length && commonRank(form) < commonRank(word)),
  );
  if (variant && exact.has(variant)) return { word: variant, concepts: exact.get(variant)! };
  const plain: ReadWord = { word: word.length >= 5 && variant ? variant : word, concepts: NO_CONCEPTS };
  if (word.length < 4 || /\d/.test(word) || READ_AS_WRITTEN.has(word)) return plain;
  const stemmed = lexicon.byStem.get(stemmer(plain.word));
  if (stemmed) return { word: plain.word, concepts: stemmed };
  if (common.has(word) || variant) return plain;
  if (word.length >= MIN_SOUND_LENGTH) {
    const key = soundKey(word);
    const alike = key.length >= 5 ? lexicon.bySound.get(key) : undefined;
    // Of the words that sound alike, the one spelt most alike ("raiped" is "raped", not "repaid").
    const closest = alike?.reduce((best, next) => (distance(word, next.word) < distance(word, best.word) ? next : best));
    if (closest && distance(word, closest.word) <= 3) return closest;
  }
  if (word.length < MIN_FUZZY_LENGTH) return plain;
  // Longer words may be further off: one edit up to 7 letters, two from 8 ("sucidal", "stranggled", "dauter").
  let best: ReadWord | undefined;
  let bestDistance = 3;
  for (const candidate of lexicon.tolerant.get(word[0]!) ?? []) {
    if (candidate.word.length < MIN_FUZZY_LENGTH) continue;
    const allowed = Math.max(word.length, candidate.word.length) >= 8 ? 2 : 1;
    if (Math.abs(candidate.word.length - word.length) > allowed) continue;
    const d = distance(word, candidate.word);
    if (d <= allowed && d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best ?? plain;
}

/** Two words texted apart that the vocabulary knows as one ("my self", "car park"). */
const JOINED: ReadonlyMap<string, string> = new Map([
  ['my self', 'myself'], ['me self', 'myself'], ['my slef', 'myself'], ['your self', 'yourself'],
  ['him self', 'himself'], ['her self', 'herself'], ['them selves', 'themselves'], ['car park', 'carpark'],
  ['multi storey', 'carpark'], ['multistorey', 'carpark'], ['no one', 'nobody'], ['step dad', 'stepdad'],
  ['step mum', 'stepmum'], ['step father', 'stepfather'], ['ex husband', 'exhusband'], ['ex wife', 'exwife'],
  ['self harm', 'selfharm'], ['a live', 'alive'], ['sue aside', 'suicide'], ['in to', 'into'], ['with out', 'without'],
  ['every one', 'everyone'], ['a sleep', 'asleep'], ['over dose', 'overdose'], ['over does', 'overdose'], ['no were', 'nowhere'], ['no where', 'nowhere'],
]);

/** After these, "ill" is unwell, not "I'll" ("the kids are ill", "I've been ill"); not "so" ("so ill end it"). */
const ILL_AFTER: ReadonlySet<string> = new Set(['am', 'im', 'are', 'is', 'was', 'were', 'been', 'be', 'being', 'feel', 'feeling', 'felt', 'really', 'very', 'quite', 'too', 'getting', 'got', 'fell', 'falling', 'seriously', 'terminally', 'critically', 'chronically', 'mentally', 'hes', 'shes', 'theyre', 'look', 'looks', 'looked', 'looking']);

/** The first words of JOINED: only a word among them can start a pair worth looking up. */
const JOINED_FIRST: ReadonlySet<string> = new Set([...JOINED.keys()].map((pair) => pair.split(' ')[0]!));

/**
 * The words of the message being read, after text-speak: each word, the participant's word it came from, and (once
 * looked up) how the vocabulary knows it. Reused from text to text (the screen is synchronous), so reading a text
 * makes no object per word; only the first `wordCount` entries belong to the current text.
 */
const wordAt: string[] = [];
const writtenAt: string[] = [];
const knownAt: (KnownWord | undefined)[] = [];
let wordCount = 0;

function addWord(word: string, written: string): void {
  wordAt[wordCount] = word;
  writtenAt[wordCount] = written;
  knownAt[wordCount] = undefined;
  wordCount++;
}

/** How the vocabulary knows the message's word at `at` (looked up once). */
const knownOf = (at: number) => (knownAt[at] ??= knownWord(wordAt[at]!));

/** A token of the word as the vocabulary reads it (`{ written, ...readWord(word) }`, without spreading). */
function tokenOf(written: string, read: ReadWord): ReadToken {
  return { written, word: read.word, concepts: read.concepts };
}

/** The token of the message's word at `at`, alone: a word standing as written shares its token with every text. */
function tokenAt(at: number): ReadToken {
  const written = writtenAt[at]!;
  const known = knownOf(at);
  if (written !== wordAt[at]) return tokenOf(written, known.read);
  return (known.token ??= tokenOf(written, known.read));
}

/** Normalises a message, expands text-speak, and reads each word's concepts. */
export function readTokens(text: string): ReadToken[] {
  wordCount = 0;
  for (const written of wordsForScreening(text)) {
    const expanded = written === 'ill' && wordCount > 0 && ILL_AFTER.has(writtenAt[wordCount - 1]!) ? undefined : TEXT_SPEAK.get(written);
    if (expanded === undefined) addWord(written, written);
    else for (let part = 0; part < expanded.length; part++) addWord(expanded[part]!, written);
  }
  const tokens: ReadToken[] = [];
  for (let index = 0; index < wordCount; index++) {
    const word = wordAt[index]!;
    const written = writtenAt[index]!;
    const hasNext = index + 1 < wordCount;
    const joined = hasNext && JOINED_FIRST.has(word) ? JOINED.get(`${word} ${wordAt[index + 1]}`) : undefined;
    if (joined) {
      const nextWritten = writtenAt[index + 1]!;
      const writtenBoth = written === nextWritten ? written : `${written} ${nextWritten}`;
      tokens.push(tokenOf(writtenBoth, readWord(joined)));
      index++;
    } else if (hasNext && splitApart(index)) {
      tokens.push(tokenOf(`${written} ${writtenAt[index + 1]}`, readWord(word + wordAt[index + 1])));
      index++;
    } else {
      tokens.push(tokenAt(index));
    }
  }
  return withAges(withoutDeniedLaughter(greetedFirst(tokens)));
}

/** "Hi Mark, ..." opens with a greeting: Welsh "hi" (she) follows its verb ("mae hi"), so a first "hi" is not she. */
function greetedFirst(tokens: ReadToken[]): ReadToken[] {
  const first = tokens[0];
  if (first?.word === 'hi' && first.concepts.size > 0) tokens[0] = { ...first, concepts: NO_CONCEPTS };
  return tokens;
}

const LAUGHTER = new Set(['lol', 'lolol', 'haha', 'hahaha', 'lmao', 'jk', 'xd']);
const JOKING = new Set([...LAUGHTER, 'joking', 'joke', 'kidding', 'jokin', 'kiddin']);

/**
 * "lol not lol", "not even joking": a text that says it is no joke drops its laughter, so nothing reads it as one.
 */
function withoutDeniedLaughter(tokens: ReadToken[]): ReadToken[] {
  let denied = false;
  for (let at = 0; at < tokens.length && !denied; at++) {
    if (!tokens[at]!.concepts.has('NOT')) continue;
    denied = JOKING.has(tokens[at + 1]?.word ?? '') || JOKING.has(tokens[at + 2]?.word ?? '');
  }
  return denied ? tokens.filter((token) => !LAUGHTER.has(token.word)) : tokens;
}

/** The letter at `position` of the two words written together. */
const startCode = (word: string, next: string, position: number) =>
  position < word.length ? word.charCodeAt(position) : next.charCodeAt(position - word.length);

/** Three ASCII letters as one small number (no string cut out of each pair of words to look up). */
const prefixCode = (first: number, second: number, third: number) => (first << 14) | (second << 7) | third;

/**
 * A risk word texted in two pieces ("hom less", "stran gled"): neither piece means anything to the vocabulary, one of
 * them is rare or not a word at all, and together they are a vocabulary word or one letter off one. `at` is the first
 * piece's place among the message's words.
 */
function splitApart(at: number): boolean {
  const word = wordAt[at]!;
  const next = wordAt[at + 1]!;
  if (word.length + next.length < 6) return false;
  const { prefixes, prefixCodes } = (lexicon ??= buildLexicon());
  // The cheapest test first: most pairs do not start as a vocabulary word does.
  const one = startCode(word, next, 0);
  const two = startCode(word, next, 1);
  const three = startCode(word, next, 2);
  if ((one | two | three) < 0x80) {
    if (!prefixCodes.has(prefixCode(one, two, three))) return false;
  } else if (!prefixes.has(word.length >= 3 ? word.slice(0, 3) : word + next.slice(0, 3 - word.length))) {
    return false;
  }
  if (knownOf(at).rank <= RARE_RANK && knownOf(at + 1).rank <= RARE_RANK) return false;
  if (DIGIT.test(word) || DIGIT.test(next)) return false;
  if (knownOf(at).read.concepts.size > 0 || knownOf(at + 1).read.concepts.size > 0) return false;
  const joined = readWord(word + next);
  // Read as itself or one letter off ("homless"), not through a looser likeness ("llun os" is not "lines").
  return joined.concepts.size > 0 && distance(word + next, joined.word) <= 1;
}

const DIGIT = /\d/;

const AGE_BEFORE = new Set([
  'is', 'am', 'aged', 'im', 'she', 'he', 'shes', 'hes', 'only', 'yr', 'year', 'turned', 'just', 'were', 'are', 'theyre', 'son',
  'daughter', 'girl', 'boy', 'sister', 'brother', 'niece', 'nephew', 'grandson', 'granddaughter', 'cousin', 'kid', 'child', 'yn',
]);

/** A number between words that make it an age ("my 14 year old", "she's 15", "im 16", "14 oed") is a minor or grown. */
function withAges(tokens: ReadToken[]): ReadToken[] {
  // In place: a token given an age keeps its word, which is all its neighbours are read by.
  for (let index = 0; index < tokens.length; index++) tokens[index] = withAge(tokens, index);
  return tokens;
}

function withAge(tokens: readonly ReadToken[], index: number): ReadToken {
  const token = tokens[index]!;
  // Both forms below start with a digit.
  const first = token.word.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return token;
  // "3yo", "14yrs": the number and its unit written as one word.
  const joinedAge = /^(\d{1,2})(?:yo|yr|yrs|yrsold)$/.exec(token.word);
  if (joinedAge) return { ...token, concepts: new Set([...token.concepts, Number(joinedAge[1]) <= 17 ? 'MINOR' : 'GROWN']) };
  if (!/^\d{1,2}$/.test(token.word)) return token;
  const before = tokens[index - 1]?.word ?? '';
  const after = tokens[index + 1]?.word ?? '';
  const yearsOld = ['year', 'years', 'yr', 'yrs'].includes(after) && tokens[index + 2]?.word === 'old';
  if (!AGE_BEFORE.has(before) && !yearsOld && after !== 'yo' && after !== 'oed') return token;
  const age = Number(token.word);
  const concept: Concept | undefined = age >= 1 && age <= 17 ? 'MINOR' : age >= 18 && age <= 90 ? 'GROWN' : undefined;
  return concept ? { ...token, concepts: new Set([...token.concepts, concept]) } : token;
}
