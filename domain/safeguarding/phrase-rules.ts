/**
 * The phrase layer of the screen (screen.ts), in English and Welsh (cy): whole phrases as regular expressions, kept
 * for Welsh and for English phrasings already proven; the concept rules (concept-rules.ts) generalise beyond them.
 * It began as a first screen for messages that read as risk of harm. It is a net for the key worker,
 * not a judgement: a match sends crisis signposting and an urgent alert, and a person reads the message.
 * Patterns lean towards catching disclosures, but skip everyday idioms ("this job is killing me",
 * "I could kill for a coffee", "he hit me up"; in Welsh "mae'r swydd yn fy lladd i", "mae'n fy nharo i fod…" (it
 * strikes me that…), "bydd mam yn fy lladd i") that would otherwise swamp key workers with false alarms. Welsh
 * accents are optional, and Welsh words are written with their mutations ("fy nghuro", beating me, from "curo").
 */

import { isAscii, isDigit, isLetter } from './normalise.js';
import type { RiskFlag } from './risk-category.js';

export const PHRASE_CATEGORIES = ['self_harm', 'suicide', 'abuse', 'violence'] as const;
type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];
export type RiskCategory = PhraseCategory;

export interface PhraseScreen {
  risk: boolean;
  categories: RiskCategory[];
  matched: string[];
}

interface RiskRule {
  categories: readonly RiskCategory[];
  pattern: RegExp;
}

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const DASHES = /[\u2010-\u2015\u2212-]/g;
/** Welsh accents (to bach, acute, grave, diaeresis) on a Latin letter, once decomposed: "tŷ" reads as "ty". */
const WELSH_ACCENTS = /(?<=[a-z])[\u0300\u0301\u0302\u0308]/g;
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** A word with none of the characters below reads as it is (most words: no need for the two replacements). */
const ANY_LEET = /[013457@$!]/;

function undoLeetspeak(word: string): string {
  if (!ANY_LEET.test(word)) return word;
  // Only words that already contain letters, so "116 123" or "5 days" keep their digits.
  if (!/\p{L}/u.test(word)) return word;
  return word.replace(/[013457@$]/g, (ch) => LEET[ch] ?? ch).replace(/(?<=\p{L})!(?=\p{L})/gu, 'i');
}

/**
 * Lower-case, NFKC, no zero-width characters, no Welsh accents, leetspeak undone, punctuation to spaces, single
 * spaces.
 */
