import type { DnaReasonCategory } from '../appointments/dna.types.js';

/**
 * Why someone missed an appointment, from their own words, in the categories key workers report on.
 *
 * The follow-up offers numbered options for people who find them easier than writing; a number at the start
 * wins ("3 bus was late" → transport or cost). Otherwise the first thing mentioned decides: "my son was ill"
 * is about caring, "I was ill so my mum took me to the GP" about health. Anything unrecognised is `other`:
 * the words themselves always go to the key worker, so a wrong guess costs a category, never the message.
 */
export interface DnaReasonReading {
  category: DnaReasonCategory;
  /** True when the participant picked one of the numbered options. */
  byNumber: boolean;
}

/** The numbered options, in the order the first follow-up message lists them. */
export const DNA_REASON_OPTIONS: readonly DnaReasonCategory[] = [
  'ill_health',
  'caring',
  'transport_cost',
  'forgot',
  'work_interview',
  'other',
];

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6],
  // Welsh, with the feminine forms (dwy, tair, pedair).
  ['un', 1], ['dau', 2], ['dwy', 2], ['tri', 3], ['tair', 3], ['pedwar', 4], ['pedair', 4], ['pump', 5], ['chwech', 6],
]);

/**
 * "1", "1.", "2)", "option 3", "number 4", "no. 5", "#6", "3 bus was late", a keycap 1️⃣: a digit 1 to 6 opening the
 * message and standing alone ("10am", "1st", "2 pm", "5 mins late" and "1.5 hours" are not choices). A number
 * written as a word counts only as the whole message or after "option"/"number" ("two", "option two"), since
 * "one day" or "two buses" is prose. Welsh alike: "opsiwn 3", "rhif dau" (number two), "dau"; and "10yb" (am),
 * "2 yp" (pm), "5 munud yn hwyr" (5 minutes late), "2 awr" (hours), "3 o'r gloch" (o'clock) are not choices.
 */
