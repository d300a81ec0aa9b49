import { remove as withoutConfusables } from 'confusables';

/**
 * Keywords a participant can text to stop, restart or ask who we are.
 * The lists are CONTRACT.md's, which are Twilio's default long-code keywords minus REVOKE and OPTOUT
 * (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out).
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;

/**
 * Welsh (cy): stop, unsubscribe (with or without its hyphen), end. Read for everyone, whatever their language.
 * Twilio's own keyword handling knows only the English words, so these reach us and we record the opt-out.
 * DIWEDD ("end") counts only alone, like END: "diwedd y mis" ("the end of the month") is not an opt-out.
 */
export const WELSH_OPT_OUT_KEYWORDS = ['STOPIO', 'DAD-DANYSGRIFIO', 'DADDANYSGRIFIO', 'DIWEDD'] as const;
export type OptOutKeyword = (typeof OPT_OUT_KEYWORDS)[number] | (typeof WELSH_OPT_OUT_KEYWORDS)[number];
const ANY_OPT_OUT_KEYWORD: readonly OptOutKeyword[] = [...OPT_OUT_KEYWORDS, ...WELSH_OPT_OUT_KEYWORDS];

/** YES is deliberately absent: it confirms an appointment, and must never silently re-subscribe someone. */
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;
/** Welsh "start". IE (yes) is absent for the same reason as YES. */
export const WELSH_OPT_IN_KEYWORDS = ['DECHRAU'] as const;
export type OptInKeyword = (typeof OPT_IN_KEYWORDS)[number] | (typeof WELSH_OPT_IN_KEYWORDS)[number];
const ANY_OPT_IN_KEYWORD: readonly OptInKeyword[] = [...OPT_IN_KEYWORDS, ...WELSH_OPT_IN_KEYWORDS];

export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;
/** Welsh "help"; Welsh speakers also text HELP, which is already in the English list. */
export const WELSH_HELP_KEYWORDS = ['CYMORTH'] as const;
export type HelpKeyword = (typeof HELP_KEYWORDS)[number] | (typeof WELSH_HELP_KEYWORDS)[number];
const ANY_HELP_KEYWORD: readonly HelpKeyword[] = [...HELP_KEYWORDS, ...WELSH_HELP_KEYWORDS];

/**
 * Keywords that also count at the start of a short request ("stop texting me", "unsubscribe me please",
 * "stopio'r negeseuon plis"). CANCEL, END, QUIT and DIWEDD count only alone: "cancel my appointment" is not an opt-out.
 */
const PHRASE_OPENERS: ReadonlySet<OptOutKeyword> = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE']);
const WELSH_PHRASE_OPENERS: ReadonlySet<OptOutKeyword> = new Set(['STOPIO', 'DAD-DANYSGRIFIO', 'DADDANYSGRIFIO']);

/**
 * Words that may follow STOP/UNSUBSCRIBE in a short opt-out request. An allow-list rather than a word count,
 * so "stop crying" or "stop the bus" never opts anyone out.
 */
const OPT_OUT_PHRASE_WORDS: ReadonlySet<string> = new Set([
  'ALL', 'ANY', 'ANYMORE', 'MORE', 'NOW', 'PLEASE', 'PLS', 'PLZ', 'THANKS', 'THANK', 'YOU', 'TY', 'OK',
  'ME', 'US', 'IT', 'THEM', 'THIS', 'THESE', 'THAT', 'THE', 'FROM', 'TO', 'MY', 'NUMBER',
  'TEXT', 'TEXTS', 'TEXTING', 'TXT', 'TXTS', 'TXTING', 'SMS', 'WHATSAPP',
  'MESSAGE', 'MESSAGES', 'MESSAGING', 'MSG', 'MSGS',
  'SEND', 'SENDING', 'CONTACT', 'CONTACTING', 'CALLING', 'BOTHERING', 'SPAMMING',
  'SERVICE', 'BOT', 'REMINDERS', 'REMINDER',
  'NOT', 'INTERESTED', "I'M", 'IM',
]);

/**
 * Welsh words that may follow a stop keyword in either language: please ("plis", "os gwelwch yn dda"), thanks
 * (very much), now, any more, all ("i gyd"), every, the, me / to me ("fi", "ata i"), this, them, send, texting,
 * message(s), text, contacting, reminder(s) ("nodyn/nodiadau atgoffa"), number. An allow-list, as in English:
 * "stopio smygu" ("stop smoking") never opts anyone out.
 */
