/**
 * What a short text back to an appointment reminder means (CONTRACT.md "What a participant can text").
 *
 * Lenient about spelling, case, punctuation, emoji skin tones and polite padding ("Yes thanks x"), strict
 * about length and content: every word has to belong to a known reply or to the padding, so a message such as
 * "no idea where the office is, can you send the address?" means nothing here and goes to the key worker.
 * Opt-out words (STOP, CANCEL, END, QUIT…) are in none of the lists: they are handled before this, and
 * "cancel" must never be read as "can't come".
 *
 * English and Welsh (cy) are read alike, whatever the participant's language: people mix the two, and a Welsh
 * speaker may answer "yes". Welsh accents are optional ("sâl" or "sal"), and the Welsh reminder's options are
 * IE / NA / R (R for rearrange in both languages: N is already English "no").
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

type Tag = 'confirm' | 'weak_confirm' | 'decline' | 'decline_reason' | 'rearrange' | 'padding' | 'unclear';

/** Every "first + rest" phrase: Welsh puts the negative in the middle ("dw i ddim yn gallu dod"). */
function combine(firsts: readonly string[], rests: readonly string[]): string[] {
  return firsts.flatMap((first) => rests.map((rest) => `${first} ${rest}`));
}

/**
 * Welsh "I'm not … / I can't …" openings, as `replyWords` leaves them ("dw i ddim", "dwi ddim"; the southern
 * "sa i'n", "sai'n", "smo fi'n" already carry the "'n" of "yn"). Never padding on their own: "dw i ddim yn sâl"
 * ("I'm not ill") must not read as ill.
 */
