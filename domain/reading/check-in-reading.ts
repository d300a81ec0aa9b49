import { isNotNow, parseChoice, parseReminderReply, readReminderReply } from './reply-parsing.js';

/**
 * Reading answers to an in-work check-in: how it is going (1 good, 2 okay, 3 struggling, or their own words),
 * yes or no to a call or to "are you still in work?", and whether a text says they have left or lost the job.
 * English and Welsh are read alike, whatever the participant's language; Welsh accents are optional.
 */
export const CHECK_IN_RATINGS = ['good', 'okay', 'struggling'] as const;
export type CheckInRating = (typeof CHECK_IN_RATINGS)[number];

export type YesNo = 'yes' | 'no';

function cleaned(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/(?<=[a-z])[\u0300\u0301\u0302\u0308]/gu, '')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC`´]/gu, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/ +/gu, ' ')
    .trim();
}

// Words are matched whole, on the cleaned text; apostrophes are optional ("dont", "don't").
const word = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}'])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'u');

/** Struggling wins over anything else said: "good team but really hard" is for the adviser to hear about. */
const STRUGGLING = word(
  [
    'struggl\\w*', 'hard(?! work)', 'difficult', 'tough', 'bad', 'awful', 'terrible', 'horrible', 'rubbish', 'crap', 'shit', 'shite',
    'hate\\w*', 'miserable', 'stress\\w*', 'overwhelm\\w*', 'anxious', 'worried', 'worrying', 'not coping', 'cant cope',
    "can't cope", 'not good', 'not great', 'not well', 'not ok', 'not okay', 'not going well', 'not very good', 'not so good',
    'not enjoying', 'not happy', 'unhappy', 'bullied', 'bullying', 'want to quit', 'thinking of leaving', 'thinking about leaving',
    'dreading', 'exhausted',
    // Welsh: difficult, hard (mutated "galed"; not "gwaith caled", hard work), having trouble, poor or bad (mutated
    // wael, ddrwg; not "mae'n ddrwg gen i", I'm sorry), stress, worried, anxious, hate (casáu), miserable, can't cope,
    // want to leave, thinking of leaving.
    'anodd', '(?<!waith )(?:caled|galed)', 'cael trafferth', '(?:llawer|lot) o drafferth', 'gwael', 'wael', 'drwg',
    "ddrwg(?! (?:gen|da|gyda) (?:i|fi))", '(?:dan )?straen', 'poeni', 'pryderus', 'casau', 'diflas', 'methu ymdopi',
    '(?:eisiau|isie|isio|moyn) gadael', 'meddwl am adael',
  ].join('|'),
);
const OKAY = word(
  [
    'ok', 'okay', 'alright', 'all right', 'not bad', 'so so', 'fine', 'average', 'getting there', 'mixed', 'up and down', 'could be worse', 'meh', 'not too bad',
    // Welsh: okay ("iawn" alone or after "yn"/"'n": "mae'n iawn"; after an adjective it is "very", as in "da iawn"),
    // okay (ocê), average, fair, getting there.
    '(?<=^|n )iawn', 'oce', 'canolig', 'gweddol', 'dod yn ei flaen',
  ].join('|'),
);
const GOOD_WORDS = [
  'good', 'great', 'going well', 'really well', 'very well', 'well', 'brilliant', 'excellent', 'amazing', 'fab', 'fabulous',
  'fantastic', 'love\\w*', 'enjoy\\w*', 'happy', 'perfect', 'lovely', 'smashing', 'class', 'sound', 'ace', 'settling in',
  'like it', 'liking it',
  // Welsh: good (mutated dda; not "da fi" in "mae'n ddrwg da fi", sorry, or "os gwelwch yn dda", please), great
  // (gwych, wych, grêt), fantastic, excellent, wonderful, lovely, happy, enjoying, love it, like (hoffi, licio).
  'da(?! fi)', "(?<!gwelwch yn |gweli di'?n |gweli din )dda", 'gwych', 'wych', 'gret', 'ffantastig', 'arbennig', 'bendigedig', 'hyfryd', 'hapus', 'mwynhau',
  'wrth fy modd', 'dwlu', 'hoffi', 'licio',
].join('|');
const GOOD = word(GOOD_WORDS);
// "not bad" and "not too bad" are okay, not bad; "not good" is struggling, not good.
// Welsh alike: "ddim yn ddrwg", "ddim rhy ddrwg", "ddim yn wael" are okay.
const NEGATED_BAD = word(
  "(?:not|isnt|isn't|wasnt|wasn't|aint|ain't) (?:too |that |so )?bad|d?dim (?:yn )?(?:rhy |mor |yn rhy )?(?:ddrwg|drwg|wael|gwael)",
);
// "not very well", "not really enjoying it", "it isn't great", "I don't like it": a good word turned round is struggling.
// Welsh "ddim yn dda" (not good), "ddim yn hapus", "ddim yn mwynhau", "ddim yn iawn" (not okay) alike.
const NEGATED_GOOD = word(
  `(?:not|isnt|isn't|wasnt|wasn't|aint|ain't)(?: (?:really|very|that|so|too|all that|particularly|exactly|as|going|doing|feeling))* (?:${GOOD_WORDS})` +
    "|(?:dont|don't|do not|didnt|didn't|doesnt|doesn't|not) (?:really |much |even )?(?:like|liking|love|loving|enjoy|enjoying)\\w*" +
    `|d?dim(?: (?:yn|rhy|mor|wir|really|cweit|yn rhy))* (?:${GOOD_WORDS}|iawn|teimlo'?n dda)`,
);

