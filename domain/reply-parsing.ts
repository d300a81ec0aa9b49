/**
 * What a short text back to an appointment reminder means (CONTRACT.md "What a participant can text").
 *
 * Lenient about spelling, case, punctuation, emoji skin tones and polite padding ("Yes thanks x"), strict
 * about length and content: every word has to belong to a known reply or to the padding, so a message such as
 * "no idea where the office is, can you send the address?" means nothing here and goes to the key worker.
 * Opt-out words (STOP, CANCEL, END, QUIT…) are in none of the lists: they are handled before this, and
 * "cancel" must never be read as "can't come".
 */
export type ReminderReplyIntent = 'confirm' | 'decline' | 'rearrange';

export interface ReminderReplyReading {
  intent: ReminderReplyIntent;
  /** A decline that already says why ("I'm ill", "not well"), so there is nothing to ask. */
  givesReason: boolean;
}

/** Longer messages are free text for the key worker, whatever words they contain. */
const MAX_REPLY_WORDS = 12;
const MAX_CHOICE_WORDS = 6;

type Tag = 'confirm' | 'weak_confirm' | 'decline' | 'decline_reason' | 'rearrange' | 'padding';

/** Phrases are written as they read after `replyWords`: lower case, apostrophes dropped, hyphens as spaces. */
const PHRASES: Readonly<Record<Tag, readonly string[]>> = {
  confirm: [
    'yes', 'y', 'yeah', 'yea', 'yeh', 'ya', 'yep', 'yup', 'aye', 'sure', 'fine', 'thats fine', 'that is fine',
    'great', 'perfect', 'lovely', 'brilliant', 'cool', 'definitely', 'of course', 'absolutely', 'sounds good',
    'no problem', 'no problems', 'no probs', 'no worries', 'np', 'got it', 'noted', 'will do', 'i will', 'can do',
    'ill be there', 'will be there', 'be there', 'ill come', 'will come', 'coming', 'attending',
    'can make it', 'can come', 'see you then', 'see you there', 'see you', 'see u then', 'see u', 'see ya', 'cu',
    'confirm', 'confirmed', 'alright', 'all right',
    '👍', '✅', '✔', '☑', '👌', '🆗',
  ],
  // "ok" often only opens another answer ("ok sorry I can't"), so it gives way to anything else said.
  weak_confirm: ['ok', 'okay', 'okey', 'okie', 'k', 'kk', 'oki'],
  decline: [
    'no', 'n', 'nope', 'nah', 'no can do', 'cant', 'cannot', 'can not',
    'cant make it', 'cannot make it', 'can not make it', 'cant make', 'cannot make', 'can not make',
    'cant come', 'cannot come', 'can not come', 'cant attend', 'cannot attend', 'cant go', 'cannot go',
    'cant do it', 'cant do', 'cannot do it',
    'wont make it', 'will not make it', 'wont be able to make it', 'wont be able to come', 'wont be able to attend',
    'wont be there', 'will not be there', 'wont be coming', 'not coming', 'not going to make it',
    'not gonna make it', 'unable to attend', 'unable to come', 'unable to make it', 'not able to come',
    'not able to make it', 'not able to attend',
  ],
  decline_reason: [
    'ill', 'sick', 'unwell', 'poorly', 'not well', 'not very well', 'not feeling well', 'feeling ill',
    'feeling sick', 'feeling unwell', 'feeling poorly',
  ],
  rearrange: [
    'r', 'change', 'change it', 'change time', 'change the time', 'change date', 'change the date', 'change day',
    'change the day', 'can we change', 'can i change', 'can you change', 'rearrange', 're arrange', 'rearange',
    'can we rearrange', 'can i rearrange', 'can you rearrange', 'reschedule', 're schedule', 'resched',
    'can we reschedule', 'can i reschedule', 'can you reschedule', 'another time', 'another day', 'another date',
    'different time', 'different day', 'different date', 'new time', 'new date', 'other time', 'move', 'move it',
    'can we move it', 'can you move it', 'can i move it', 'postpone',
  ],
  padding: [
    'thanks', 'thank you', 'thankyou', 'thanx', 'thx', 'ty', 'ta', 'cheers', 'please', 'pls', 'plz',
    'thanks for the reminder', 'thank you for the reminder', 'thanks for reminding me', 'thanks for letting me know',
    'hi', 'hello', 'hiya', 'hey', 'oh', 'actually', 'sorry', 'so sorry', 'really sorry', 'very sorry', 'afraid',
    'unfortunately',
    'i', 'im', 'am', 'we', 'but', 'and', 'so', 'just', 'really', 'it', 'that', 'this', 'then', 'today', 'tomorrow',
    'appointment', 'the appointment', 'my appointment', 'that appointment', 'mate', 'love',
    'x', 'xx', 'xxx', '🙂', '😊', '🙏', '😀', '😃', '😄', '😁', '☺', '🤗', '❤', '♥',
  ],
};

const PHRASE_TAGS: ReadonlyMap<string, Tag> = new Map(
  (Object.entries(PHRASES) as [Tag, readonly string[]][]).flatMap(([tag, phrases]) =>
    phrases.map((phrase) => [phrase, tag] as const),
  ),
);
const LONGEST_PHRASE = Math.max(...[...PHRASE_TAGS.keys()].map((phrase) => phrase.split(' ').length));

/** Stretched words people type: "yesss", "yeahhh", "nooo", "yupp". */
const STRETCHED: readonly [RegExp, string][] = [
  [/^ye+s+$/u, 'yes'],
  [/^ye+a+h*$/u, 'yeah'],
  [/^ye+p+$/u, 'yep'],
  [/^yu+p+$/u, 'yup'],
  [/^no+$/u, 'no'],
  [/^no+pe+$/u, 'nope'],
  [/^na+h+$/u, 'nah'],
];