const CY_NOT = ['dw i ddim', 'dwi ddim', 'dydw i ddim', 'ddim'];
const CY_NOT_SOUTH = ['sa in', 'sain', 'sa i n', 'so in', 'smo fin', 'smo fi n'];
/** Welsh "change (it / the time / the date / the day)", "rearrange (it)"; also after "can we" / "may I". */
const CY_REARRANGE = [
  'newid', 'newid o', 'newid e', 'newid hi', 'newid yr amser', 'newid y dyddiad', 'newid y diwrnod', 'aildrefnu',
  'ail drefnu', 'aildrefnu o', 'aildrefnu e',
];
/** Welsh "I am" / "I'm" ("dw i'n", "dwi'n", "rwy'n"…) with the apostrophe dropped: padding, like English "im". */
const CY_I_AM = [
  'dw in', 'dwin', 'dw i n', 'dwi n', 'dwi yn', 'dw i yn', 'rwyn', 'rwy n', 'rwy yn', 'rydw in', 'rydwin', 'rydw i yn',
];

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
    // Welsh: yes ("ie"; northern "ia"), "yes I am" (ydw, yndw), "yes it is" (ydy, ydi), "I will" (gwnaf, gwna i),
    // "I'll come" (dof, mutated after mi/fe: ddof), "I'll be [there]" (bydda i, byddaf, fydda i; "'na" is "there",
    // so "bydda i 'na" is a phrase, never "I'll be" + "na" = no), "coming" (dod), "see you there/then", agree,
    // confirm, very good, great, perfect, lovely, sure, of course, no problem.
    'ie', 'ia', 'ydw', 'yndw', 'ydy', 'ydi', 'gwnaf', 'gwna i', 'mi wnaf', 'fe wnaf', 'mi wna i', 'fe wna i',
    'dof', 'mi ddof', 'fe ddof', 'mi ddo i', 'fe ddo i', 'dod', 'bydda i', 'byddaf', 'mi fydda i', 'fe fydda i',
    'bydda i yno', 'byddaf yno', 'bydda i yna', 'bydda i na', 'mi fydda i yno', 'fe fydda i yno', 'wela i chi yno',
    'wela i chi na', 'wela i chi', 'welai chi', 'wela i ti', 'wela i chi wedyn', 'cytuno', 'cadarnhau', 'da iawn',
    'gwych', 'gret', 'perffaith', 'hyfryd', 'siwr', 'yn siwr', 'wrth gwrs', 'dim problem',
  ],
  // "ok" often only opens another answer ("ok sorry I can't"), so it gives way to anything else said. So do Welsh
  // "iawn" ("okay", but also "very": "sâl iawn" is "very ill") and "do", the Welsh yes to a question in the past
  // tense, which in English text is a verb ("cannot do tomorrow").
  weak_confirm: [
    'ok', 'okay', 'okey', 'okie', 'k', 'kk', 'oki',
    'iawn', 'yn iawn', 'maen iawn', 'mae n iawn', 'mae hynnyn iawn', 'mae hynny n iawn', 'popeth yn iawn', 'oce', 'do',
  ],
  // Not the Welsh "do" (yes): English "do I?", "do you?" are questions, and "I'll do…" with its apostrophe dropped
  // is not "ill" + yes. A reply with one of these means nothing here, as before "do" was read.
  unclear: ['do i', 'do we', 'do you', 'do u', 'do they', 'ill do', 'do ill'],
  decline: [
    'no', 'n', 'nope', 'nah', 'no can do', 'cant', 'cannot', 'can not',
    'cant make it', 'cannot make it', 'can not make it', 'cant make', 'cannot make', 'can not make',
    'cant come', 'cannot come', 'can not come', 'cant attend', 'cannot attend', 'cant go', 'cannot go',
    'cant do it', 'cant do', 'cannot do it',
    'wont make it', 'will not make it', 'wont be able to make it', 'wont be able to come', 'wont be able to attend',
    'wont be there', 'will not be there', 'wont be coming', 'not coming', 'not going to make it',
    'not gonna make it', 'unable to attend', 'unable to come', 'unable to make it', 'not able to come',
    'not able to make it', 'not able to attend',
    // Welsh: no ("na"; "nac ydw" no I'm not; "na wnaf" no I won't; "na ddof" no I won't come; "na fyddaf" no I
    // won't be), no thanks, "I can't" (na allaf, ni allaf, alla i ddim, northern fedra i ddim), can't (come),
    // "I won't be there", and "I can't come" / "I'm not coming" with the negative in the middle.
    'na', 'nac ydw', 'na wnaf', 'na ddof', 'na fyddaf', 'dim diolch', 'na allaf', 'ni allaf', 'ni allaf ddod',
    'na fedraf', 'alla i ddim', 'allai ddim', 'alla i ddim dod', 'allai ddim dod', 'alla i ddim bod yno',
    'fedra i ddim', 'fedrai ddim', 'fedra i ddim dod', 'methu', 'methu dod', 'methu bod yno', 'methu bod yna',
    'fydda i ddim yno', 'fyddai ddim yno', 'fydda i ddim yna', 'fydda i ddim na', 'fydda i ddim yn dod',
    ...combine(CY_NOT, ['yn gallu dod', 'yn gallu', 'yn dod', 'yn gallu bod yno']),
    ...combine(CY_NOT_SOUTH, ['gallu dod', 'gallu', 'dod', 'gallu bod yno']),
  ],
  decline_reason: [
    'ill', 'sick', 'unwell', 'poorly', 'not well', 'not very well', 'not feeling well', 'feeling ill',
    'feeling sick', 'feeling unwell', 'feeling poorly',
    // Welsh: ill ("sâl", southern "tost", mutated after "yn": "yn dost"), unwell, "(I'm) not well / not feeling well".
    'sal', 'yn sal', 'tost', 'yn dost', 'yn tost', 'anhwylus', 'yn anhwylus',
    ...combine(CY_NOT, ['yn dda', 'yn teimlon dda', 'yn teimlo n dda']),
  ],
  rearrange: [
    'r', 'change', 'change it', 'change time', 'change the time', 'change date', 'change the date', 'change day',
    'change the day', 'can we change', 'can i change', 'can you change', 'rearrange', 're arrange', 'rearange',
    'can we rearrange', 'can i rearrange', 'can you rearrange', 'reschedule', 're schedule', 'resched',
    'can we reschedule', 'can i reschedule', 'can you reschedule', 'another time', 'another day', 'another date',
    'different time', 'different day', 'different date', 'new time', 'new date', 'other time', 'move', 'move it',
    'can we move it', 'can you move it', 'can i move it', 'postpone',
    // Welsh: change or rearrange (also after "can we" / "may I": allwn ni, ga i), another time / day / date, some
    // other time, move (it).
    ...CY_REARRANGE, ...combine(['allwn ni', 'gallwn ni', 'ga i', 'gaf i'], CY_REARRANGE), 'amser arall',
    'diwrnod arall', 'dyddiad arall', 'rywbryd arall', 'rhywbryd arall', 'symud', 'symud o', 'symud e',
  ],
  padding: [
    'thanks', 'thank you', 'thankyou', 'thanx', 'thx', 'ty', 'ta', 'cheers', 'please', 'pls', 'plz',
    'thanks for the reminder', 'thank you for the reminder', 'thanks for reminding me', 'thanks for letting me know',
    'hi', 'hello', 'hiya', 'hey', 'oh', 'actually', 'sorry', 'so sorry', 'really sorry', 'very sorry', 'afraid',
    'unfortunately',
    'i', 'im', 'am', 'we', 'but', 'and', 'so', 'just', 'really', 'it', 'that', 'this', 'then', 'today', 'tomorrow',
    'appointment', 'the appointment', 'my appointment', 'that appointment', 'mate', 'love',
    'x', 'xx', 'xxx', '🙂', '😊', '🙏', '😀', '😃', '😄', '😁', '☺', '🤗', '❤', '♥',
    // Welsh: thanks (very much; "diolch yn fawr iawn" is a phrase, so its "iawn" is not "okay"), thanks for the
    // message / reminder, please (informal "os gweli di'n dda"), hello, hi, sorry ("mae'n ddrwg gen i", southern
    // "…da fi", northern "mae'n flin gen i"), unfortunately, actually, really, but, just, today, tomorrow, the
    // appointment, and "I'm" (dw i'n…).
    'diolch', 'diolch yn fawr', 'diolch yn fawr iawn', 'diolch o galon', 'diolch am y neges',
    'diolch am y nodyn atgoffa', 'diolch am fy atgoffa', 'plis', 'os gwelwch yn dda', 'os gweli din dda', 'os gweli di n dda', 'helo', 'haia',
    'shwmae', 'sori', 'maen ddrwg gen i', 'mae n ddrwg gen i', 'maen ddrwg da fi', 'maen flin gen i', 'flin gen i',
    'yn anffodus', 'a dweud y gwir', 'wir', 'ond', 'jyst', 'heddiw', 'fory', 'yfory', 'apwyntiad', 'yr apwyntiad',
    'fy apwyntiad', 'ir apwyntiad', ...CY_I_AM,
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
/** Welsh accents (to bach, acute, grave, diaeresis) on a Latin letter, once decomposed: "sâl" reads as "sal". */
const WELSH_ACCENTS = /(?<=[a-z])[\u0300\u0301\u0302\u0308]/gu;
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
    .normalize('NFD')
    .replace(WELSH_ACCENTS, '')
    .normalize('NFC')
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
  if (has('unclear')) return null;
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
  // Welsh, with the feminine and mutated forms ("y gyntaf", "y drydedd") and the written 1af, 2il, 3ydd, 4ydd, 5ed.
  ['cyntaf', 1], ['cynta', 1], ['gyntaf', 1], ['gynta', 1], ['1af', 1], ['un', 1],
  ['ail', 2], ['2il', 2], ['2ail', 2], ['dau', 2], ['dwy', 2],
  ['trydydd', 3], ['trydedd', 3], ['drydedd', 3], ['3ydd', 3], ['3edd', 3], ['tri', 3], ['tair', 3],
  ['pedwerydd', 4], ['pedwaredd', 4], ['bedwaredd', 4], ['4ydd', 4], ['4edd', 4], ['pedwar', 4], ['pedair', 4],
  ['pumed', 5], ['bumed', 5], ['5ed', 5], ['pump', 5], ['pum', 5],
]);
const CHOICE_PADDING: ReadonlySet<string> = new Set([
  'the', 'number', 'no', 'num', 'option', 'appointment', 'its', 'please', 'pls', 'thanks', 'ta', 'x',
  // Welsh: the, number, option, choice, appointment, please, thanks.
  'y', 'yr', 'rhif', 'opsiwn', 'dewis', 'apwyntiad', 'plis', 'diolch',
]);
/** "one" in "first one" (English) and "ail un" (Welsh "second one"). */
const ONE_AFTER: ReadonlySet<string> = new Set(['one', 'un']);
/** Welsh "cyntaf" follows its noun: "yr un cyntaf", "yr un gyntaf" ("the first one"). */
const FIRST_AFTER_UN: ReadonlySet<string> = new Set(['cyntaf', 'cynta', 'gyntaf', 'gynta']);