/** How it is going, by number or in their own words; null when the words give no clear sense of it. */
export function readCheckInRating(text: string): { rating: CheckInRating; byNumber: boolean } | null {
  const choice = parseChoice(text, CHECK_IN_RATINGS.length);
  if (choice !== null) return { rating: CHECK_IN_RATINGS[choice - 1] as CheckInRating, byNumber: true };
  const words = cleaned(text);
  const withoutNotBad = words.replace(NEGATED_BAD, ' okay ');
  if (STRUGGLING.test(withoutNotBad) || NEGATED_GOOD.test(withoutNotBad)) return { rating: 'struggling', byNumber: false };
  if (OKAY.test(withoutNotBad)) return { rating: 'okay', byNumber: false };
  if (GOOD.test(withoutNotBad)) return { rating: 'good', byNumber: false };
  return null;
}

const ASKS_FOR_CALL = word(
  '(?:call|ring|phone) me|(?:a )?call (?:would be|please)|please (?:call|ring|phone)|yes (?:call|ring|phone)|(?:yes |yeah |ok |okay )?go on|please do|that would be (?:good|great|nice|helpful|lovely)|would be (?:good|great|nice|helpful)' +
    // Welsh: ring me (ffoniwch fi, ffonia fi), give me a call, a call please, that would be good / great / helpful;
    // not "peidiwch â ffonio fi" / "paid ffonio fi" (don't ring me) or "dim angen ffonio" (no need to ring).
    "|(?<!(?:paid|peidiwch|dim angen|ddim angen|dim isie|ddim isie)(?: a| ag)? )(?:ffoniwch|ffonia|ffonio) fi|rho(?:wch)? (?:alwad|ganiad) i (?:fi|mi)|galwad (?:plis|os gwelwch yn dda)|(?:ie|iawn) (?:ffoniwch|ffonia)|(?:byddai|bydde|fyddai|fydde) hynny'?n (?:dda|gret|wych|help|ddefnyddiol)",
);

/** "don't call me", "please don't ring", "no need to phone", "no call thanks": turning the call down, whatever follows. */
const DECLINES_CALL = word(
  "(?:don'?t|do not|dont|never|no need to|no need for a|not|no|please don'?t|pls don'?t)(?: (?:really|need|want|have|you|to|a))* (?:call|calls|ring|phone|calling|ringing|phoning)",
);