const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/gu;
/** Emoji skin tones, text/emoji presentation selectors and the keycap mark (so 1️⃣ reads as 1). */
const EMOJI_MARKS = /\p{Emoji_Modifier}|\uFE0E|\uFE0F|\u20E3/gu;
const APOSTROPHES = /['\u2018\u2019\u02BC\u0060\u00B4]/gu;
const PICTOGRAPH = /(\p{Extended_Pictographic})/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{Extended_Pictographic}\s]+/gu;

/**
 * The words of a message in one canonical form: "  Yes, I'll be there!! 👍🏽" → ["yes", "ill", "be", "there", "👍"].
 * Lower, upper, then lower again (with NFKC between) stands in for full case folding, so "ıll", "ILL" and "ill"
 * read the same, and so do "ẞ", "ß" and "ss".
 */
function replyWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .toUpperCase()
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(EMOJI_MARKS, '')
    .replace(APOSTROPHES, '')
    .replace(PICTOGRAPH, ' $1 ')
    .replace(NOT_WORD, ' ')
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .map((word) => STRETCHED.find(([pattern]) => pattern.test(word))?.[1] ?? word);
}

/** Splits the words into known phrases, longest first; null when some word belongs to none. */
function tagPhrases(words: readonly string[]): Tag[] | null {
  const deadEnds = new Set<number>();
  const from = (start: number): Tag[] | null => {
    if (start === words.length) return [];
    if (deadEnds.has(start)) return null;
    for (let length = Math.min(LONGEST_PHRASE, words.length - start); length > 0; length -= 1) {
      const tag = PHRASE_TAGS.get(words.slice(start, start + length).join(' '));
      if (tag === undefined) continue;
      const rest = from(start + length);
      if (rest !== null) return [tag, ...rest];
    }
    deadEnds.add(start);
    return null;
  };
  return from(0);
}

/** The intent of a reminder reply and whether a decline already gives its reason; null when it is not one. */
export function readReminderReply(text: string): ReminderReplyReading | null {
  const words = replyWords(text);
  if (words.length === 0 || words.length > MAX_REPLY_WORDS) return null;
  const tags = tagPhrases(words);
  if (tags === null) return null;

  const has = (tag: Tag): boolean => tags.includes(tag);
  const confirms = has('confirm');
  const declines = has('decline') || has('decline_reason');
  // "Yes, but can we change it?" says two things: leave it to the key worker.
  if (confirms && (declines || has('rearrange'))) return null;
  // "No, can we rearrange?" asks for another time, which is more than a no.
  if (has('rearrange')) return { intent: 'rearrange', givesReason: false };
  if (declines) return { intent: 'decline', givesReason: has('decline_reason') };
  if (confirms || has('weak_confirm')) return { intent: 'confirm', givesReason: false };
  return null;
}

/** What a reply to a reminder means: "Yes" → confirm, "can't" → decline, "R" → rearrange, anything else → null. */
export function parseReminderReply(text: string): ReminderReplyIntent | null {
  return readReminderReply(text)?.intent ?? null;
}

const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['1st', 1], ['one', 1],
  ['second', 2], ['2nd', 2], ['two', 2],
  ['third', 3], ['3rd', 3], ['three', 3],
  ['fourth', 4], ['4th', 4], ['four', 4],
  ['fifth', 5], ['5th', 5], ['five', 5],
]);
const CHOICE_PADDING: ReadonlySet<string> = new Set([
  'the', 'number', 'no', 'num', 'option', 'appointment', 'its', 'please', 'pls', 'thanks', 'ta', 'x',
]);

/**
 * Which of `count` numbered options a reply picks: "2", "the first", "first one", "2nd" → 1-based, or null.
 * "one" after an ordinal ("first one") is padding; alone it means 1.
 */
export function parseChoice(text: string, count: number): number | null {
  const words = replyWords(text).filter((word) => !CHOICE_PADDING.has(word));
  if (words.length === 0 || words.length > MAX_CHOICE_WORDS) return null;
  const [word, after] = words;
  if (words.length === 2 && after === 'one' && word !== 'one') words.pop();
  if (words.length !== 1 || word === undefined) return null;
  const choice = /^\d{1,2}$/u.test(word) ? Number(word) : ORDINALS.get(word);
  return choice !== undefined && choice >= 1 && choice <= count ? choice : null;
}

/**
 * "No", "no thanks", "not now", "I'm OK thanks", or only thanks: the answers to an offer ("would you like a new
 * appointment?", "would you like a call?") that turn it down. Check it before the reminder reply's reading, which would
 * take "I'm OK thanks" as a yes.
 */
const NOT_NOW_CORE = [
  "not (?:now|yet|right now|at the moment|for now|today|this week|really)", 'maybe later', 'later', 'leave it',
  "(?:i'?m|it'?s|that'?s) (?:ok|okay|fine|good|alright|all right)", 'all good', 'no need', 'no+', 'nah', 'nope',
  'thanks', 'thank you', 'thankyou', 'thx', 'ta', 'cheers',
].join('|');
const NOT_NOW_PADDING = [
  'no+', 'nah', 'nope', 'thanks', 'thank you', 'thankyou', 'thx', 'ta', 'cheers', 'sorry', 'x+', 'for now', 'though',
  'honestly', 'just',
].join('|');
const NOT_NOW = new RegExp(`^(?:(?:${NOT_NOW_PADDING}) )*(?:${NOT_NOW_CORE})(?: (?:${NOT_NOW_PADDING}))*$`, 'u');

export function isNotNow(text: string): boolean {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`]/gu, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
  return NOT_NOW.test(words) || parseReminderReply(text) === 'decline';
}
