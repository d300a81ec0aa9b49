import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECK_IN_RATINGS,
  mentionsLeavingJob,
  readCallAnswer,
  readCheckInRating,
  readStillInWork,
  readYesNo,
  type CheckInRating,
  type YesNo,
} from './check-in-reading.js';

type Rating = { rating: CheckInRating; byNumber: boolean } | null;
const byNumber = (rating: CheckInRating): Rating => ({ rating, byNumber: true });
const inWords = (rating: CheckInRating): Rating => ({ rating, byNumber: false });

describe('readCheckInRating', () => {
  it('has the three ratings in the order the message numbers them', () => {
    expect(CHECK_IN_RATINGS).toEqual(['good', 'okay', 'struggling']);
  });

  it.each<[says: string, rating: Rating]>([
    // by number, as the message offers
    ['1', byNumber('good')],
    ['2', byNumber('okay')],
    ['3', byNumber('struggling')],
    ['3.', byNumber('struggling')],
    ['3!', byNumber('struggling')],
    ['one', byNumber('good')],
    ['The first', byNumber('good')],
    ['3\uFE0F\u20E3', byNumber('struggling')],
    ['4', null],
    ['0', null],
    // in their own words
    ['good', inWords('good')],
    ['Good thanks', inWords('good')],
    ['really good thanks', inWords('good')],
    ['going well thanks', inWords('good')],
    ["it's going well", inWords('good')],
    ['love it', inWords('good')],
    ['hard work but enjoying it', inWords('good')],
    ['ok', inWords('okay')],
    ['going ok', inWords('okay')],
    ['fine thanks', inWords('okay')],
    ['not bad', inWords('okay')],
    ['not too bad', inWords('okay')],
    ['not that bad', inWords('okay')],
    ['not bad at all', inWords('okay')],
    ["it isn't bad", inWords('okay')],
    ['not bad, enjoying it', inWords('okay')],
    ['not good', inWords('struggling')],
    ['no not good', inWords('struggling')],
    ['not great', inWords('struggling')],
    ["it's not great", inWords('struggling')],
    ['hard', inWords('struggling')],
    ['bad', inWords('struggling')],
    ['I hate it', inWords('struggling')],
    ['not well at all', inWords('struggling')],
    // struggling wins over anything else said
    ['good but struggling', inWords('struggling')],
    ['good team but really hard', inWords('struggling')],
    ['ok but stressful', inWords('struggling')],
    // a good word turned round is not good
    ['not very well', inWords('struggling')],
    ['not really good', inWords('struggling')],
    ['not that good', inWords('struggling')],
    ['not so great', inWords('struggling')],
    ['not very happy', inWords('struggling')],
    ['not going great', inWords('struggling')],
    ["it isn't going well", inWords('struggling')],
    ['not loving it', inWords('struggling')],
    ['not really enjoying it', inWords('struggling')],
    ["I don't enjoy it", inWords('struggling')],
    ['I dont really like it', inWords('struggling')],
    ['not settling in', inWords('struggling')],
    ['I like it', inWords('good')],
    // words that give no clear sense of it: for the adviser to read
    ['my manager shouts at me', null],
    ['could be better', null],
    ['yes', null],
    ['no', null],
    ['', null],
    ['let me think', null],
    // Welsh, by number
    ['un', byNumber('good')], // one
    ['dau', byNumber('okay')], // two
    ['tri', byNumber('struggling')], // three
    ['y cyntaf', byNumber('good')], // the first
    // Welsh, in their own words
    ['da', inWords('good')], // good
    ['Da iawn diolch', inWords('good')], // very good thanks: "iawn" here is "very"
    ["mae'n dda iawn", inWords('good')], // it's very good
    ['gwych', inWords('good')], // great
    ['grêt', inWords('good')], // great
    ['gret', inWords('good')], // great, without the accent
    ["mae'n mynd yn dda", inWords('good')], // it's going well
    ["dw i'n mwynhau", inWords('good')], // I'm enjoying it
    ["dw i'n hoffi e", inWords('good')], // I like it
    ['gwaith caled ond dw i’n mwynhau', inWords('good')], // hard work but I'm enjoying it
    ['iawn', inWords('okay')], // okay
    ['Iawn diolch', inWords('okay')], // okay thanks
    ["mae'n iawn", inWords('okay')], // it's okay
    ["mae'n mynd yn iawn", inWords('okay')], // it's going okay
    ['ddim yn ddrwg', inWords('okay')], // not bad
    ['ddim rhy ddrwg', inWords('okay')], // not too bad
    ['gweddol', inWords('okay')], // fair, so so
    ['anodd', inWords('struggling')], // difficult
    ['anodd iawn', inWords('struggling')], // very difficult
    ["mae'n galed", inWords('struggling')], // it's hard
    ['caled', inWords('struggling')], // hard
    ["dw i'n cael trafferth", inWords('struggling')], // I'm having trouble
    ['ddim yn dda', inWords('struggling')], // not good
    ['dim yn dda', inWords('struggling')], // not good
    ['ddim yn hapus', inWords('struggling')], // not happy
    ['ddim yn iawn', inWords('struggling')], // not okay
    ["dw i ddim yn hoffi e", inWords('struggling')], // I don't like it
    ["dw i ddim yn mwynhau", inWords('struggling')], // I'm not enjoying it
    ['da ond anodd', inWords('struggling')], // good but difficult
    ["mae'n ddrwg gen i, mae'n anodd", inWords('struggling')], // I'm sorry, it's hard
    ['eisiau gadael', inWords('struggling')], // want to leave
    ["mae'n ddrwg da fi", null], // I'm sorry: not "bad", not "good"
    ['diolch yn fawr iawn', null], // thank you very much: "iawn" is "very", not "okay"
    ['ie', null], // yes
    ['dw i ddim yn siŵr', null], // I'm not sure
  ])('%j → %j', (says, rating) => {
    expect(readCheckInRating(says)).toEqual(rating);
  });
});