/**
 * Which of `count` numbered options a reply picks: "2", "the first", "first one", "2nd", "yr ail", "yr un cyntaf"
 * → 1-based, or null. "one"/"un" next to an ordinal ("first one", "ail un", "un cyntaf") is padding; alone it means 1.
 */
export function parseChoice(text: string, count: number): number | null {
  const words = replyWords(text).filter((word) => !CHOICE_PADDING.has(word));
  if (words.length === 0 || words.length > MAX_CHOICE_WORDS) return null;
  if (words.length === 2 && ONE_AFTER.has(words[1] ?? '') && !ONE_AFTER.has(words[0] ?? '')) words.pop();
  else if (words.length === 2 && words[0] === 'un' && FIRST_AFTER_UN.has(words[1] ?? '')) words.shift();
  const [word] = words;
  if (words.length !== 1 || word === undefined) return null;
  const choice = /^\d{1,2}$/u.test(word) ? Number(word) : ORDINALS.get(word);
  return choice !== undefined && choice >= 1 && choice <= count ? choice : null;
}

/**
 * "No", "no thanks", "not now", "I'm OK thanks", or only thanks (Welsh "na", "dim diolch", "ddim nawr", "dw i'n iawn
 * diolch", "diolch"): the answers to an offer ("would you like a new appointment?", "would you like a call?") that
 * turn it down. Check it before the reminder reply's reading, which would take "I'm OK thanks" as a yes.
 */
