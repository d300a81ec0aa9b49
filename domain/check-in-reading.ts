import { isNotNow, parseChoice, parseReminderReply, readReminderReply } from './reply-parsing.js';

/**
 * Reading answers to an in-work check-in: how it is going (1 good, 2 okay, 3 struggling, or their own words),
 * yes or no to a call or to "are you still in work?", and whether a text says they have left or lost the job.
 */
export const CHECK_IN_RATINGS = ['good', 'okay', 'struggling'] as const;
export type CheckInRating = (typeof CHECK_IN_RATINGS)[number];

export type YesNo = 'yes' | 'no';

function cleaned(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
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
  ].join('|'),
);
const OKAY = word(
  ['ok', 'okay', 'alright', 'all right', 'not bad', 'so so', 'fine', 'average', 'getting there', 'mixed', 'up and down', 'could be worse', 'meh', 'not too bad'].join('|'),
);
const GOOD_WORDS = [
  'good', 'great', 'going well', 'really well', 'very well', 'well', 'brilliant', 'excellent', 'amazing', 'fab', 'fabulous',
  'fantastic', 'love\\w*', 'enjoy\\w*', 'happy', 'perfect', 'lovely', 'smashing', 'class', 'sound', 'ace', 'settling in',
  'like it', 'liking it',
].join('|');
const GOOD = word(GOOD_WORDS);
// "not bad" and "not too bad" are okay, not bad; "not good" is struggling, not good.
const NEGATED_BAD = word("(?:not|isnt|isn't|wasnt|wasn't|aint|ain't) (?:too |that |so )?bad");
// "not very well", "not really enjoying it", "it isn't great", "I don't like it": a good word turned round is struggling.
const NEGATED_GOOD = word(
  `(?:not|isnt|isn't|wasnt|wasn't|aint|ain't)(?: (?:really|very|that|so|too|all that|particularly|exactly|as|going|doing|feeling))* (?:${GOOD_WORDS})` +
    "|(?:dont|don't|do not|didnt|didn't|doesnt|doesn't|not) (?:really |much |even )?(?:like|liking|love|loving|enjoy|enjoying)\\w*",
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
  '(?:call|ring|phone) me|(?:a )?call (?:would be|please)|please (?:call|ring|phone)|yes (?:call|ring|phone)|(?:yes |yeah |ok |okay )?go on|please do|that would be (?:good|great|nice|helpful|lovely)|would be (?:good|great|nice|helpful)',
);

/** Yes or no to "would you like a call?": "yes please", "call me", "no thanks", "not now", "I'm OK". */
export function readCallAnswer(text: string): YesNo | null {
  if (ASKS_FOR_CALL.test(cleaned(text))) return 'yes';
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

const STILL_THERE = word("still (?:there|working|in work|employed|in the job|at it|going)|yes i am|yes i'?m|i am(?! not| no longer)|i'?m still");
// "No I'm not", "not any more", "no longer": a no, although "I am" is in it.
const NOT_STILL_THERE = new RegExp(
  "^(?:(?:no|nope|nah|sadly|unfortunately|sorry) )*(?:i'?m not|i am not|not any ?more|no longer)(?: (?:any ?more|no more|still|working|in work|employed|there|sorry|x+))*$",
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
  "^(?:(?:sorry|actually|no|nope|well|um|erm|yeah|unfortunately|i'?m afraid|afraid) )*(?:i(?: have|'?ve| had)? )?(?:left|quit|resigned|packed it in|jacked it in|finished)(?: (?:it|the job|my job|that job|there|work|now|already|last week|yesterday|today))*(?: (?:sorry|x+))*$",
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
  ].join('|'),
);
// "I haven't left", "thinking of quitting my job", "might get sacked": not (yet) leaving.
const NOT_LEFT = word("(?:not|never|havent|haven't|didnt|didn't|wont|won't|dont|don't|thinking (?:of|about)|might|may|could|going to|gonna|want to|if|scared|afraid of|worried) (?:\\w+ ){0,3}(?:left|leave|leaving|quit\\w*|lost|lose|losing|sacked|fired|let go|laid off|redundant|dismissed|notice)");

/** The text says they have left or lost the job. */
export function mentionsLeavingJob(text: string): boolean {
  const words = cleaned(text);
  if (NOT_LEFT.test(words)) return false;
  return ONLY_LEFT.test(words) || LEFT_IN_A_SENTENCE.test(words);
}
