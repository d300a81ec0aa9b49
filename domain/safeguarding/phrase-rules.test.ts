import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normaliseForScreening, screenPhrases, type RiskCategory } from './phrase-rules.js';
import { screenForRisk } from './screen.js';

const positives: [message: string, category: RiskCategory][] = [
  ['I want to kill myself', 'suicide'],
  ['i just want to end it all', 'suicide'],
  ['I want to die', 'suicide'],
  ["I don't want to be here anymore", 'suicide'],
  ['dont want to be here any more tbh', 'suicide'],
  ["I've been feeling suicidal again", 'suicide'],
  ['thinking about suicide', 'suicide'],
  ["I don't want to live", 'suicide'],
  ['everyone would be better off without me', 'suicide'],
  ['there is no point in living', 'suicide'],
  ['I wish I was dead', 'suicide'],
  ["I'm going to take my own life", 'suicide'],
  ['wanna die', 'suicide'],
  ['I feel like jumping off a bridge', 'suicide'],
  ['I self harm when it gets bad', 'self_harm'],
  ['started self-harming again', 'self_harm'],
  ['I keep cutting myself', 'self_harm'],
  ['I took an overdose last night', 'self_harm'],
  ['I want to hurt myself', 'self_harm'],
  ['he hits me', 'abuse'],
  ['She hit me last night', 'abuse'],
  ['he hit me on the head', 'abuse'],
  ["he's been hitting me again", 'abuse'],
  ['my partner keeps hurting me', 'abuse'],
  ['I am being abused', 'abuse'],
  ["I'm scared of my partner", 'abuse'],
  ['I am not safe at home', 'abuse'],
  ["I don't feel safe at home", 'abuse'],
  ["my boyfriend won't let me leave the house", 'abuse'],
  ['it is domestic abuse', 'abuse'],
  ["he'll kill me if I go", 'violence'],
  ['he said he would kill me', 'violence'],
  ["I'm going to hurt someone", 'violence'],
  ['he threatened me with a knife', 'violence'],
  ['a man pulled a knife on me', 'violence'],
  ['I got stabbed', 'violence'],
  ["I'll kill him", 'violence'],
  // Obfuscation: case, leetspeak, zero-width and full-width characters, curly apostrophes
  ['I WANT TO K1LL MYS3LF', 'suicide'],
  ['su1c1dal', 'suicide'],
  ['kill\u200B myself', 'suicide'],
  ['ｋｉｌｌ ｍｙｓｅｌｆ', 'suicide'],
  ['I don\u2019t want to be here anymore', 'suicide'],
  ['k!ll   myself', 'suicide'],
  ['$elf h@rm', 'self_harm'],
  // Welsh: suicide
  ['dw i eisiau lladd fy hun', 'suicide'], // I want to kill myself
  ['Dw i isie marw', 'suicide'], // I want to die
  ['isio marw', 'suicide'], // want to die (northern)
  ['moyn marw', 'suicide'], // want to die (southern)
  ["dw i'n meddwl am hunanladdiad", 'suicide'], // I'm thinking about suicide
  ['meddyliau hunanladdol', 'suicide'], // suicidal thoughts
  ['dw i ddim eisiau byw rhagor', 'suicide'], // I don't want to live any more
  ['dw i ddim isie bod yma rhagor', 'suicide'], // I don't want to be here any more
  ['dim pwynt byw', 'suicide'], // no point living
  ['dim rheswm i fyw', 'suicide'], // no reason to live
  ['byddai pawb yn well eu byd hebdda i', 'suicide'], // everyone would be better off without me
  ['rhoi diwedd ar fy mywyd', 'suicide'], // put an end to my life
  ['neidio oddi ar y bont', 'suicide'], // jump off the bridge
  ["neidio o'r bont", 'suicide'], // jump from the bridge
  ['neidio o flaen trên', 'suicide'], // jump in front of a train
  ['cymryd llond llaw o dabledi', 'suicide'], // take a handful of tablets
  // Welsh: self-harm
  ["llyncu'r holl dabledi", 'self_harm'], // swallow all the tablets
  ['cymerais orddos neithiwr', 'self_harm'], // I took an overdose last night
  ["dw i'n hunan-niweidio", 'self_harm'], // I self-harm
  ["dw i'n torri fy hun", 'self_harm'], // I cut myself
  ['dw i eisiau brifo fy hun', 'self_harm'], // I want to hurt myself
  ['niweidio fy hun', 'self_harm'], // harm myself
  ['dw i am dorri fy hun eto', 'self_harm'], // I'm going to cut myself again
  // Welsh: abuse
  ["mae e'n fy nghuro i", 'abuse'], // he beats me
  ['mae fy mhartner yn fy nharo', 'abuse'], // my partner hits me
  ['mae fy nghariad yn dal i fy mwrw', 'abuse'], // my boyfriend / girlfriend still hits me
  ["mae e'n curo fi", 'abuse'], // he beats me (spoken)
  ["mae e'n fy nhagu", 'abuse'], // he strangles me
  ["dw i'n cael fy ngham-drin", 'abuse'], // I'm being abused
  ['ges i fy nhreisio', 'abuse'], // I was raped
  ['cam-drin domestig', 'abuse'], // domestic abuse
  ['mae ofn fy mhartner arna i', 'abuse'], // I'm afraid of my partner
  ['ofn mynd adre', 'abuse'], // afraid to go home
  ['mae ofn arna i fynd adre', 'abuse'], // I'm afraid to go home
  ["dw i ddim yn teimlo'n saff adre", 'abuse'], // I don't feel safe at home
  ["dyw'r tŷ ddim yn saff", 'abuse'], // the house isn't safe
  ['dyw e ddim yn gadael i fi weld fy ffrindiau', 'abuse'], // he doesn't let me see my friends
  // Welsh: violence
  ["bydd e'n fy lladd i os af i", 'violence'], // he'll kill me if I go
  ['wneith e fy lladd i', 'violence'], // he'll kill me
  ['mae e wedi bygwth fy lladd', 'violence'], // he has threatened to kill me
  ['mae e wedi bygwth fi', 'violence'], // he has threatened me
  ["dw i'n cael fy mygwth", 'violence'], // I'm being threatened
  ['bygwth fi gyda chyllell', 'violence'], // threatened me with a knife
  ['tynnodd e gyllell arna i', 'violence'], // he pulled a knife on me
  ['mae gyda fe gyllell', 'violence'], // he has a knife (southern)
  ['mae gynno fo gyllell', 'violence'], // he has a knife (northern)
  ['ges i fy nhrywanu', 'violence'], // I got stabbed
  ["dw i'n mynd i ladd rhywun", 'violence'], // I'm going to kill someone
  ['dw i isie brifo rhywun', 'violence'], // I want to hurt someone
  // Welsh, obfuscated: case, leetspeak, zero-width characters, curly apostrophes
  ['LLADD FY HUN', 'suicide'],
  ['lladd\u200B fy hun', 'suicide'],
  ['ll4dd fy hun', 'suicide'],
  ['isie m4rw', 'suicide'],
  ['dw i’n torri fy hun', 'self_harm'],
];

