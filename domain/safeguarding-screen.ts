/**
 * A first, English-only screen for messages that read as risk of harm. It is a net for the key worker,
 * not a judgement: a match sends crisis signposting and an urgent alert, and a person reads the message.
 * Patterns lean towards catching disclosures, but skip everyday idioms ("this job is killing me",
 * "I could kill for a coffee", "he hit me up") that would otherwise swamp key workers with false alarms.
 */

export const RISK_CATEGORIES = ['self_harm', 'suicide', 'abuse', 'violence'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export interface RiskScreen {
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
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

function undoLeetspeak(word: string): string {
  // Only words that already contain letters, so "116 123" or "5 days" keep their digits.
  if (!/\p{L}/u.test(word)) return word;
  return word.replace(/[013457@$]/g, (ch) => LEET[ch] ?? ch).replace(/(?<=\p{L})!(?=\p{L})/gu, 'i');
}

/** Lower-case, NFKC, no zero-width characters, leetspeak undone, punctuation to spaces, single spaces. */
export function normaliseForScreening(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(DASHES, ' ')
    .split(/\s+/u)
    .map(undoLeetspeak)
    .join(' ')
    .replace(/(?<!\p{L})'|'(?!\p{L})/gu, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
  rule(
    ['suicide', 'self_harm'],
    String.raw`(?:take|taking|took|swallow(?:ed|ing)?) (?:a load of|loads of|a handful of|a bunch of|(?:a|the) whole (?:box|packet|bottle) of|all (?:my|the|of my|of the) (?:pills|tablets|meds|paracetamol) at once)`,
  ),

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
];

/** Screens one inbound message. `matched` holds the normalised phrases that triggered, for the key worker. */
export function screenForRisk(text: string): RiskScreen {
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
    categories: RISK_CATEGORIES.filter((category) => categories.has(category)),
    matched: [...matched],
  };
}