describe('readCallAnswer', () => {
  it.each<[says: string, answer: YesNo | null]>([
    ['yes', 'yes'],
    ['Yes please', 'yes'],
    ['yes call me please', 'yes'],
    ['call me', 'yes'],
    ['please ring me', 'yes'],
    ['a call would be good', 'yes'],
    ['ok', 'yes'],
    ['sure', 'yes'],
    ['no', 'no'],
    ['no thanks', 'no'],
    ['nah', 'no'],
    ['not now', 'no'],
    ["I'm OK", 'no'],
    ['im ok thanks', 'no'],
    ["I'm fine", 'no'],
    ['maybe', null],
    ['what time?', null],
    ['cancel', null],
    // turning the call down, even with "call me" in it
    ["don't call me", 'no'],
    ['please dont ring me', 'no'],
    ['no need to call', 'no'],
    ['do not phone me at work', 'no'],
    ["no call thanks, I'm fine", 'no'],
    // Welsh
    ['ie', 'yes'], // yes
    ['Ie plis', 'yes'], // yes please
    ['ffoniwch fi', 'yes'], // ring me
    ['ffonia fi plis', 'yes'], // ring me please (informal)
    ['rhowch alwad i fi', 'yes'], // give me a call
    ["byddai hynny'n dda", 'yes'], // that would be good
    ['iawn', 'yes'], // okay
    ['na', 'no'], // no
    ['na diolch', 'no'], // no thanks
    ['dim diolch', 'no'], // no thanks
    ['ddim nawr', 'no'], // not now
    ["dw i'n iawn diolch", 'no'], // I'm fine thanks
    ['peidiwch â ffonio fi', null], // don't ring me: never a yes
    ['dim angen ffonio fi', null], // no need to ring me: never a yes
    ['falle', null], // maybe
  ])('%j → %j', (says, answer) => {
    expect(readCallAnswer(says)).toBe(answer);
  });
});