const negatives: string[] = [
  "I'm dying to start",
  'this job is killing me',
  'I killed it at the interview',
  'the bus was a nightmare',
  'they cut my hours',
  'I could kill for a coffee',
  'he hit me up yesterday about the job',
  'she beat me to the last interview slot',
  'my mum will kill me if I miss it',
  'I hit my target this week',
  'I nearly died laughing',
  "I'm dead tired",
  'knife and fork skills on the catering course',
  'I got shot of my old phone',
  "I'm scared of the interview",
  "I don't want to live in this area any more",
  "I don't want to be late",
  'end of the week works for me',
  'I hurt my back lifting boxes',
  "I'm going to kill it tomorrow",
  'just killing time before my appointment',
  'we got beaten 3-0 on Saturday',
  'got hit with a massive bill',
  'they threatened me with a sanction',
  'I cut myself shaving',
  "I'm not at home right now",
  'my landlord cut the heating off',
  "don't want to wake up early",
  'my partner is starting a new job',
  'the interview is at 116 Main Street at 10',
  'was it a hack or DDoS', // not Welsh "gor-ddos" (overdose)
  // Welsh idioms and everyday talk
  "mae'r swydd 'ma'n fy lladd i", // this job is killing me
  'lladd amser cyn yr apwyntiad', // killing time before the appointment
  "bydd mam yn fy lladd i os dw i'n hwyr", // mum will kill me if I'm late
  "mae'n fy nharo i fod y bws yn hwyr", // it strikes me that the bus is late
  "mae hi'n fy nharo i fod hynny'n od", // it strikes me that that's odd
  'torrais fy hun wrth siafio', // I cut myself shaving
  'llosgais fy hun wrth goginio', // I burnt myself cooking
  'brifais fy nghefn', // I hurt my back
  'mae fy nghefn yn fy mrifo', // my back is hurting me
  "mae'r boen yn fy mrifo", // the pain is hurting me
  'bron marw isie dechrau', // dying to start
  'marw isie mynd', // dying to go
  'isie marw o gywilydd', // want to die of embarrassment
  'lladd fy hun yn chwerthin', // killing myself laughing
  'fe wnaeth hi fy nghuro i yn y ras', // she beat me in the race
  'mae e wedi fy nghuro i ar bwyntiau', // he beat me on points
  "dan ni'n mynd i guro nhw dydd Sadwrn", // we're going to beat them on Saturday
  'ges i fy nharo gan gar', // I was hit by a car
  'cyllell a fforc', // knife and fork
  'mae gen i gyllell fara newydd', // I've got a new bread knife
  'bygwth fi gyda sancsiwn', // threatened me with a sanction
  "maen nhw wedi bygwth fi gyda'r llys", // they've threatened me with court
  'ofn y cyfweliad', // scared of the interview
  'dw i ddim adre ar hyn o bryd', // I'm not at home at the moment
  "dw i ddim eisiau byw yn yr ardal 'ma", // I don't want to live in this area
  "ddim eisiau deffro'n gynnar", // don't want to wake up early
  "dim pwynt mynd ymlaen â'r cwrs", // no point carrying on with the course
  "dyw'r bos ddim yn gadael i fi adael yn gynnar", // the boss doesn't let me leave early
  'mae fy mhartner yn dechrau swydd newydd', // my partner is starting a new job
  'diwedd yr wythnos', // the end of the week
  'cwrs ar gam-drin cyffuriau', // a course on drug abuse
  'rhoi diwedd ar y contract', // put an end to the contract
  'cymryd lot o dabledi bob dydd', // taking lots of tablets every day
  'dw i wedi cael digon ar y bws', // I've had enough of the bus
  'mae’n mynd i frifo o leiaf ychydig', // it's going to hurt at least a little
  "dw i eisiau lladd y gwaith 'ma", // I want to kill off this work: no person
  'wn i ddim', // I don't know ("gwn" is also "gun")
  'Diolch yn fawr, wela i chi fory', // thanks very much, see you tomorrow
];