/** Yes or no to "would you like a call?": "yes please", "call me", "no thanks", "not now", "I'm OK", "don't call me". */
export function readCallAnswer(text: string): YesNo | null {
  const words = cleaned(text);
  if (DECLINES_CALL.test(words)) return 'no';
  if (ASKS_FOR_CALL.test(words)) return 'yes';
  return readYesNo(text);
}

/** A plain yes or no; "no thanks", "not now" and "I'm OK thanks" are a no. */
export function readYesNo(text: string): YesNo | null {
  if (isNotNow(text)) return 'no';
  const intent = parseReminderReply(text);
  if (intent === 'confirm') return 'yes';
  if (intent === 'decline') return 'no';
  return null;
}

const STILL_THERE = word(
  "still (?:there|working|in work|employed|in the job|at it|going)|yes i am|yes i'?m|i am(?! not| no longer)|i'?m still" +
    // Welsh: still there, still working, still in work / in the job, still at it.
    "|dal (?:yno|yna|'?na|i weithio|yn gweithio|mewn gwaith|yn y swydd|ati|wrthi)",
);
// "No I'm not", "not any more", "no longer": a no, although "I am" is in it. Welsh "ddim bellach", "ddim rhagor",
// "dim mwy" (not any more) alike.
const NOT_STILL_THERE = new RegExp(
  "^(?:(?:no|nope|nah|sadly|unfortunately|sorry) )*(?:i'?m not|i am not|not any ?more|no longer)(?: (?:any ?more|no more|still|working|in work|employed|there|sorry|x+))*$" +
    "|^(?:(?:na|nac ydw|yn anffodus|sori) )*d?dim(?: (?:yno|yna|'?na|yn gweithio|mewn gwaith))* (?:bellach|rhagor|mwyach|mwy)(?: (?:sori|x+))*$",
  'u',
);

/** "Are you still in work?": yes, no, or null when the answer is not clear. Leaving the job is a no. */
export function readStillInWork(text: string): YesNo | null {
  if (mentionsLeavingJob(text)) return 'no';
  const words = cleaned(text);
  if (NOT_STILL_THERE.test(words)) return 'no';
  if (STILL_THERE.test(words)) return 'yes';
  // Only a plain yes or no: "thanks", "I'm fine" or "not now" turn down an offer, but say nothing about having left,
  // and "I'm ill" is a reason to miss a day, not a no to being in work. Unclear answers are asked again.
  const reading = readReminderReply(text);
  if (reading?.intent === 'confirm') return 'yes';
  if (reading?.intent === 'decline' && !reading.givesReason) return 'no';
  return null;
}