describe('readYesNo', () => {
  it.each<[says: string, answer: YesNo | null]>([
    ['yes', 'yes'],
    ['Yeah', 'yes'],
    ['Y', 'yes'],
    ['👍', 'yes'],
    ['no', 'no'],
    ['N', 'no'],
    ['nope', 'no'],
    ['no thanks', 'no'],
    ['not now', 'no'],
    ["I'm OK thanks", 'no'],
    ['call me', null],
    ['dunno', null],
    ['STOP', null],
    // Welsh
    ['Ie', 'yes'], // yes
    ['ydw', 'yes'], // yes I am
    ['do', 'yes'], // yes (past tense)
    ['Na', 'no'], // no
    ['nac ydw', 'no'], // no I'm not
    ['na diolch', 'no'], // no thanks
    ['ddim nawr', 'no'], // not now
    ['STOPIO', null], // stop
    ['dim', null], // ambiguous: no / nothing
  ])('%j → %j', (says, answer) => {
    expect(readYesNo(says)).toBe(answer);
  });
});

describe('readStillInWork', () => {
  it.each<[says: string, answer: YesNo | null]>([
    ['yes', 'yes'],
    ['Yes thanks', 'yes'],
    ['yeah', 'yes'],
    ['Y', 'yes'],
    ['yep still there', 'yes'],
    ['still working thanks', 'yes'],
    ['still at it', 'yes'],
    ['I am', 'yes'],
    ['i am still working there', 'yes'],
    ["I'm still", 'yes'],
    ['im still', 'yes'],
    ["yes I'm", 'yes'],
    ["I'm fine", 'yes'],
    ['no', 'no'],
    ['N', 'no'],
    ['nope', 'no'],
    ['no thanks', 'no'],
    ['no I am not', 'no'],
    ["no I'm not", 'no'],
    ['not anymore', 'no'],
    ['not any more sorry', 'no'],
    ['no longer', 'no'],
    ['no longer working there', 'no'],
    // leaving the job is a no
    ['I left', 'no'],
    ['no I left', 'no'],
    ['I lost my job', 'no'],
    // unclear: asked again, never taken as having left
    ['thanks', null],
    ['cheers', null],
    ['all good', null],
    ['not now', null],
    ["I'm ill", null],
    ['off sick this week', null],
    ['not really', null],
    ['I am not sure', null],
    ["I'm not sure", null],
    ['yes but not for long', null],
    ['dunno', null],
    // Welsh
    ['ydw', 'yes'], // yes I am
    ['Ydw diolch', 'yes'], // yes thanks
    ['ie', 'yes'], // yes
    ['ydw, dal yno', 'yes'], // yes, still there
    ['dal i weithio', 'yes'], // still working
    ["dw i'n dal yn gweithio yno", 'yes'], // I'm still working there
    ['dal wrthi', 'yes'], // still at it
    ['nac ydw', 'no'], // no I'm not
    ['na', 'no'], // no
    ['ddim bellach', 'no'], // not any more
    ['na, dim mwy', 'no'], // no, no more
    ['wedi gadael', 'no'], // (I've) left
    ['ges i’r sac', 'no'], // I got the sack
    ['diolch', null], // thanks
    ["dw i'n sâl", null], // I'm ill: a reason to miss a day, not a no
    ['dim', null], // ambiguous
    ['dw i ddim yn siŵr', null], // I'm not sure
  ])('%j → %j', (says, answer) => {
    expect(readStillInWork(says)).toBe(answer);
  });
});