describe('screenPhrases', () => {
  it.each(positives)('%j reads as risk (%s)', (message, category) => {
    const screen = screenPhrases(message);
    expect(screen.risk).toBe(true);
    expect(screen.categories).toContain(category);
    expect(screen.matched.length).toBeGreaterThan(0);
  });

  it.each(negatives)('%j is not risk for the whole layered screen either', (message) => {
    expect(screenForRisk(message).risk).toBe(false);
  });

  it.each(negatives)('%j is not risk', (message) => {
    expect(screenPhrases(message)).toEqual({ risk: false, categories: [], matched: [] });
  });

  it('reports every category and phrase in a message that has more than one', () => {
    const screen = screenPhrases('He hits me and I want to kill myself');
    expect(screen.categories).toEqual(['suicide', 'abuse']);
    expect(screen.matched).toEqual(expect.arrayContaining(['kill myself', 'he hits me']));
  });

  it('never throws and stays quick on Welsh words in any order', () => {
    const welsh = fc.constantFrom(
      'lladd', 'fy', 'hun', 'hunan', 'isie', 'marw', 'o', 'ddim', 'eisiau', 'byw', 'yn', "'n", 'e', 'hi', 'fi', 'nghuro',
      'nharo', 'mrifo', 'curo', 'bygwth', 'gyda', 'chyllell', 'ofn', 'mynd', 'adre', 'saff', 'torri', 'wrth', 'i', 'am',
      'ladd', 'rhywun', 'gorddos', 'â', 'ŷ', '’', ' ',
    );
    fc.assert(
      fc.property(fc.array(welsh, { maxLength: 400 }).map((words) => words.join(' ')), (text) => {
        const screen = screenPhrases(text);
        expect(screen.risk).toBe(screen.matched.length > 0);
        expect(screenPhrases(text.toUpperCase())).toEqual(screen);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and stays quick on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 10_000 }), (text) => {
        const screen = screenPhrases(text);
        expect(screen.risk).toBe(screen.matched.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('normaliseForScreening', () => {
  it.each([
    ['  Kill\u200D   MY-SELF!! ', 'kill my self'],
    ['k1ll', 'kill'],
    ['k!ll', 'kill'],
    ['got the job!', 'got the job'],
    ['help me!!', 'help me'],
    ['call 116 123', 'call 116 123'],
    ['don\u2019t', "don't"],
    ["'quoted'", 'quoted'],
    ['Dyw’r tŷ ddim yn SÂFF', "dyw'r ty ddim yn saff"], // Welsh accents are optional
  ])('%j → %j', (input, expected) => {
    expect(normaliseForScreening(input)).toBe(expected);
  });
});