// The whole answer is "I left" (or "I've quit", "left it", "packed it in"): an answer to a check-in question.
const ONLY_LEFT = new RegExp(
  "^(?:(?:sorry|actually|no|nope|well|um|erm|yeah|unfortunately|i'?m afraid|afraid) )*(?:i(?: have|'?ve| had)? )?(?:left|quit|resigned|packed it in|jacked it in|finished)(?: (?:it|the job|my job|that job|there|work|now|already|last week|yesterday|today))*(?: (?:sorry|x+))*$" +
    // Welsh: "(dw i) wedi gadael" (I've left), "gadewais i" / "nes i adael" (I left), "wedi ymddiswyddo" (resigned),
    // "wedi gorffen" (finished), with "there", "now", "already", "last week", "yesterday", "today" after.
    "|^(?:(?:sori|a dweud y gwir|na|wel|yn anffodus|ie) )*(?:(?:dw i|dwi|rwy|rydw i|rwyf) )?(?:wedi gadael|gadewais(?: i)?|(?:w?nes|wnaes) i adael|wedi ymddiswyddo|ymddiswyddais(?: i)?|wedi gorffen)(?: (?:hi|e|o|yno|yna|'?na|nawr|yn barod|wythnos diwethaf|ddoe|heddiw))*(?: (?:sori|x+))*$",
  'u',
);
const LEFT_IN_A_SENTENCE = word(
  [
    "(?:left|quit|quitted|resigned from|lost|finished|leaving|left from) (?:the|my|that|this) (?:job|work|placement)",
    "(?:lost|losing) (?:my|the) job", "(?:got|been|was|were|i'?ve been|i have been|they) (?:sacked|fired|let go|laid off|made redundant|dismissed)",
    "(?:sacked|fired) me", "laid me off", "made me redundant",
    // "they let me go", but not "let me know", "let me think" or "they let me go home early".
    "let me go(?! (?:home|early|for|to|on|out|off|at|in|with|back|round|over|through|up|down|first|now|and))", "(?:no longer|not) (?:working|employed) (?:there|anymore|any more)", "don'?t work there any ?more",
    "(?:contract|job|placement) (?:has |was )?(?:ended|finished|is over|came to an end)", "handed (?:in )?my notice", "not in work any ?more",
    // Welsh: left / lost the job ("wedi gadael y swydd", "colli'r swydd", "wedi colli fy swydd"; not "gwaith", which is
    // also the workplace: "gadael y gwaith am 5" is leaving work at 5), got the sack ("ges i'r sac"), dismissed or
    // made redundant ("cael fy niswyddo"), resigned, no work any more, not working there any more, the contract or
    // placement has ended, handed in my notice.
    "(?:wedi gadael|gadewais(?: i)?|(?:w?nes|wnaes) i adael|wedi colli|collais(?: i)?|(?:w?nes|wnaes) i golli|colli|gadael)(?: fy|'r| y| yr) swydd",
    "(?:(?:ges|ces|gaes) i|(?:wedi )?cael|(?:w?nes|wnaes) i gael)(?:'r| y) sac", "(?:ges i|ces i|wedi cael|cael|wedi) fy niswyddo", "wedi ymddiswyddo",
    "d?dim gwaith (?:bellach|rhagor|mwyach)", "d?dim yn gweithio (?:yno|yna|'?na) (?:bellach|rhagor|mwyach)",
    "(?:cytundeb|contract|swydd|lleoliad) wedi (?:dod i ben|gorffen)", "rhoi (?:fy )?notis(?: i mewn)?",
  ].join('|'),
);
// "I haven't left", "thinking of quitting my job", "might get sacked": not (yet) leaving. Welsh alike: "ddim wedi
// gadael" / "heb adael" (haven't left), "ofn colli" (afraid of losing), "poeni am golli" (worried about losing),
// "meddwl am adael" (thinking of leaving), "falle" / "efallai" (maybe), "eisiau" (want), "os" (if).
const NOT_LEFT = word(
  "(?:not|never|havent|haven't|didnt|didn't|wont|won't|dont|don't|thinking (?:of|about)|might|may|could|going to|gonna|want to|if|scared|afraid of|worried) (?:\\w+ ){0,3}(?:left|leave|leaving|quit\\w*|lost|lose|losing|sacked|fired|let go|laid off|redundant|dismissed|notice)" +
    "|(?:ddim|dim|heb|byth|ofn|poeni|meddwl|falle|efallai|gallwn|allwn|gallen|eisiau|isie|isio|moyn|os|mynd i) (?:[\\w']+ ){0,3}(?:gadael|adael|colli|golli|sac|niswyddo|diswyddo|ymddiswyddo|notis)",
);

/** The text says they have left or lost the job. */
export function mentionsLeavingJob(text: string): boolean {
  const words = cleaned(text);
  if (NOT_LEFT.test(words)) return false;
  return ONLY_LEFT.test(words) || LEFT_IN_A_SENTENCE.test(words);
}