describe('mentionsLeavingJob', () => {
  it.each([
    'I left',
    "I've left",
    'I have left',
    'sorry I left',
    'left',
    'I quit',
    'I left my job',
    'I left the job last week',
    'lost my job',
    'I lost my job',
    'I got sacked',
    "I've been sacked",
    'they sacked me',
    'my boss fired me',
    'I got fired today',
    "I got fired and I'm worried about money",
    'they let me go',
    'they let me go, I am gutted',
    'I was let go',
    'I was laid off',
    'they laid me off',
    'I was made redundant',
    'they made me redundant',
    'contract ended',
    'my contract has ended',
    'the placement ended',
    "don't work there anymore",
    'I dont work there any more',
    'no longer working there',
    'I handed in my notice',
    // Welsh
    'wedi gadael', // (I've) left
    'dw i wedi gadael', // I've left
    'Gadewais i', // I left
    'nes i adael wythnos diwethaf', // I left last week
    "gadewais i'r swydd", // I left the job
    'wedi gadael y swydd', // (I've) left the job
    'wedi colli fy swydd', // (I've) lost my job
    "colli'r swydd", // lost the job
    'ges i’r sac', // I got the sack
    'wedi cael y sac', // (I've) got the sack
    'cael fy niswyddo', // been dismissed / made redundant
    'ges i fy niswyddo ddoe', // I was dismissed yesterday
    'wedi ymddiswyddo', // (I've) resigned
    'dim gwaith bellach', // no work any more
    'dw i ddim yn gweithio yno bellach', // I don't work there any more
    "mae'r cytundeb wedi dod i ben", // the contract has ended
    'wedi rhoi fy notis i mewn', // I've handed in my notice
  ])('%j → true', (says) => {
    expect(mentionsLeavingJob(says)).toBe(true);
  });

  it.each([
    'I left early today',
    'I left my phone at work',
    'I left work at 5',
    'I finished early',
    'my shift finished',
    "I haven't left",
    'I never left',
    'not left yet',
    'thinking of quitting my job',
    'scared of losing my job',
    'I might have lost my job',
    'my manager said I might get sacked',
    'I lost my keys',
    'let me know',
    'let me think',
    'can you let me know when he will call',
    'they let me go home early',
    'they let me leave early',
    'they let me go on my break',
    'no',
    'yes',
    '',
    // Welsh
    'wedi gadael fy ffôn yn y gwaith', // I left my phone at work
    'gadael y gwaith am 5', // leaving work at 5
    'gadael yn gynnar heddiw', // leaving early today
    'ddim wedi gadael', // haven't left
    'heb adael', // haven't left
    "ofn colli'r swydd", // afraid of losing the job
    'poeni am golli fy swydd', // worried about losing my job
    'meddwl am adael y swydd', // thinking of leaving the job
    'eisiau gadael y swydd', // want to leave the job
    "falle ga i'r sac", // I might get the sack
    'wedi colli fy allweddi', // I've lost my keys
    'ie', // yes
    'na', // no
  ])('%j → false', (says) => {
    expect(mentionsLeavingJob(says)).toBe(false);
  });
});

describe('check-in readings never throw', () => {
  const texts = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('not ', 'good', 'bad', 'i ', 'am ', 'left', 'let me go', "'", '’', 'yes', 'no', '1', ' ', '!') }),
  );

  it('on any text at all', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const rating = readCheckInRating(text);
        if (rating !== null) expect(CHECK_IN_RATINGS).toContain(rating.rating);
        expect([null, 'yes', 'no']).toContain(readCallAnswer(text));
        expect([null, 'yes', 'no']).toContain(readYesNo(text));
        expect([null, 'yes', 'no']).toContain(readStillInWork(text));
        expect(typeof mentionsLeavingJob(text)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  const welsh = fc.string({
    unit: fc.constantFrom(
      'ddim ', 'dim ', 'yn ', 'dda', 'iawn', 'da ', 'anodd', 'ddrwg', 'gen i', 'wedi ', 'gadael', 'colli', "'r ", 'swydd',
      'sac', 'fy ', 'niswyddo', 'ie', 'na', 'ydw', 'dal ', 'yno', 'bellach', 'ffonio fi', 'peidiwch â ', 'ofn ', "'", '’', 'â', 'ŵ', ' ',
    ),
  });

  it('on Welsh words in any order', () => {
    fc.assert(
      fc.property(welsh, (text) => {
        const rating = readCheckInRating(text);
        if (rating !== null) expect(CHECK_IN_RATINGS).toContain(rating.rating);
        expect([null, 'yes', 'no']).toContain(readCallAnswer(text));
        expect([null, 'yes', 'no']).toContain(readYesNo(text));
        expect([null, 'yes', 'no']).toContain(readStillInWork(text));
        if (mentionsLeavingJob(text)) expect(readStillInWork(text)).toBe('no');
      }),
      { numRuns: 500 },
    );
  });

  it('leaving the job always reads as no to "are you still in work?"', () => {
    fc.assert(
      fc.property(texts, (text) => {
        if (mentionsLeavingJob(text)) expect(readStillInWork(text)).toBe('no');
      }),
      { numRuns: 300 },
    );
  });
});
