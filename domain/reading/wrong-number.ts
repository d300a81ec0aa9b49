/**
 * Does a reply say that this phone is not the participant's? Phone numbers on referrals are often wrong, and a
 * stranger who gets "Hi Sam, this is Restart" answers "wrong number", "not me", "who is this? I don't know them".
 *
 * Marking a number wrong stops every message to it, so a real participant wrongly caught would lose their
 * reminders; a stranger missed here still reaches the key worker as a message for them. So when a reply could be
 * either, it is not a wrong number: "who is this?" alone (someone who forgot their key worker's name), "I'm not
 * well", "not me today, I'm ill", "I don't know what to do", "I've got a new number" (the participant telling us),
 * "I sent that to the wrong person" (their own slip). Long messages are stories, not wrong-number replies.
 */

/** The names this conversation is about, when known: they settle "I'm not sam" and "who is Priya?". */
export interface KnownNames {
  /** The participant's first name: "I'm not sam", "who is Sam?" say this is a wrong number. */
  participant?: string | null;
  /** The key worker's name: "who is Priya?" is someone who forgot them, not a wrong number. */
  keyWorker?: string | null;
}

/** A reply longer than this is someone telling us something, not telling us we have the wrong number. */
const MAX_WORDS = 30;

/** "don't know", "dunno", "idk", "no idea". */
const DONT_KNOW = String.raw`(?:(?:i\s+)?(?:do\s+not|don'?t|dont|dnt|didn'?t|didnt)\s+know|dunno|idk|(?:i\s+)?(?:have\s+|'ve\s+|ve\s+)?no\s+idea)`;
const IS_NOT = String.raw`(?:is\s+not|isn'?t|isnt|'s\s+not|s\s+not|ain'?t|aint)`;
/** One word that may be a name: letters, apostrophes and hyphens ("O'Neill", "Anne-Marie", "Sam's"). */
const WORD = String.raw`([a-z][a-z'-]*)`;