const NOT_NOW_CORE = [
  "not (?:now|yet|right now|at the moment|for now|today|this week|really)", 'maybe later', 'later', 'leave it',
  "(?:i'?m|it'?s|that'?s) (?:ok|okay|fine|good|alright|all right)", 'all good', 'no need', 'no+', 'nah', 'nope',
  'thanks', 'thank you', 'thankyou', 'thx', 'ta', 'cheers',
  // Welsh: not now / not yet / not at the moment / not today, no thanks, later, another time, leave it, "I'm / it's /
  // that's / all fine" (dw i'n iawn, mae'n iawn, mae hynny'n iawn, popeth yn iawn), no need, no, thanks.
  "d?dim (?:nawr|rwan|eto|ar hyn o bryd|heddiw|diolch)", 'nes ymlaen', 'wedyn', 'r?h?ywbryd eto',
  "gad(?:ewch)? (?:e|o|hi)(?: fod)?",
  "(?:dw i'?n|dwi'?n|rwy'?n|rydw i'?n|mae'?n|mae hynny'?n|mae popeth yn|popeth yn) (?:iawn|ok|oce|dda)",
  'dim angen', 'does dim angen', 'na', 'diolch(?: yn fawr(?: iawn)?)?',
].join('|');
const NOT_NOW_PADDING = [
  'no+', 'nah', 'nope', 'thanks', 'thank you', 'thankyou', 'thx', 'ta', 'cheers', 'sorry', 'x+', 'for now', 'though',
  'honestly', 'just',
  // Welsh: no, thanks (very much), sorry, for now, really, just.
  'na', 'diolch(?: yn fawr(?: iawn)?)?', 'sori', 'am nawr', 'am y tro', 'wir', 'jyst',
].join('|');
const NOT_NOW = new RegExp(`^(?:(?:${NOT_NOW_PADDING}) )*(?:${NOT_NOW_CORE})(?: (?:${NOT_NOW_PADDING}))*$`, 'u');

export function isNotNow(text: string): boolean {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(WELSH_ACCENTS, '')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC`]/gu, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
  return NOT_NOW.test(words) || parseReminderReply(text) === 'decline';
}