const LEADING_DIGIT =
  /^(?:(?:option|number|no\.?|num|#|opsiwn|rhif)\s*)?([1-6])(?![\p{L}\p{N}])(?!\s*(?:[.:,]\d|(?:am|pm|mins?|minutes?|hours?|hrs?|days?|weeks?|o'?clock|quid|pounds?|yb|yp|munud|funud|awr|oriau|diwrnod|niwrnod|wythnos|o'?r gloch|punt|bunt|punnoedd)(?!\p{L})))/u;
const SPELT = 'one|two|three|four|five|six|un|dau|dwy|tri|tair|pedwar|pedair|pump|chwech';
const WORD_CHOICE = new RegExp(`^(?:(?:(?:option|number|opsiwn|rhif)\\s+(${SPELT})\\b)|(${SPELT})\\W*$)`, 'u');

const BODY_PARTS = '(?:leg|arm|wrist|ankle|foot|hand|finger|toe|nose|back|ribs?|collarbone|hip|knee|elbow|shoulder)';

/**
 * Keyword patterns per category, matched as whole words against the cleaned text. Family members are kept apart
 * (`FAMILY`): "my partner's car broke down" is about transport, but "my mum was in hospital" is about caring.
 */
const KEYWORDS: Readonly<Record<Exclude<DnaReasonCategory, 'other'>, readonly string[]>> = {
  ill_health: [
    // "ill", but not "I'll" typed without its apostrophe ("ill be there", "ill call you").
    'ill(?! (?:be|come|do|try|make|get|see|let|call|text|go|have|need|send|ring|phone|book|pop|sort|bring|check|keep|speak|talk|just|defo|definitely|def)\\b)',
    'illness', 'sick', 'sickness', 'unwell', 'poorly', "(?:not|wasn'?t|weren'?t|isn'?t|ain'?t)(?: (?:feeling|very|too|that|so))* well",
    "(?:feeling|felt|feel) (?:rough|awful|terrible|dreadful|ropey|rubbish)", 'under the weather',
    'doctors?', "doctor's", 'dr', 'gp', 'nurse', 'hospital', 'a ?& ?e', 'a and e', 'clinic', 'dentist', 'dental',
    'tooth ?ache', 'operation', 'surgery', 'migraines?', 'headaches?', 'flu', 'covid', 'a cold', 'virus', 'bug',
    'temperature', 'fever', 'vomit\\w*', 'throwing up', 'threw up', 'diarrh?o?ea', 'infection',
    'mental health', 'anxiety', 'anxious', 'panic attacks?', 'depress\\w*', 'stress(?:ed)?', 'low mood',
    'pains?', 'painful', 'hurt', 'injur\\w*', `(?:broke my|broken) ${BODY_PARTS}`, 'back went', 'medication', 'meds',
    'asthma', 'diabet\\w*', 'seizures?', 'chemo\\w*', 'pregnan\\w*', 'bed ?bound', 'in bed', 'health',
    // Welsh: illness, ill (sâl; southern tost, mutated dost), unwell, not (feeling) well, in hospital, doctor, GP
    // surgery, dentist, headache (southern pen tost, northern cur pen), flu, (mental) health, anxiety, depression,
    // pain, in bed, vomiting.
    'salwch', 'sal', 'tost', 'dost', 'anhwylus', "(?:ddim|dim) yn (?:teimlo'?n )?dda", 'ysbyty', 'meddyg', 'feddyg',
    'meddygfa', 'feddygfa', 'deintydd', 'ddeintydd', 'pen tost', 'cur pen', 'ffliw', 'iechyd(?: meddwl)?',
    'gorbryder', 'pryder', 'iselder', 'poen', 'yn y gwely', 'chwydu',
  ],
  caring: [
    'kids?', "kids'", 'child', 'children', "child's", 'childcare', 'child care', 'childminder', 'nursery',
    'school', 'school run', 'sons?', 'daughters?', 'baby', 'toddler', 'little one', 'grandchild\\w*', 'grandkids?',
    'babysitter', 'caring', 'carer', 'care for', 'cared for', 'look(?:ing)? after', 'looked after', 'family emergency',
    // Welsh: children ("fy mhlant", my children), child, childcare, care, caring / to look after (ofalu), minding or
    // babysitting (warchod), nursery, school, son, my daughter, baby, grandchildren.
    'plant', 'mhlant', 'plentyn', 'mhlentyn', 'gofal(?: plant)?', 'ofal', 'gofalu', 'ofalu', 'gwarchod', 'warchod',
    'meithrinfa', 'feithrinfa', 'ysgol', 'mab', 'fy merch', 'babi', 'wyrion',
  ],
  transport_cost: [
    'bus', 'buses', 'train', 'trains', 'tram', 'metro', 'tube', 'taxi', 'cab', 'uber', 'lift', 'car', 'petrol',
    'diesel', 'fuel', 'fares?', 'tickets?', 'travel', 'transport', 'money', 'cost', 'costs', 'afford', 'skint',
    "(?:i'?m|was|am) broke", 'no credit', 'credit', 'pay day', 'payday', 'strike', 'traffic', 'broke down',
    'breakdown', 'puncture', 'flat tyre', 'bike', 'too far', 'missed the (?:bus|train)',
    "(?:didn'?t|did not|haven'?t|hadn'?t|not) (?:get |got |been )?paid", 'wages',
    // Welsh: bus(es), train(s) (trên), taxi, lift, money, cost(s), ticket(s) ("fy nhocyn", my ticket), fuel,
    // afford, travel, transport, strike, traffic, too far.
    'bws', 'bysus', 'tren', 'trenau', 'tacsi', 'lifft', 'arian', 'costau', 'tocyn', 'docyn', 'nhocyn',
    'tocynnau', 'tanwydd', 'fforddio', 'teithio', 'trafnidiaeth', 'streic', 'traffig', 'rhy bell',
  ],
  forgot: [
    'forgot', 'forget', 'forgotten', 'forgetting', "didn'?t know", 'did not know',
    // "didn't get the text", not "didn't get paid" or "didn't get a lift".
    "(?:didn'?t|did not) get(?! (?:paid|a lift|any lift|the bus|a bus|the train|a train|a taxi|there|home|a chance|money|any money)\\b)",
    "didn'?t receive", 'never got', 'never received', "didn'?t see", 'did not see', 'never saw', "didn'?t realis?z?e",
    'wrong day', 'wrong time', 'wrong date', 'mixed up', 'mix up', 'confused', 'thought it was', 'over ?slept',
    'slept in', 'fell asleep', 'lost track', "wasn'?t aware", 'not aware', 'no reminder', 'slipped my mind', 'memory',
    // Welsh: forgot / forget ("anghofiais i", I forgot), didn't know ("do'n i ddim yn gwybod"; but "dw i ddim yn
    // gwybod", I don't know, is no reason), didn't get the message, wrong day / time / date, confused, overslept.
    'anghofio', 'anghofiais', 'anghofies', "(?<!(?:dw i|dwi|dydw i) )(?:ddim|dim) yn gw(?:y|)bod",
    "ches i ddim (?:y |r |'r )?neges", 'heb gael (?:y |r )?neges', '(?:diwrnod|dyddiad|amser) anghywir', 'drysu',
    "cysgu'?n hwyr", 'gor ?gysgu',
  ],
  work_interview: [
    // "work", but not "didn't work" (a phone, an alarm) or a "work coach" (whom they were meant to see).
    "(?<!(?:didn'?t|did not|doesn'?t|wasn'?t|won'?t|not) )work(?:ing|ed|s)?(?! coach)",
    // A "job", but not the Jobcentre or a job club they were meant to be at.
    'job(?! ?cent(?:re|er)| ?club)', 'jobs', 'shifts?', 'interviews?', 'trial', 'employer', 'agency', 'temping',
    'overtime', 'boss', 'placement', 'training',
    // Welsh: work (gwaith, mutated waith, "fy ngwaith"), working, interview(s), job(s), shift, employer, training,
    // trial. Not "Canolfan Byd Gwaith" (the Jobcentre), an "anogwr gwaith" (work coach), a job club ("clwb swyddi"),
    // a phone that is "ddim yn gweithio" (not working), or Cymru'n Gweithio (Working Wales, a careers service).
    "(?<!(?:byd|anogwr|hyfforddwr) )(?:gwaith|waith|ngwaith)", "(?<!(?:ddim yn|dim yn|cymru'?n) )gweithio",
    '(?:cyf|gyf)weliad(?:au)?', 'swydd', '(?<!clwb )swyddi', 'shifft', 'sifft', 'cyflogwr', 'hyfforddiant', 'treial',
  ],
};

const FAMILY = wholeWords([
  'my (?:mum|mom|mam|mother|dad|father|nan|nana|gran|grandma|grandad|grandparents?|partner|wife|husband|sister|brother|family|auntie|aunt|uncle)',
  'mum', 'dad', 'partner', 'family',
  // Welsh: mum, dad ("fy nhad"; not English "a tad"), grandparents (southern mam-gu, tad-cu; northern nain, taid),
  // partner ("fy mhartner"), husband (gŵr), wife ("fy ngwraig"), sister, brother ("fy mrawd"), family ("fy nheulu").
  'mam', '(?<!a )tad', 'nhad', 'mam ?gu', 'tad ?cu', 'nain', 'taid', 'mhartner', 'gwr', 'ngwr', 'gwraig', 'ngwraig',
  'chwaer', 'brawd', 'mrawd', 'teulu', 'nheulu',
]);

const KEYWORD_PATTERNS: readonly (readonly [DnaReasonCategory, RegExp])[] = Object.entries(KEYWORDS).map(
  ([category, words]) => [category as DnaReasonCategory, wholeWords(words)] as const,
);

function wholeWords(words: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

/**
 * The category of a did-not-attend reason: a leading option number wins; then the first thing mentioned, except
 * that a family member named before an illness makes it caring ("my mum was in hospital"); then family alone.
 */
export function categoriseDnaReason(text: string): DnaReasonReading {
  const cleaned = cleanReason(text);

  const byNumber = chosenOption(cleaned);
  if (byNumber !== null) return { category: byNumber, byNumber: true };

  let first: { category: DnaReasonCategory; at: number } | null = null;
  for (const [category, pattern] of KEYWORD_PATTERNS) {
    const match = pattern.exec(cleaned);
    if (match !== null && (first === null || match.index < first.at)) first = { category, at: match.index };
  }
  const family = FAMILY.exec(cleaned)?.index;
  if (family !== undefined && (first === null || (first.category === 'ill_health' && family < first.at))) {
    return { category: 'caring', byNumber: false };
  }
  return { category: first?.category ?? 'other', byNumber: false };
}

function chosenOption(cleaned: string): DnaReasonCategory | null {
  const digit = LEADING_DIGIT.exec(cleaned)?.[1];
  const word = WORD_CHOICE.exec(cleaned);
  const spelt = word === null ? undefined : NUMBER_WORDS.get(word[1] ?? word[2] ?? '');
  const choice = digit !== undefined ? Number(digit) : spelt;
  return choice === undefined ? null : (DNA_REASON_OPTIONS[choice - 1] ?? null);
}

/**
 * Lower case, one kind of apostrophe, no emoji marks (so 1️⃣ reads as 1), no Welsh accents ("sâl" reads as "sal"),
 * single spaces.
 */
function cleanReason(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/gu, '')
    .normalize('NFD')
    .replace(/(?<=[a-z])[\u0300\u0301\u0302\u0308]/gu, '')
    .normalize('NFC')
    .replace(/\p{Emoji_Modifier}|\uFE0E|\uFE0F|\u20E3/gu, '')
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/gu, "'")
    .replace(/\s+/gu, ' ')
    .trim();
}
