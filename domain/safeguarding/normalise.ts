import { remove as withoutConfusables } from 'confusables';
import { TEXT_SPEAK } from './text-speak.js';

/** Format characters (zero-width spaces and joiners, bidi marks, soft hyphens) that hide words from a matcher. */
const INVISIBLE = /\p{Cf}/gu;
/** Laughing emoji mark a joke as "lol" does ("gonna kill him 😂"); other emoji are dropped. */
const LAUGHING = /[\u{1F602}\u{1F923}\u{1F606}\u{1F605}\u{1F639}\u{1F61C}\u{1F61D}]/gu;
/**
 * Emoji that carry the risk itself ("🔪🩸 again", "🪢 thats it", "🚗🛌 car again 2nite") read as the word they stand
 * for; other emoji are dropped.
 */
const EMOJI_WORDS: Readonly<Record<string, string>> = {
  '\u{1F52A}': 'knife', '\u{1FA78}': 'blood', '\u{1FAA2}': 'rope', '\u{1F48A}': 'pills', '\u{1F6CC}': 'bed',
  '\u{1F4E6}': 'packages', '\u{26B0}': 'coffin', '\u{1FAA6}': 'grave', '\u{1F52B}': 'gun',
  '\u{1F634}': 'sleep',
};
const RISK_EMOJI = /[\u{1F52A}\u{1FA78}\u{1FAA2}\u{1F48A}\u{1F6CC}\u{1F4E6}\u{26B0}\u{1FAA6}\u{1F52B}\u{1F634}]/gu;
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /['\u2018\u2019\u02BC\u0060\u00B4]/g;
/** Welsh 'n after a word is "yn" ("mae o'n", "dwi'n"): kept as a word, so "o" (he) is not lost in "on". */
/** "battery's", "mum's", "it's": the word itself, so it reads as the vocabulary knows it. */
const POSSESSIVE_S = /(?<=\p{L})['\u2018\u2019\u02BC]s(?!\p{L})/gu;
const WELSH_YN = /(?<=\p{L})['\u2018\u2019\u02BC]n(?!\p{L})/gu;
/** "got sa'd": sexually assaulted, told in two letters; without its apostrophe it is "sad". */
const SA_D = /(?<!\p{L})sa['\u2018\u2019\u02BC]e?d(?!\p{L})/gu;
/** Digits and symbols standing in for letters, only inside a word that has letters ("k1ll", "m3", "$uicide"). */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
const LEET_CHARS = /[013457@$!]/g;
/** Three or more of one letter are two: "pleeeease" → "pleease"; the vocabulary also knows words with doubles undone. */
const REPEATS = /([a-z])\1{2,}/g;

/** Whether every character is below U+0080: NFKC, NFD and NFC, format characters, emoji and accents leave it as it is. */
export function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

const ANY_APOSTROPHE = /['\u2018\u2019\u02BC\u0060\u00B4]/;

/**
 * Lower-case Latin letters, digits and spaces: look-alike letters from other scripts and full-width forms mapped to
 * Latin (the `confusables` table), invisible characters and accents removed, apostrophes dropped ("don't" → "dont").
 */
export function normaliseForScreening(text: string): string {
  return wordsForScreening(text).join(' ');
}

/** The words of `normaliseForScreening(text)`, in order (what lies between its spaces). */
export function wordsForScreening(text: string): string[] {
  let lower: string;
  if (isAscii(text)) {
    // The same steps as below, less those that cannot change a text of ASCII characters.
    const latin = confusablesLeaveAsIs(text) ? text : withoutConfusables(text);
    lower = isAscii(latin) ? latin.toLowerCase() : latin.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
  } else {
    const latin = withoutConfusables(text.normalize('NFKC').replace(INVISIBLE, '').replace(LAUGHING, ' lol ').replace(RISK_EMOJI, (emoji) => ` ${EMOJI_WORDS[emoji] ?? ''} `));
    lower = latin.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
  }
  if (ANY_APOSTROPHE.test(lower)) lower = lower.replace(SA_D, 'sexually assaulted').replace(POSSESSIVE_S, '').replace(WELSH_YN, ' yn').replace(APOSTROPHES, '');
  return wordsOf(lower);
}

/**
 * Whether `confusables`' `remove` returns this ASCII text as it is: it does when every character is a letter, a
 * digit, white space or punctuation other than `$` (its own test, without a regular expression), and the text is not
 * empty. Otherwise it maps `|` to `l` and drops control characters.
 */
function confusablesLeaveAsIs(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x24 || code === 0x7f || (code < 0x20 && (code < 0x09 || code > 0x0d))) return false;
  }
  return text.length > 0;
}

/** A lower-case ASCII letter, a-z (by character code). */
export const isLetter = (code: number) => code >= 0x61 && code <= 0x7a;
/** An ASCII digit, 0-9 (by character code). */
export const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
/** A character of LEET: digits that stand for letters, and `@`, `$` and `!`. */
const isLeet = (code: number) =>
  code === 0x40 || code === 0x24 || code === 0x21 || code === 0x30 || code === 0x31 || code === 0x33 || code === 0x34 || code === 0x35 || code === 0x37;

/**
 * The words of a lower-cased text: runs of letters, digits and LEET's characters (anything else parts words), each
 * with leetspeak undone, three or more of one letter made two ("pleeeease" → "pleease"), and then parted where
 * anything but letters and digits is left. One pass over the text, where four expressions each went over all of it;
 * it notes as it goes whether a word has a character of LEET or a letter three times over, which most words have not.
 */
function wordsOf(lower: string): string[] {
  const words: string[] = [];
  let start = -1;
  let leet = false;
  let repeats = false;
  for (let index = 0; index <= lower.length; index++) {
    const code = lower.charCodeAt(index);
    if (isLetter(code)) {
      if (start < 0) start = index;
      else if (!repeats && index - start >= 2 && code === lower.charCodeAt(index - 1) && code === lower.charCodeAt(index - 2)) repeats = true;
    } else if (isDigit(code) || isLeet(code)) {
      if (start < 0) start = index;
      if (!leet) leet = isLeet(code);
    } else if (start >= 0) {
      const written = lower.slice(start, index);
      if (leet) addLeetWord(words, written);
      else words.push(repeats ? written.replace(REPEATS, '$1$1') : written);
      start = -1;
      leet = repeats = false;
    }
  }
  return words;
}

/** A word with a character of LEET: leetspeak undone, repeated letters, and parted where `@`, `$` or `!` are left. */
function addLeetWord(words: string[], written: string): void {
  const word = undoLeetspeak(written).replace(REPEATS, '$1$1');
  // Most are numbers ("10", "2nite"): nothing left to part them.
  if (onlyLettersAndDigits(word)) words.push(word);
  else for (const part of word.split(NOT_LETTER_OR_DIGIT)) if (part.length > 0) words.push(part);
}

function onlyLettersAndDigits(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (!isLetter(code) && !isDigit(code)) return false;
  }
  return word.length > 0;
}

const NOT_LETTER_OR_DIGIT = /[^a-z0-9]+/;

/** A word with none of LEET's characters reads as it is (most words: no need to count its letters). */
const ANY_LEET = /[013457@$!]/;

function undoLeetspeak(text: string): string {
  if (!ANY_LEET.test(text)) return text;
  // "!" ending a word ends a sentence ("help me!", "got the job!"); only inside a word does it stand for an i ("k!ll").
  const word = withoutEndingBangs(text);
  // "116 123", "5 days" and "24/7" keep their digits; "2nite" and "b4" are read by the text-speak lexicon first.
  // "p45", "m4", "a1": one letter and digits are a name, not a word in disguise.
  if (lettersIn(word) < 2 || /^\d+[a-z]{1,2}$/.test(word) || TEXT_SPEAK.has(word)) return word;
  return word.replace(LEET_CHARS, (ch) => LEET[ch] ?? ch);
}

/** The word less any "!" at its end (`/!+$/`). */
function withoutEndingBangs(word: string): string {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) === 0x21) end--;
  return end === word.length ? word : word.slice(0, end);
}

function lettersIn(word: string): number {
  let count = 0;
  for (let index = 0; index < word.length; index++) if (isLetter(word.charCodeAt(index))) count++;
  return count;
}