export function normaliseForScreening(text: string): string {
  // A text of ASCII characters has nothing for NFKC, NFD or NFC to change, and no zero-width characters or accents.
  if (isAscii(text)) return asciiPhraseText(text.toLowerCase());
  const lower = text.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase().normalize('NFD').replace(WELSH_ACCENTS, '').normalize('NFC');
  let words = lower.replace(APOSTROPHES, "'").replace(DASHES, ' ');
  // Runs of spaces are made one at the end: what lies between them is read word by word.
  if (ANY_LEET.test(words)) words = words.replace(/(?<!\S)\S*?[013457@$!]\S*/g, undoLeetspeak);
  return words
    .replace(/(?<!\p{L})'|'(?!\p{L})/gu, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const APOSTROPHE = 0x27;
const BACKTICK = 0x60;
const DASH = 0x2d;
const BANG = 0x21;
/** White space as `\s` has it, in ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
const isSpace = (code: number) => code === 0x20 || (code >= 0x09 && code <= 0x0d);
/** `LEET` by character code, 0 for a character it leaves as it is. */
const LEET_CODES = new Uint8Array(128);
for (const [from, to] of Object.entries(LEET)) LEET_CODES[from.charCodeAt(0)] = to.charCodeAt(0);

/** The text being normalised, a character a byte (reused: the screen is synchronous), and the words written out. */
let textCodes = new Uint8Array(256);
let wordBytes = Buffer.alloc(256);

/**
 * `normaliseForScreening` for a lower-case ASCII text (its only letters are a-z, its only digits 0-9), in two passes
 * over the text and with one string made, where the expressions above would look up every character's properties and
 * build a string at each step: the backtick an apostrophe and `-` a space; leetspeak undone in each run of characters
 * between white space that holds a letter (`undoLeetspeak`); then an apostrophe kept only between two letters,
 * anything else but letters and digits a space, single spaces, trimmed.
 */
function asciiPhraseText(lower: string): string {
  const length = lower.length;
  if (textCodes.length < length + 1) textCodes = new Uint8Array(2 * length + 1);
  if (wordBytes.length < length) wordBytes = Buffer.alloc(2 * length);
  for (let index = 0; index < length; index++) {
    const code = lower.charCodeAt(index);
    textCodes[index] = code === BACKTICK ? APOSTROPHE : code === DASH ? 0x20 : code;
  }
  textCodes[length] = 0x20;
  for (let start = 0; start < length; ) {
    if (isSpace(textCodes[start]!)) {
      start++;
      continue;
    }
    let end = start;
    let letter = false;
    let leet = false;
    for (; end < length && !isSpace(textCodes[end]!); end++) {
      const code = textCodes[end]!;
      if (isLetter(code)) letter = true;
      else if (LEET_CODES[code] !== 0 || code === BANG) leet = true;
    }
    if (letter && leet) undoLeetspeakIn(start, end);
    start = end;
  }
  let out = 0;
  for (let index = 0; index < length; index++) {
    const code = textCodes[index]!;
    const kept = isLetter(code) || isDigit(code) || (code === APOSTROPHE && index > 0 && isLetter(textCodes[index - 1]!) && isLetter(textCodes[index + 1]!));
    if (kept) {
      if (out > 0 && index > 0 && !wasKept(index - 1)) wordBytes[out++] = 0x20;
      wordBytes[out++] = code;
    }
  }
  return wordBytes.toString('latin1', 0, out);
}

/** Whether `asciiPhraseText` kept the character at `index` (of the text in `textCodes`, leetspeak undone). */
function wasKept(index: number): boolean {
  const code = textCodes[index]!;
  return isLetter(code) || isDigit(code) || (code === APOSTROPHE && index > 0 && isLetter(textCodes[index - 1]!) && isLetter(textCodes[index + 1]!));
}

/**
 * `undoLeetspeak` on `textCodes` from `start` to `end` in place: each character of LEET its letter, then each `!` between
 * two letters (as they read once the first step is done) an i.
 */
function undoLeetspeakIn(start: number, end: number): void {
  for (let index = start; index < end; index++) {
    const letter = LEET_CODES[textCodes[index]!]!;
    if (letter !== 0) textCodes[index] = letter;
  }
  // Whether each `!` stands between letters is judged before any is replaced (one expression, matched on the text before it).
  let before = start > 0 ? textCodes[start - 1]! : 0x20;
  for (let index = start; index < end; index++) {
    const code = textCodes[index]!;
    if (code === BANG && isLetter(before) && isLetter(textCodes[index + 1]!)) textCodes[index] = 0x69;
    before = code;
  }
}

const SELF = String.raw`(?:my ?self|me ?self)`;
const DONT = String.raw`(?:do not|don'?t|dont)`;
const ANYMORE = String.raw`(?: any ?more| no more| no longer)`;
const CLOSE_PERSON = String.raw`(?:partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|fiance|fiancee|stepdad|step dad|stepmum|step mum)`;
const FAMILY = String.raw`(?:dad|father|mum|mother|mom|son|daughter|brother|sister|uncle|aunt|carer|landlord|flatmate|housemate|family|parents?|cousin|grandad|nan)`;
/** Someone who could be harming them. "my mum" is left out of threats to kill, where it is nearly always an idiom. */
const PERSON = String.raw`(?:he|she|they|someone|somebody|my ${CLOSE_PERSON}|my ${FAMILY})`;
const AUX = String.raw`(?:'s|'ll|'d|'ve|'re)?(?: (?:keeps|kept|has|had|have|is|was|were|are|been|always|still|often|sometimes|started|starts|just|also|then|even|tried to|tries to|used to|will|would|did|does))*`;
const HARM_ME = String.raw`(?:hits|hitting|beats|beating|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|chok(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|abus(?:e|es|ed|ing)|rap(?:e|es|ed|ing)|assault(?:s|ed|ing)?|attack(?:s|ed|ing)?|batter(?:s|ed|ing)?|hurt(?:s|ing)?|stalk(?:s|ed|ing)?|shov(?:e|es|ed|ing)|grabb(?:ed|ing)|bit|bites|biting|spits? on|spat on)`;
const WEAPON = String.raw`(?:knife|knives|gun|blade|machete|weapon|hammer|axe|bat)`;
/** Being threatened with a sanction, eviction or court is stressful, but it is not violence. */
const NOT_OFFICIAL = String.raw`(?! with (?:a |an |the )?(?:sanctions?|eviction|court|police|legal|fines?|bailiffs|letters?|action|losing))`;
const OTHERS = String.raw`(?:someone|somebody|him|her|them|people|everyone|everybody|you|my (?:${CLOSE_PERSON}|${FAMILY}|boss|manager|neighbour|kids?|children|baby))`;

/** Welsh: myself ("fy hun", "fy hunan"; southern "yn hunan"). */
const SELF_CY = String.raw`(?:fy|yn) hun(?:an)?`;
/** Welsh: want (eisiau and its spoken forms). */
const WANT_CY = String.raw`(?:eisiau|eisie|isie|ishe|isio|moyn)`;
const NOT_CY = String.raw`(?:ddim|dim)`;
/** Welsh, after "fy" (my), mutated: partner, boyfriend or girlfriend, husband, wife, ex, stepdad, stepmum. */
const CLOSE_PERSON_CY = String.raw`(?:mhartner|nghariad|ngwr|ngwraig|nghyn (?:bartner|gariad|wr|wraig)|nghyn|llystad|llysfam)`;
/** Welsh, after "fy": dad, mum, brother, sister, son, daughter, family, parents, landlord, carer. */
const FAMILY_CY = String.raw`(?:nhad|mam|mrawd|chwaer|mab|merch|nheulu|rhieni|landlord|ngofalwr)`;
/**
 * Someone who could be harming them: he / she / they ("e", "o", "fe", "fo", "hi", "nhw"), someone, "fy mhartner"…
 * "fy mam" is left out of threats to kill, where it is nearly always an idiom ("bydd mam yn fy lladd i").
 */
const PERSON_CY = String.raw`(?:e|o|fe|fo|hi|nhw|rhywun|rywun|fy ${CLOSE_PERSON_CY}|fy ${FAMILY_CY})`;
const THREATENER_CY = String.raw`(?:e|o|fe|fo|hi|nhw|fy ${CLOSE_PERSON_CY})`;
/** Welsh: is / has / still / always / keeps… between the person and the verb ("mae e'n dal i fy nharo"). */
const AUX_CY = String.raw`(?:'n| yn| wedi| wastad yn|'n dal i| yn dal i| yn aml yn| weithiau'n)?`;
/**
 * Harming me, mutated after "fy": beating, hitting ("nharo", "mwrw"), kicking, punching, choking, smothering, raping,
 * hurting, pushing, slapping, stalking, abusing, threatening.
 */
const HARM_ME_CY = String.raw`(?:nghuro|nharo|mwrw|nghicio|nyrnu|nhagu|mygu|nhreisio|mrifo|ngwthio|slapio|stelcio|ngham ?drin|mygwth)`;
/** The same verbs unmutated, with spoken "fi" (me) after them: "mae e'n curo fi". */
const HARM_FI_CY = String.raw`(?:curo|taro|bwrw|cicio|dyrnu|tagu|mygu|treisio|brifo|gwthio|slapio|stelcio|cam ?drin)`;
/**
 * Not harm: "mae'n fy nharo i fod…" (it strikes me that…), being beaten in a race or a game, swept off one's feet
 * ("fy mwrw oddi ar fy nhraed"), hit by a car or a bus.
 */
const NOT_HARM_CY = String.raw`(?!(?: i)? (?:fod|bod|mai|taw|nad|yn od|yn rhyfedd|yn y (?:ras|gem|rownd|ffeinal)|mewn|o \d|o bwynt|ar bwyntiau|i'?r|oddi ar|gan (?:y |'r )?(?:gar|car|fws|bws|lori|feic|beic|fan|bel)))`;
/** Threatened with a sanction, a court, eviction, the police, a fine, bailiffs, a letter: stressful, not violence. */
const NOT_OFFICIAL_CY = String.raw`(?! (?:gyda|efo|a|ag)(?:'r | y | yr | )(?:sancsiwn\w*|chosb|cosb|llys|troi allan|achos|heddlu|dirwy\w*|beili\w*|llythyr\w*|cholli|colli))`;
/** Welsh: knife, gun, blade, sword, hammer, axe, with their mutations ("gyda chyllell", "ei gyllell"). */
const WEAPON_CY = String.raw`(?:cyllell|gyllell|chyllell|nghyllell|gwn|ngwn|dryll|ddryll|nryll|llafn|lafn|cleddyf|gleddyf|morthwyl|forthwyl|bwyell|fwyell)`;
/**
 * Welsh: someone else (him, her, them, someone, everyone, people, you, my partner…, my boss, my neighbour, my
 * children). "e", "o" and "hi" are also "it": "dw i'n mynd i ladd e" may be a calque of "I'll smash it", but the
 * screen leans towards catching. Not "o leiaf" (at least).
 */
const OTHERS_CY = String.raw`(?:rhywun|rywun|pawb|pobl|nhw|ti|chi|fe|fo|e|o(?! leia)|hi|fy (?:${CLOSE_PERSON_CY}|${FAMILY_CY}|mos|rheolwr|nghymydog|mhlant|mhlentyn|mabi))`;

function rule(categories: readonly RiskCategory[], source: string): RiskRule {
  return { categories, pattern: new RegExp(String.raw`\b${source}\b`, 'g') };
}

const RULES: readonly RiskRule[] = [
  // Suicide
  rule(['suicide'], String.raw`suicid(?:e|al)`),
  rule(['suicide'], String.raw`kill(?:ing|ed)? ${SELF}(?! laughing)`),
  rule(['suicide'], String.raw`(?:hang|hanging|drown|drowning|shoot|shooting|gas|gassing) ${SELF}`),
  rule(['suicide'], String.raw`end(?:ing)? (?:it all|my (?:own )?life)`),
  rule(['suicide'], String.raw`(?:want(?:ed)? to|wanna|going to|gonna|ready to|planning to|just) end it(?! (?:with|for|at|on|now with))`),
  rule(['suicide'], String.raw`(?:take|taking|took) my (?:own )?life(?! savings)`),
  rule(['suicide'], String.raw`(?:want(?:ed)?|wanna|wish i could|ready|deserve|plan(?:ning)?) (?:to )?die(?! (?:of|laughing|from embarrassment))`),
  rule(['suicide'], String.raw`wish (?:i was|i were|i'?d been|i had been) (?:dead|never born)`),
  rule(['suicide'], String.raw`(?:better off|rather be) dead`),
  rule(['suicide'], String.raw`better off without me`),
  rule(['suicide'], String.raw`${DONT} want to (?:be here|be around)${ANYMORE}`),
  rule(['suicide'], String.raw`${DONT} want to (?:be alive|exist|live)(?! (?:in|with|at|near|there|here|on|by|abroad|alone|somewhere|anywhere|round|around))`),
  rule(['suicide'], String.raw`${DONT} want to wake up(?! (?:early|at|so|for|in))`),
  rule(['suicide'], String.raw`no (?:point|reason) (?:in )?(?:living|to live|being alive|going on)`),
  rule(['suicide'], String.raw`(?:not|isn'?t) worth living`),
  rule(['suicide'], String.raw`can'?t go on (?:any ?more|living)`),
  rule(['suicide'], String.raw`(?:want|wish|need) (?:someone|somebody) (?:to|would) kill me`),
  rule(['suicide'], String.raw`jump(?:ing)? (?:off|from) (?:a |the )?(?:bridge|building|roof|cliff|multi ?storey)`),
  rule(['suicide'], String.raw`(?:jump|jumping|throw ${SELF}|throwing ${SELF}) (?:in front of|under) (?:a |the )?(?:train|bus|car|lorry|truck)`),

  // Self-harm
  rule(['self_harm'], String.raw`self ?harm(?:ing|ed|s)?`),
  rule(
    ['self_harm'],
    String.raw`(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|hurt|hurts|hurting|harm|harms|harming|harmed|scratch(?:es|ing)?|starv(?:e|es|ing)|punish(?:es|ing)?|hit|hitting) ${SELF}(?! (?:shaving|cooking|by accident|accidentally|at the gym|at work|on|playing))`,
  ),
  rule(['self_harm'], String.raw`overdos(?:e|ed|es|ing)`),
  rule(['self_harm'], String.raw`bang(?:ing)? my head (?:against|on) (?:the |a )?wall`),

  // Abuse: someone harming or controlling them
  rule(['abuse'], String.raw`${PERSON}${AUX} ${HARM_ME} me(?! up)`),
  rule(['abuse'], String.raw`${PERSON}${AUX} hit me(?! up)`),
  rule(['abuse'], String.raw`${PERSON}${AUX} beat me(?! (?:to|at|in the (?:race|game|final)|on points|by))`),
  rule(['abuse'], String.raw`${PERSON}${AUX} lock(?:s|ed)? me (?:in|out)`),
  rule(['abuse'], String.raw`(?:being|been) (?:abused|beaten|battered|raped|assaulted|sexually assaulted|hit|attacked|strangled|choked|stalked)`),
  rule(['abuse', 'violence'], String.raw`(?:being|been|getting|got) threatened${NOT_OFFICIAL}`),
  rule(['abuse'], String.raw`(?:getting|got|get|was|am|i'?m|were) (?:abused|beaten up|battered|raped|sexually assaulted|assaulted|strangled|choked|stalked)`),
  rule(['abuse'], String.raw`domestic (?:abuse|violence)`),
  rule(['abuse'], String.raw`abusive`),
  rule(['abuse'], String.raw`coercive control`),
  rule(['abuse'], String.raw`(?:scared|afraid|frightened|terrified|fearful|petrified) (?:of|to go home to) (?:him|her|my ${CLOSE_PERSON}|my ${FAMILY})`),
  rule(['abuse'], String.raw`(?:scared|afraid|frightened|terrified) to go home`),
  rule(
    ['abuse'],
    String.raw`(?:(?:not|don'?t feel|never feel|do not feel|doesn'?t feel|isn'?t|no longer) safe|unsafe) (?:at home|in my (?:own )?(?:home|house|flat)|where i live|in the house|with (?:him|her|my ${CLOSE_PERSON}|my ${FAMILY}))`,
  ),
  rule(['abuse'], String.raw`(?:home|house|flat) (?:is not|isn'?t) safe`),
  rule(['abuse'], String.raw`(?:won'?t|doesn'?t|does not|will not|never) lets? me (?:leave|go out|see (?:my )?(?:friends|family|mates)|have (?:my )?(?:own )?(?:phone|money))`),

  // Violence: threats, weapons, or harming someone else
  rule(
    ['abuse', 'violence'],
    String.raw`(?:he|she|they|my ${CLOSE_PERSON})(?:'ll|'d|'s going to|'s gonna| will| would| is going to| is gonna| said (?:he|she|they)'?(?:d|ll| would| will)| says (?:he|she|they)'?(?:ll|d| will| would)| threatened to| has threatened to| keeps threatening to| tried to| wants to) (?:kill|hurt|stab|murder|strangle|beat|batter) me`,
  ),
  rule(
    ['violence'],
    String.raw`threaten(?:s|ed|ing)? (?:me|us)${NOT_OFFICIAL}`,
  ),
  rule(['violence'], String.raw`threaten(?:s|ed|ing)? to (?:kill|hurt|stab|shoot|beat|burn|attack|batter) (?:me|us|my)`),
  rule(['violence'], String.raw`death threats?`),
  rule(
    ['violence'],
    String.raw`(?:threaten(?:s|ed|ing)?|attack(?:s|ed|ing)?|came at|comes at|come at|went for|chased|chasing|pulled|pulling|pointed|pointing|waved|waving) (?:me |us )?(?:with |out )?(?:a |his |her |their )?${WEAPON}`,
  ),
  rule(['violence'], String.raw`(?:carry|carrying|carries|got|has|had) (?:a )?(?:knife|gun|machete|blade) on (?:him|her|them|me)`),
  rule(['violence'], String.raw`(?:stabbed|knifed|shot at|shot) (?:me|him|her|someone|somebody)`),
  rule(['violence'], String.raw`(?:got|been|was|being|get|getting) (?:stabbed|knifed|shot|jumped|mugged|glassed)(?! (?:of|down|with))`),
  rule(
    ['violence'],
    String.raw`(?:i'?m going to|i'?m gonna|going to|gonna|i'?ll|i will|want to|wanna|about to|feel like i could) (?:hurt|kill|stab|shoot|attack|batter|murder|strangle) ${OTHERS}`,
  ),
  rule(['violence'], String.raw`(?:going to|gonna|i'?ll|i will|want to|wanna) beat (?:someone|somebody|him|her|them) up`),

  // Welsh (cy). Suicide
  rule(['suicide'], String.raw`hunan ?ladd(?:iad|ol)`),
  rule(['suicide'], String.raw`l?ladd ${SELF_CY}(?! (?:yn |gan )?chwerthin)`),
  rule(['suicide'], String.raw`(?:crogi|grogi|boddi|foddi|saethu) ${SELF_CY}`),
  rule(['suicide'], String.raw`${WANT_CY} (?:marw|bod yn farw)(?! (?:o|yn chwerthin|gan chwerthin)\b)`),
  rule(['suicide'], String.raw`(?:dymuno|haeddu|barod i) (?:marw|farw)(?! (?:o|yn chwerthin|gan chwerthin)\b)`),
  rule(['suicide'], String.raw`dymuno (?:fy )?(?:mod|bod) i'?n farw`),
  rule(['suicide'], String.raw`(?:gwell|well) (?:gen i|da fi|gyda fi) (?:fod|bod) yn farw`),
  rule(['suicide'], String.raw`well (?:eu byd |ei fyd |ei byd |off )?(?:hebdda i|hebddo i|heb fi)`),
  rule(['suicide'], String.raw`(?:wedi )?cael digon ar (?:fyw|fywyd|bywyd)`),
  rule(['suicide'], String.raw`${NOT_CY} ${WANT_CY} (?:byw|fyw|bod yn fyw)(?! (?:yn|gyda|gydag|efo|yma|yna|fan|ger|ar|mewn|drws)\b)`),
  rule(['suicide'], String.raw`${NOT_CY} ${WANT_CY} bod (?:yma|o gwmpas) (?:rhagor|mwyach|bellach|dim mwy)`),
  rule(['suicide'], String.raw`${NOT_CY} ${WANT_CY} (?:deffro|ddeffro)(?!(?:'?n| yn) gynnar| (?:am|mor|i|erbyn)\b)`),
  rule(['suicide'], String.raw`${NOT_CY} (?:pwynt|rheswm) (?:i |mewn )?(?:byw|fyw|bod yn fyw|mynd ymlaen|cario ymlaen)(?! (?:a|ag|gyda|efo)\b)`),
  rule(['suicide'], String.raw`methu (?:mynd|cario) ymlaen (?:rhagor|mwyach|bellach)`),
  rule(['suicide'], String.raw`rhoi diwedd ar (?:fy mywyd|fy hun|y cyfan|popeth|bopeth)`),
  rule(['suicide'], String.raw`(?:cymryd|gymryd|diweddu) fy mywyd`),
  rule(['suicide'], String.raw`dod a'?r cyfan i ben`),
  rule(['suicide'], String.raw`neidio (?:o flaen|dan|o dan) (?:y |'r )?(?:tren|dren|bws|car|lori)`),
  rule(['suicide'], String.raw`neidio (?:oddi ar |o ben |off )?(?:o'?r |y |'r )?(?:bont|pont|adeilad|to|clogwyn)`),
  rule(
    ['suicide', 'self_harm'],
    String.raw`(?:cymryd|gymryd|cymerais|cymres|llyncu|lyncu|llyncais)(?: i)?(?: llond llaw o| llwyth o| yr holl|'r holl| y bocs cyfan o| y paced cyfan o) (?:dabledi|tabledi|dabled|pils|baracetamol|paracetamol|feddyginiaeth|meddyginiaeth|foddion|moddion)`,
  ),

  // Welsh. Self-harm
  rule(['self_harm'], String.raw`hunan ?(?:niweid|anaf)\w*`),
  rule(
    ['self_harm'],
    String.raw`(?:niweidio|anafu|brifo|frifo|torri|dorri|llosgi|losgi|taro|daro|cosbi|gosbi|llwgu|lwgu|crafu|grafu|torrais|dorrais|brifais|frifais|llosgais|losgais|anafais|niweidiais) ${SELF_CY}(?! (?:wrth|ar ddamwain|yn ddamweiniol|i ffwrdd|allan|yn y gampfa|yn y gwaith|yn chwarae)\b)`,
  ),
  // "gorddos" (overdose), mutated "orddos", hyphenated "gor-ddos"; not English "or DDoS".
  rule(['self_harm'], String.raw`(?:g?orddos|gor ddos)\w*`),

  // Welsh. Abuse: someone harming or controlling them
  rule(['abuse'], String.raw`${PERSON_CY}${AUX_CY} fy ${HARM_ME_CY}${NOT_HARM_CY}`),
  rule(['abuse'], String.raw`${PERSON_CY}${AUX_CY} ${HARM_FI_CY} fi${NOT_HARM_CY}`),
  rule(['abuse'], String.raw`(?:cael|gael|ges i|ces i|wedi bod yn cael) fy ${HARM_ME_CY}${NOT_HARM_CY}`),
  rule(['abuse'], String.raw`(?:ngham ?drin|cam ?drin fi)`),
  rule(['abuse'], String.raw`(?:cam ?drin|trais) domestig`),
  rule(['abuse'], String.raw`(?:cam ?driniol|rheolaeth drwy orfodaeth)`),
  rule(['abuse'], String.raw`ymosod\w* (?:yn )?rhywiol`),
  rule(['abuse'], String.raw`ofn (?:arna i )?(?:o |rhag )?fy (?:${CLOSE_PERSON_CY}|${FAMILY_CY})`),
  rule(['abuse'], String.raw`ofn(?:i|us)? (?:arna i )?(?:i )?(?:mynd|fynd) (?:adre|adref|gartre|gartref|nol adre|yn ol adre)`),
  rule(
    ['abuse'],
    String.raw`${NOT_CY} yn (?:teimlo'?n |teimlo yn )?(?:saff|ddiogel) (?:adre|adref|gartre|gartref|yn y (?:ty|fflat)|yn fy nhy|yn fy nghartref|gyda (?:fe|fo|hi|e|fy)|gydag e|efo (?:fo|hi|fy))`,
  ),
  rule(['abuse'], String.raw`(?:ty|cartref|fflat) (?:ddim|dim) yn (?:saff|ddiogel)`),
  rule(
    ['abuse'],
    String.raw`(?:ddim|byth) yn gadael i (?:fi|mi) (?:adael(?! (?:yn gynnar|cyn|tan|am|y gwaith|gwaith)\b)|fynd allan|weld (?:fy )?(?:ffrindiau|nheulu|teulu)|gael (?:fy )?(?:ffon|arian|mhres|pres))`,
  ),
  rule(['abuse', 'violence'], String.raw`(?:cael|gael|wedi cael|yn cael) fy mygwth${NOT_OFFICIAL_CY}`),

  // Welsh. Violence: threats, weapons, or harming someone else
  rule(
    ['abuse', 'violence'],
    String.raw`(?:bydd|fydd|byddai|fyddai|bydde|fydde|wneith|neith|wnaiff|naiff) ${THREATENER_CY}(?:'n| yn)? (?:fy (?:lladd|mrifo|nhrywanu|nghuro|nhagu)|(?:lladd|brifo|trywanu|curo|tagu) fi\b)`,
  ),
  rule(['violence'], String.raw`(?:bygwth|fygwth|bygythiodd|fygythiodd) (?:fy |'n )?(?:lladd|ladd|mrifo|brifo|nhrywanu|trywanu|nghuro|curo|saethu|llosgi)(?! (?:ei|eu) hun)`),
  rule(['violence'], String.raw`(?:bygwth|fygwth|bygythiodd|fygythiodd) (?:fi|ni)${NOT_OFFICIAL_CY}`),
  rule(['violence'], String.raw`(?:yn|wedi) fy mygwth${NOT_OFFICIAL_CY}`),
  rule(['violence'], String.raw`bygythiad(?:au)? (?:i'?m lladd|i ladd|marwolaeth)`),
  rule(
    ['violence'],
    String.raw`(?:bygwth|fygwth|bygythiodd|ymosod arna i|ymosododd arna i|dod ata i|daeth ata i|ddaeth ata i|dod ar fy ol|daeth ar fy ol|ddaeth ar fy ol)(?: (?:fi|ni|e|o|fe|fo|hi|nhw))? (?:gyda|efo|a|ag) ${WEAPON_CY}`,
  ),
  rule(
    ['violence'],
    String.raw`(?:tynnu|dynnu|tynnodd|pwyntio|bwyntio|pwyntiodd|chwifio|chwifiodd)(?: (?:e|o|fe|fo|hi|nhw|dyn|ddyn|rhywun))? (?:ei |eu )?${WEAPON_CY} (?:arna i|ata i|aton ni|arnon ni|ar fi|at fi)`,
  ),
  // "He / she / they have a knife or gun": southern "mae gyda fe", northern "mae gynno fo", formal "ganddo".
  rule(
    ['violence'],
    String.raw`(?:(?:gyda|gan|efo) (?:fe|fo|e|o|hi|nhw)|(?:gynno|ganddo) (?:fo|fe|e)|(?:gynni|ganddi) hi|(?:gynnyn|ganddyn) nhw) (?:gyllell|cyllell|gwn|dryll|ddryll|lafn)`,
  ),
  rule(['violence'], String.raw`(?:cael|gael|ges i|ces i|wedi cael|wedi) fy (?:nhrywanu|saethu)`),
  rule(['violence'], String.raw`(?:trywanu|drywanu|saethu) (?:fi|ata i|at fi|rhywun|rywun)`),
  rule(
    ['violence'],
    String.raw`(?:mynd i|${WANT_CY}|am|ar fin|teimlo fel|teimlo fel (?:mod i'?n gallu|y gallwn i)) (?:ladd|lladd|frifo|brifo|drywanu|trywanu|saethu|ymosod ar) ${OTHERS_CY}`,
  ),
  rule(['violence'], String.raw`rhoi crasfa i (?:rhywun|rywun|e|o|fe|fo|hi|nhw)`),
];

/** Matches the phrase rules. `matched` holds the normalised phrases that triggered, for the key worker. */
export function screenPhrases(text: string): PhraseScreen {
  const normalised = normaliseForScreening(text);
  const categories = new Set<RiskCategory>();
  const matched = new Set<string>();
  for (const { categories: ruleCategories, pattern } of RULES) {
    for (const match of normalised.matchAll(pattern)) {
      matched.add(match[0]);
      for (const category of ruleCategories) categories.add(category);
    }
  }
  return {
    risk: matched.size > 0,
    categories: PHRASE_CATEGORIES.filter((category) => categories.has(category)),
    matched: [...matched],
  };
}

const AS_CATEGORY: Readonly<Record<PhraseCategory, RiskFlag['category']>> = {
  suicide: 'suicide',
  self_harm: 'self_harm',
  abuse: 'domestic_abuse',
  violence: 'violence',
};

/**
 * All rules as one expression: most texts match none, and one pass says so sooner than a pass per rule. Every rule
 * starts at a word boundary (`rule`), so the boundary is tested once at each position, not once per rule.
 */
const ANY_RULE = new RegExp(String.raw`\b(?:${RULES.map(({ pattern }) => `(?:${pattern.source.slice(2)})`).join('|')})`);

/** The phrase layer's matches as flags: one per phrase and category, rule `phrase`. */
export function phraseFlags(text: string): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const normalised = normaliseForScreening(text);
  if (!ANY_RULE.test(normalised)) return flags;
  for (const { categories, pattern } of RULES) {
    for (const match of normalised.matchAll(pattern)) {
      for (const category of categories) {
        const sexual = category === 'abuse' && /\b(?:rap(?:e|ed|es|ing)|sexual(?:ly)?|treisio|nhreisio|rhywiol)\b/.test(match[0]);
        flags.push({ category: sexual ? 'sexual_violence' : AS_CATEGORY[category], rule: 'phrase', words: match[0] });
      }
    }
  }
  return flags;
}