/** Replies that say so outright. */
const OUTRIGHT: readonly RegExp[] = [
  // "wrong number", "wrong no.", "you have the wrong person", "rong numbr"
  /\b(?:wrong|wrng|rong)\s+(?:number|numbr|nmbr|numb|num|no\b|#|person|persons|people|phone|mobile|guy|girl|bloke|fella|lady|man|woman)/,
  // "I don't know them", "dunno who that is", "no idea who you mean", "I don't know anyone called that"
  new RegExp(
    String.raw`\b${DONT_KNOW}\s+(?:him|her|them|this\s+person|that\s+person|these\s+people|who\s+(?:that|he|she)\s+is|who\s+they\s+are|who\s+you\s+mean|who\s+(?:you'?re|youre|you\s+are)\s+(?:on\s+about|talking\s+about|after|looking\s+for)|any\s*(?:one|body)\s+(?:called|named|by\s+that\s+name|of\s+that\s+name))(?![a-z'])`,
  ),
  // "no one called that here", "nobody here by that name"
  /\bno\s*(?:one|body)\s+(?:here\s+|at\s+this\s+number\s+)?(?:is\s+)?(?:called|named|by\s+(?:that|the|this)\s+name|of\s+(?:that|the|this)\s+name|with\s+(?:that|the|this)\s+name)/,
  // "not his number", "this isn't the right number", "that's not my name", "my name isn't Sam"
  /\bnot\s+(?:his|her|their|the\s+right|the\s+correct|my)\s+(?:number|phone|mobile|no\b)/,
  new RegExp(String.raw`(?:\bnot|\b${IS_NOT})\s+my\s+name\b|\bmy\s+name\s*${IS_NOT}\b`),
  // "I'm not the person you want", "I'm not who you think"
  /\bi\s*(?:'?m|am)\s+not\s+(?:the\s+(?:person|one|guy|lady|woman|man)\s+|who\s+)(?:you|u)\b/,
  // "he doesn't have this number any more", "they don't live here"
  /\b(?:he|she|they)\s+(?:doesn'?t|doesnt|does\s+not|don'?t|dont|do\s+not|no\s+longer)\s+(?:have|has|use|uses|own|owns|live|lives)\s+(?:this\s+(?:number|phone|mobile|no\b)|here)/,
  // Welsh, as the Welsh welcome asks ("atebwch RHIF ANGHYWIR"): "rhif anghywir", "y person anghywir", "nid fi",
  // "ddim yn nabod nhw" ("don't know them").
  /\b(?:rhif|person|ffon|ffôn)\s+anghywir\b/,
  /\b(?:nid|dim)\s+fi\s+(?:yw|ydy|sy)\b|^(?:nid|dim)\s+fi[.!]*$/,
  /\b(?:ddim|dw\s+i\s+ddim|dydw\s+i\s+ddim)\s+yn\s+(?:nabod|adnabod)\s+(?:nhw|hi|fe|fo|ef|y\s+person)\b/,
];

/** The sender's own slip ("I sent that to the wrong person") or someone else's ("the jobcentre has the wrong number"). */
const NOT_OURS: readonly RegExp[] = [
  /\bi(?:'?ve|\s+have|\s+just|\s+must\s+have)?\s+(?:just\s+)?(?:sent|send|texted|text|messaged|replied|rang|called|dialled|dialed|put|gave|given|written|wrote)\b[^.?!]{0,40}\bwrong\b/,
  /\b(?:they|he|she|jobcentre|job\s+centre|dwp|council|doctors?|gp|work\s+coach|school|bank)\b[^.?!]{0,25}\b(?:have|has|had|got|gave|put|using|used)\b[^.?!]{0,25}\bwrong\s+(?:number|no\b)/,
];

/** "new number", "I only got this number last week", "this is a new number, who is this?" */
const NEW_NUMBER = [
  /\b(?:new|brand\s+new)\s+(?:number|no\b|phone\s+number|mobile\s+number|sim)/,
  /\b(?:got|had|have\s+had|bought|been\s+given)\s+this\s+(?:number|no\b|sim)/,
];
/** ... unless it is the participant telling us their new number, which is for the key worker. */
const OWN_NEW_NUMBER = [
  /\bmy\s+new\s+(?:number|no\b|phone|mobile)/,
  /\bi(?:'?ve|\s+have|\s+am|'?m)?\s+(?:got\s+|getting\s+|have\s+)?a\s+new\s+(?:number|no\b|phone|mobile|sim)/,
  /\bnew\s+(?:number|no)\s*(?:is\b|:|=)/,
  /\d[\d\s-]{6,}\d/,
];

/**
 * Words that follow "I'm not" or "this isn't" in a capital without being a name: "I'm not Well", "It's not
 * Monday". A name is otherwise told by its capital, since "im not sam" cannot be told from "im not sad" without
 * knowing the name.
 */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'well', 'ok', 'okay', 'sure', 'certain', 'right', 'true', 'fair', 'fine', 'good', 'great', 'bad', 'happy', 'sad',
  'ready', 'able', 'free', 'sorry', 'sick', 'ill', 'poorly', 'unwell', 'allowed', 'interested', 'available', 'bothered',
  'worried', 'scared', 'afraid', 'angry', 'upset', 'confident', 'late', 'early', 'there', 'here', 'home', 'in', 'at',
  'on', 'out', 'up', 'down', 'today', 'tomorrow', 'tonight', 'yesterday', 'now', 'then', 'yet', 'again', 'anymore',
  'always', 'never', 'really', 'very', 'too', 'so', 'just', 'quite', 'even', 'that', 'this', 'these', 'those', 'the',
  'a', 'an', 'my', 'your', 'his', 'her', 'their', 'our', 'it', 'its', "it's", 'me', 'you', 'him', 'them', 'us', 'who',
  'what', 'when', 'where', 'why', 'how', 'someone', 'somebody', 'anyone', 'anybody', 'everyone', 'mad', 'stupid',
  'lying', 'joking', 'alone', 'over', 'done', 'enough', 'much', 'many', 'all', 'any', 'sure', 'no', 'not', 'yes',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'christmas', 'easter',
  'jobcentre', 'english', 'british', 'working', 'mandatory', 'possible', 'fit', 'new', 'old', 'young', 'single', 'married',
]);

/** Filler around "not me": "no, sorry, that's not me mate". */
const NOT_ME_FILLER: ReadonlySet<string> = new Set([
  'no', 'nope', 'nah', 'sorry', 'soz', 'hi', 'hello', 'hey', 'mate', 'pal', 'love', 'hun', 'lol', 'haha', 'x', 'xx',
  'that', "that's", 'thats', 'it', "it's", 'its', 'this', 'is', 'i', 'am', "i'm", 'im', 'afraid', 'but', 'um', 'er',
  'ok', 'okay', 'thanks', 'thank', 'you', 'ta', 'definitely', 'def', 'sadly',
]);

/** Whether `text` says this is not the participant's number. Never throws, whatever it is given. */
export function isWrongNumberReply(text: string, names: KnownNames = {}): boolean {
  const original = normalise(text);
  const lower = original.toLowerCase();
  if (lower === '' || lower.split(' ').length > MAX_WORDS) return false;
  if (NOT_OURS.some((pattern) => pattern.test(lower))) return false;

  if (OUTRIGHT.some((pattern) => pattern.test(lower))) return true;
  if (isJustNotMe(lower)) return true;
  if (NEW_NUMBER.some((pattern) => pattern.test(lower)) && !OWN_NEW_NUMBER.some((pattern) => pattern.test(lower))) return true;

  const nameAfter = (pattern: RegExp): boolean =>
    [...original.matchAll(pattern)].some((match) => isSomeonesName(match[1] ?? '', names));
  return (
    // "I'm not Sam", "I am not Sam"
    nameAfter(/\bi\s*(?:'?m|am)\s+not\s+([a-z][a-z'-]*)/gi) ||
    // "this isn't Sam", "it's not Sam's phone"
    nameAfter(new RegExp(String.raw`\b(?:this|it|that)\s*${IS_NOT}\s+${WORD}`, 'gi')) ||
    // "I don't know who Sam is", "don't know any Sam", "I don't know a Sam"
    nameAfter(new RegExp(String.raw`\b${DONT_KNOW}\s+who\s+${WORD}\s+is\b`, 'gi')) ||
    nameAfter(new RegExp(String.raw`\b${DONT_KNOW}\s+(?:an?|any)\s+${WORD}`, 'gi')) ||
    // "there's no Sam here"
    nameAfter(new RegExp(String.raw`\bno\s+${WORD}\s+(?:here|at\s+this\s+number|on\s+this\s+number|lives\s+here|living\s+here)\b`, 'gi')) ||
    // "Sam doesn't live here", "Sam doesn't have this number"
    nameAfter(
      /\b([a-z][a-z'-]*)\s+(?:doesn'?t|doesnt|does\s+not|no\s+longer)\s+(?:have|has|use|uses|own|owns|live|lives)\s+(?:this\s+(?:number|phone|mobile|no\b)|here)/gi,
    ) ||
    // "who is Sam?", only when Sam is the participant: "who is Priya?" is someone who forgot their key worker.
    [...original.matchAll(/\bwho(?:'?s|\s+is)\s+([a-z][a-z'-]*)/gi)].some((match) => sameName(match[1] ?? '', names.participant))
  );
}