const WELSH_OPT_OUT_PHRASE_WORDS: ReadonlySet<string> = new Set([
  'PLIS', 'DIOLCH', 'YN', 'FAWR', 'OS', 'GWELWCH', 'DDA', 'NAWR', 'RHAGOR', 'MWY', 'BELLACH', 'MWYACH', 'I', 'GYD',
  'POB', 'Y', 'YR', 'FI', 'ATA', 'HYN', 'NHW', 'ANFON', 'TECSTIO', 'NEGES', 'NEGESEUON', 'TESTUN', 'CYSYLLTU',
  'NODYN', 'NODIADAU', 'ATGOFFA', 'RHIF',
]);

const POLITE_PREFIXES: ReadonlySet<string> = new Set(['PLEASE', 'PLS', 'PLZ', 'PLIS']);

const MAX_PHRASE_WORDS = 8;

/** Format characters: zero-width spaces and joiners, soft hyphens, direction marks and isolates. */
const INVISIBLE = /\p{Cf}/gu;
const EDGE_NON_WORD = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * Upper-cased words with surrounding punctuation and emoji removed: "  Stop!! 🛑 " → ["STOP"]. Look-alike letters
 * from other scripts and accents are read as the Latin letter ("ЅТОР", "stóp" → STOP): a STOP is never missed for
 * the keyboard it was typed on. Welsh "'r" ("the") is a word of its own: "stopio'r negeseuon" → ["STOPIO", "'R",
 * "NEGESEUON"].
 */
function keywordWords(text: string): string[] {
  return withoutConfusables(text.normalize('NFKC').replace(INVISIBLE, '').replace(/[\u2018\u2019\u02BC]/g, "'"))
    .toUpperCase()
    .replace(/(?<![\p{L}\p{N}])(STOPIO|DAD-?DANYSGRIFIO)'R(?![\p{L}\p{N}])/gu, "$1 'R")
    .split(/[\s,]+/u)
    .map((word) => (word === "'R" ? 'YR' : word.replace(EDGE_NON_WORD, '')))
    .filter((word) => word.length > 0);
}

function asKeyword<K extends string>(word: string | undefined, list: readonly K[]): K | null {
  return word !== undefined && (list as readonly string[]).includes(word) ? (word as K) : null;
}

/** The opt-out keyword a message amounts to, or null. "Stop." → STOP; "stop texting me" → STOP. */
export function matchOptOutKeyword(text: string): OptOutKeyword | null {
  const words = keywordWords(text);
  if (words.length === 1) return asKeyword(words[0], ANY_OPT_OUT_KEYWORD);

  // Twilio and carriers treat "STOP ALL" like STOPALL.
  if (words.length === 2 && words[0] === 'STOP' && words[1] === 'ALL') return 'STOPALL';
  // The Welsh compound is also typed as two words.
  if (words.length === 2 && words[0] === 'DAD' && words[1] === 'DANYSGRIFIO') return 'DAD-DANYSGRIFIO';

  const start = words[0] !== undefined && POLITE_PREFIXES.has(words[0]) ? 1 : 0;
  const opener = asKeyword(words[start], ANY_OPT_OUT_KEYWORD);
  if (opener === null || words.length > MAX_PHRASE_WORDS) return null;
  const rest = words.slice(start + 1);
  if (!PHRASE_OPENERS.has(opener) && !WELSH_PHRASE_OPENERS.has(opener)) return null;
  // People mix the languages: "stop plis" and "stopio please" are as clear as "stop please".
  return rest.every((word) => OPT_OUT_PHRASE_WORDS.has(word) || WELSH_OPT_OUT_PHRASE_WORDS.has(word)) ? opener : null;
}

export function isOptOutKeyword(text: string): boolean {
  return matchOptOutKeyword(text) !== null;
}

export function matchOptInKeyword(text: string): OptInKeyword | null {
  const words = keywordWords(text);
  return words.length === 1 ? asKeyword(words[0], ANY_OPT_IN_KEYWORD) : null;
}

export function isOptInKeyword(text: string): boolean {
  return matchOptInKeyword(text) !== null;
}

export function matchHelpKeyword(text: string): HelpKeyword | null {
  const words = keywordWords(text);
  return words.length === 1 ? asKeyword(words[0], ANY_HELP_KEYWORD) : null;
}

export function isHelpKeyword(text: string): boolean {
  return matchHelpKeyword(text) !== null;
}
