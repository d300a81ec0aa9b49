/**
 * Keywords a participant can text to stop, restart or ask who we are.
 * The lists are CONTRACT.md's, which are Twilio's default long-code keywords minus REVOKE and OPTOUT
 * (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out).
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;
export type OptOutKeyword = (typeof OPT_OUT_KEYWORDS)[number];

/** YES is deliberately absent: it confirms an appointment, and must never silently re-subscribe someone. */
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;
export type OptInKeyword = (typeof OPT_IN_KEYWORDS)[number];

export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;
export type HelpKeyword = (typeof HELP_KEYWORDS)[number];

/**
 * Keywords that also count at the start of a short request ("stop texting me", "unsubscribe me please").
 * CANCEL, END and QUIT count only alone: "cancel my appointment" is not an opt-out.
 */
const PHRASE_OPENERS: ReadonlySet<OptOutKeyword> = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE']);

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

const POLITE_PREFIXES: ReadonlySet<string> = new Set(['PLEASE', 'PLS', 'PLZ']);

const MAX_PHRASE_WORDS = 8;

const ZERO_WIDTH = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const EDGE_NON_WORD = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Upper-cased words with surrounding punctuation and emoji removed: "  Stop!! 🛑 " → ["STOP"]. */
function keywordWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .toUpperCase()
    .split(/[\s,]+/u)
    .map((word) => word.replace(EDGE_NON_WORD, ''))
    .filter((word) => word.length > 0);
}

function asKeyword<K extends string>(word: string | undefined, list: readonly K[]): K | null {
  return word !== undefined && (list as readonly string[]).includes(word) ? (word as K) : null;
}

/** The opt-out keyword a message amounts to, or null. "Stop." → STOP; "stop texting me" → STOP. */
export function matchOptOutKeyword(text: string): OptOutKeyword | null {
  const words = keywordWords(text);
  if (words.length === 1) return asKeyword(words[0], OPT_OUT_KEYWORDS);

  // Twilio and carriers treat "STOP ALL" like STOPALL.
  if (words.length === 2 && words[0] === 'STOP' && words[1] === 'ALL') return 'STOPALL';

  const start = words[0] !== undefined && POLITE_PREFIXES.has(words[0]) ? 1 : 0;
  const opener = asKeyword(words[start], OPT_OUT_KEYWORDS);
  if (opener === null || !PHRASE_OPENERS.has(opener)) return null;
  if (words.length > MAX_PHRASE_WORDS) return null;
  const rest = words.slice(start + 1);
  return rest.every((word) => OPT_OUT_PHRASE_WORDS.has(word)) ? opener : null;
}

export function isOptOutKeyword(text: string): boolean {
  return matchOptOutKeyword(text) !== null;
}

export function matchOptInKeyword(text: string): OptInKeyword | null {
  const words = keywordWords(text);
  return words.length === 1 ? asKeyword(words[0], OPT_IN_KEYWORDS) : null;
}

export function isOptInKeyword(text: string): boolean {
  return matchOptInKeyword(text) !== null;
}

export function matchHelpKeyword(text: string): HelpKeyword | null {
  const words = keywordWords(text);
  return words.length === 1 ? asKeyword(words[0], HELP_KEYWORDS) : null;
}

export function isHelpKeyword(text: string): boolean {
  return matchHelpKeyword(text) !== null;
}