/** Single spaces, straight apostrophes, no invisible characters. */
function normalise(text: string): string {
  return String(text)
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** "not me", with nothing but filler around it: "not me today, I'm ill" says something else. */
function isJustNotMe(lower: string): boolean {
  const words = lower
    .split(/[^a-z']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '' && !NOT_ME_FILLER.has(word));
  return words.length === 2 && words[0] === 'not' && words[1] === 'me';
}

/** The participant's name in any case, or a word in a capital that is not the key worker and reads as a name. */
function isSomeonesName(word: string, names: KnownNames): boolean {
  const bare = word.replace(/'s?$/i, '');
  if (bare === '') return false;
  if (sameName(bare, names.keyWorker)) return false;
  if (sameName(bare, names.participant)) return true;
  // "Sam", "Anne-Marie", "O'Neill"; not "OK", "I" or "Coming".
  const capitalised = bare.length > 1 && /^[A-Z][a-z]*(?:['-][A-Za-z][a-z]*)*$/.test(bare);
  return capitalised && !NOT_NAMES.has(bare.toLowerCase()) && !/ing$/.test(bare);
}

/** Whether `word` is `name`, or its first word ("Sam" for "Sam Jones"), in any case. */
function sameName(word: string, name: string | null | undefined): boolean {
  const first = normalise(name ?? '').split(' ')[0]?.toLowerCase() ?? '';
  return first !== '' && word.replace(/'s?$/i, '').toLowerCase() === first;
}
