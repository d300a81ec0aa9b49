import type { MessageId } from './en.js';

/**
 * Every participant-facing message, in Welsh (Cymraeg): the same ids and variables as en.ts, in the formal "chi" of
 * public-service Welsh. Written to stay in GSM-7 where Welsh allows (no ŵ, ŷ or circumflex vowels: "hyderus" rather
 * than "siŵr", "salwch" rather than "sâl"), so a text costs what the English one does. Sentences avoid putting a
 * name or phrase where Welsh would mutate it: lists and brackets ("Adolygiad, Maw 4 Mawrth, 10:30yb") instead of
 * "ar ddydd Mawrth"; "i'ch gweithiwr" and "i {keyWorker}" are whole branches of a select.
 * Replies the bot offers are IE / NA / R (R to change the time, as in English: "N" would read as an English "no").
 * STOP, START and HELP stay as they are: they work the same on every channel.
 *
 * A Welsh-speaking reviewer should read this file before it is used with participants (see README).
 */
export const cy: Readonly<Record<MessageId, string>> = {
  'opener.thisIs': '{hasName, select, yes {Helo {firstName}} other {Helo}}, dyma {programme}.',
  'opener.bare': 'Dyma {programme}.',
  'opener.onBehalfOfKeyWorker': '{hasName, select, yes {Helo {firstName}} other {Helo}}, dyma {programme}, ar ran eich gweithiwr allweddol {keyWorker}.',
  'opener.itsProgramme': '{hasName, select, yes {Helo {firstName}} other {Helo}}, {programme} sydd yma.',
  'opener.itsOnBehalfOfKeyWorker': '{hasName, select, yes {Helo {firstName}} other {Helo}}, {programme} sydd yma, ar ran eich gweithiwr allweddol {keyWorker}.',
  'opener.onBehalfOfAdviser': '{hasName, select, yes {Helo {firstName}} other {Helo}}, dyma {programme}, ar ran {adviser}, eich cynghorydd mewn gwaith.',

  'optOut.confirmation': '{programme}: ni fyddwch yn cael rhagor o negeseuon gennym. Os byddwch yn newid eich meddwl, tecstiwch START.',
  'optIn.confirmation':
    "{hasName, select, yes {Helo {firstName}} other {Helo}}, dyma {programme}. Rydych wedi cofrestru i gael negeseuon gennym. Tecstiwch STOP unrhyw bryd i'w stopio.",
  'help.message':
    'Dyma {programme}. {hasKeyWorker, select, yes {Mae eich gweithiwr allweddol {keyWorker} yn darllen eich atebion.} other {Mae eich gweithiwr allweddol yn darllen eich atebion.}} Atebwch os oes angen unrhyw beth arnoch. Tecstiwch STOP i stopio ein negeseuon.',
  // Byw Heb Ofn (Live Fear Free) is Wales's own 24/7 line for domestic abuse and sexual violence: Welsh-language
  // participants get it in place of the England-wide lines (README "Safeguarding: help by category").
  'crisis.opening': "{programme}: mae'n ddrwg gennym fod pethau mor anodd.",
  'crisis.help.suicide':
    'Ffoniwch y Samariaid am ddim ar 116 123, unrhyw bryd, ddydd neu nos (yn Gymraeg 7yh-11yh: 0808 164 0123). Os ydych mewn perygl nawr, ffoniwch 999. Neu tecstiwch SHOUT i 85258.',
  'crisis.help.self_harm':
    "Gallwch ffonio'r Samariaid am ddim ar 116 123, unrhyw bryd, ddydd neu nos (yn Gymraeg 7yh-11yh: 0808 164 0123). Os ydych wedi brifo'n ddrwg neu mewn perygl nawr, ffoniwch 999. Neu tecstiwch SHOUT i 85258.",
  'crisis.help.domestic_abuse':
    "Gallwch ffonio Byw Heb Ofn am ddim ar 0808 80 10 800, unrhyw bryd. Os ydych mewn perygl nawr, ffoniwch 999. Os na allwch siarad, ffoniwch 999 o'ch symudol a phwyso 55.",
  'crisis.help.sexual_violence':
    'Gallwch ffonio Byw Heb Ofn am ddim ar 0808 80 10 800, unrhyw bryd, ddydd neu nos. Os ydych mewn perygl nawr, ffoniwch 999.',
  'crisis.help.child_at_risk':
    "Os yw plentyn mewn perygl nawr, ffoniwch 999. Gall plentyn neu berson ifanc ffonio Childline am ddim ar 0800 1111, unrhyw bryd. Os ydych yn poeni am blentyn, ffoniwch yr NSPCC ar 0808 800 5000.",
  'crisis.help.exploitation':
    "Gallwch ffonio'r Modern Slavery Helpline am ddim ar 08000 121 700, unrhyw bryd. Os ydych mewn perygl nawr, ffoniwch 999.",
  'crisis.help.homeless_tonight':
    "Ffoniwch eich cyngor lleol nawr a dweud nad oes gennych unman i gysgu heno. Y tu allan i oriau swyddfa, defnyddiwch y rhif argyfwng ar ei wefan. Os ydych mewn perygl, ffoniwch 999.",
  'crisis.help.violence': "Os ydych chi neu rywun arall mewn perygl nawr, ffoniwch 999. Os nad yw'n argyfwng, gallwch ffonio'r heddlu ar 101.",
  'crisis.also.suicide': 'Y Samariaid: 116 123, am ddim, unrhyw bryd.',
  'crisis.also.self_harm': 'Y Samariaid: 116 123, am ddim, unrhyw bryd.',
  'crisis.also.domestic_abuse': 'Byw Heb Ofn: 0808 80 10 800, am ddim, unrhyw bryd.',
  'crisis.also.sexual_violence': 'Byw Heb Ofn: 0808 80 10 800, am ddim, unrhyw bryd.',
  'crisis.also.child_at_risk': 'Childline: 0800 1111. NSPCC: 0808 800 5000.',
  'crisis.also.exploitation': 'Modern Slavery Helpline: 08000 121 700, am ddim, unrhyw bryd.',
  'crisis.also.homeless_tonight': 'Dim unman i gysgu heno? Ffoniwch eich cyngor lleol.',
  'crisis.also.violence': "Yr heddlu, os nad yw'n argyfwng: 101.",
  'crisis.toldKeyWorker': 'Rydym wedi dweud wrth {hasKeyWorker, select, yes {eich gweithiwr allweddol {keyWorker}} other {eich gweithiwr allweddol}}.',
  'crisis.keyWorkerBack':
    'Byddan nhw ar gael eto {backOn, select, today {am {backTime} heddiw} tomorrow {am {backTime} yfory} weekday {am {backTime} ddydd {backWeekday}} other {am {backTime} ar {backDate}}}.',
  'freeText.passedOn':
    "{hasName, select, yes {Helo {firstName}} other {Helo}}, diolch am eich neges. Rydym wedi ei chadw a'i rhoi {hasKeyWorker, select, yes {i'ch gweithiwr allweddol {keyWorker}} other {i'ch gweithiwr allweddol}} yn {programme}.",

  'appointment.untitled': 'eich apwyntiad',
  'appointment.where': ', {location}',
  'reminder.body': 'Nodyn atgoffa: {what}, {when}{where}.',
  'reminder.important': 'Mae hwn yn bwysig, felly rhowch wybod i ni os na allwch ddod.',
  'reminder.importantShort': "Mae'n bwysig, felly rhowch wybod os na allwch ddod.",
  'reminder.hopeToSeeYou': 'Gobeithio y gwelwn ni chi yno.',
  'reminder.replyOptions': 'Atebwch IE os gallwch ddod, NA os na allwch, neu R i newid yr amser.',
  'reminder.changed': 'Mae eich apwyntiad wedi newid. {What}: {when}{where}.',
  'reminder.moved': '{What}: wedi symud i {when}{where}.',
  'reminder.cancelled': '{What} ({when}{where}): wedi ei ganslo. Does dim angen i chi ddod.',
  'reminder.anyQuestions': 'Atebwch os oes gennych unrhyw gwestiynau.',
  'reminder.seeYou': 'Diolch{hasName, select, yes {, {firstName}} other {}}, edrychwn ymlaen at eich gweld: {when}{where}.',
  'reminder.toldYouAreComing':
    'Rydym wedi dweud wrth {hasKeyWorker, select, yes {{keyWorker} yn {programme}} other {eich gweithiwr allweddol yn {programme}}} eich bod yn dod.',
  'reminder.thanksForLettingUsKnow': 'Diolch am roi gwybod i ni{hasName, select, yes {, {firstName}} other {}}.',
  'reminder.askWhy': "Allwch chi ddweud pam na allwch ddod? Mae'n iawn i ddweud.",
  'reminder.helpsFindTime':
    "Mae'n helpu {hasKeyWorker, select, yes {{keyWorker} yn {programme}} other {eich gweithiwr allweddol yn {programme}}} i ddod o hyd i amser sy'n gyfleus i chi.",
  'reminder.thankYou': 'Diolch{hasName, select, yes {, {firstName}} other {}}.',
  'reminder.reasonPassedOn':
    "Rydym wedi rhoi gwybod {hasKeyWorker, select, yes {i {keyWorker} yn {programme}} other {i'ch gweithiwr allweddol yn {programme}}}, a fydd yn cysylltu i ddod o hyd i amser gwell.",
  'reminder.thanks': 'Diolch{hasName, select, yes {, {firstName}} other {}}.',
  'reminder.askedForNewTime':
    "Rydym wedi gofyn {hasKeyWorker, select, yes {i {keyWorker} yn {programme}} other {i'ch gweithiwr allweddol yn {programme}}} ddod o hyd i amser newydd gyda chi. Byddan nhw mewn cysylltiad cyn bo hir.",
  'reminder.whichOne': "Pa apwyntiad ydych chi'n ei olygu?",
  'reminder.whichReply': 'Atebwch {choices}.',
  'reminder.choice': '{number} ar gyfer {what} ({when})',
  'reminder.choiceTimeOnly': '{number} ar gyfer {when}',
  'list.or': '{first} neu {last}',

  'dna.missedYou': 'Wnaethon ni ddim eich gweld yn eich apwyntiad ({day}).',
  'dna.missedYouAt': 'Wnaethon ni ddim eich gweld yn {title} ({day}).',
  'dna.thatsOk': "Mae hynny'n iawn. Beth wnaeth eich rhwystro?",
  'dna.reasonOptions':
    'Atebwch 1 salwch neu iechyd, 2 gofalu neu ofal plant, 3 teithio neu gost, 4 wedi anghofio neu ddim yn gwybod, 5 gwaith neu gyfweliad, 6 rhywbeth arall, neu yn eich geiriau eich hun.',
  'dna.reasonOptionsShort': 'Atebwch 1 iechyd, 2 gofalu, 3 teithio neu gost, 4 anghofio, 5 gwaith, 6 arall, neu yn eich geiriau eich hun.',
  'dna.checkingYouAreOk': "Gobeithio eich bod chi'n iawn.",
  'dna.tellUsAnyTime': 'Os hoffech ddweud wrthym beth wnaeth eich rhwystro, atebwch unrhyw bryd yn eich geiriau eich hun.',
  'dna.justCheckingIn': 'Dim ond cysylltu i weld sut ydych chi. Does dim angen esbonio.',
  'dna.replyAnyTime': "Atebwch unrhyw bryd a gallwn ddod o hyd i amser newydd sy'n gyfleus i chi.",
  'dna.stillHere': 'Rydym yma i chi o hyd.',
  'dna.wheneverReady': 'Pan fyddwch yn barod, atebwch a bydd {hasKeyWorker, select, yes {{keyWorker}} other {eich gweithiwr allweddol}} yn helpu.',
  'dna.hereToHelp': '{hasKeyWorker, select, yes {Mae {keyWorker} yma i helpu.} other {Mae eich gweithiwr allweddol yma i helpu.}}',
  'dna.thankYouForLettingUsKnow': 'Diolch am roi gwybod i ni{hasName, select, yes {, {firstName}} other {}}.',
  'dna.passedOn': "Rydym wedi rhoi hyn {hasKeyWorker, select, yes {i {keyWorker} yn {programme}} other {i'ch gweithiwr allweddol yn {programme}}}.",
  'dna.told': 'Rydym wedi dweud wrth {hasKeyWorker, select, yes {{keyWorker} yn {programme}} other {eich gweithiwr allweddol yn {programme}}}.',
  'dna.offerNewAppointment': "Hoffech chi apwyntiad newydd? Atebwch gyda diwrnodau neu amseroedd sy'n gyfleus, neu NA os nad nawr.",
  'dna.thatsFine': "Mae hynny'n iawn{hasName, select, yes {, {firstName}} other {}}.",
  'dna.letKnow': "Rydym wedi rhoi gwybod {hasKeyWorker, select, yes {i {keyWorker} yn {programme}} other {i'ch gweithiwr allweddol yn {programme}}}.",
  'dna.laterJustText': 'Os hoffech apwyntiad newydd yn nes ymlaen, tecstiwch ni unrhyw bryd.',
  'dna.takeCare': 'Cymerwch ofal.',
  'dna.textAnyTime': 'Tecstiwch ni unrhyw bryd os hoffech apwyntiad newydd.',

  'contact.keyWorkerIs': '{keyWorker} yw eich gweithiwr allweddol.',
  'contact.whatToExpect': "Byddwn yn tecstio atoch yma gyda nodiadau atgoffa am eich apwyntiadau ac ambell neges i weld sut mae pethau'n mynd.",
  'contact.whatToExpectShort': 'Byddwn yn tecstio nodiadau atgoffa am apwyntiadau ac ambell neges i weld sut ydych chi.',
  'contact.noNeedToReply': 'Does dim rhaid i chi ateb unrhyw beth.',
  'contact.noNeedToReplyShort': 'Does dim rhaid ateb.',
  'contact.replyYes': "{hasName, select, yes {Os mai chi sydd yma, atebwch IE.} other {Os dyma'r rhif cywir, atebwch IE.}}",
  'contact.replyYesShort': "{hasName, select, yes {Os chi sydd yma, atebwch IE.} other {Os yw'r rhif yn gywir, atebwch IE.}}",
  'contact.stopAnyTime': 'Tecstiwch STOP unrhyw bryd i stopio.',
  'contact.again': 'Helo, dyma {programme} eto.',
  'contact.checkingNumber':
    "{hasName, select, yes {Eisiau gwybod ai dyma'r rhif cywir ar gyfer {firstName}.} other {Eisiau gwybod a oes gennym y rhif cywir.}}",
  'contact.ifItIs':
    '{hasKeyWorker, select, yes {Os felly, atebwch IE a bydd {keyWorker}, eich gweithiwr allweddol, mewn cysylltiad.} other {Os felly, atebwch IE.}}',
  'contact.ifItIsShort': 'Os felly, atebwch IE.',
  'contact.ifNot': 'Os na, atebwch RHIF ANGHYWIR a wnawn ni ddim tecstio eto.',
  'contact.noRush': 'Does dim brys.',
  'contact.wrongNumberApology': "Mae'n ddrwg gennym am darfu arnoch. Wnawn ni ddim tecstio'r rhif hwn eto.",
  'contact.wrongNumberApologySigned': "Mae'n ddrwg gennym am darfu arnoch. Wnawn ni ddim tecstio'r rhif hwn eto. - {programme}",
  'contact.newKeyWorker':
    '{hasNewName, select, yes {O hyn ymlaen, {newName} yw eich gweithiwr allweddol} other {O hyn ymlaen, mae gennych weithiwr allweddol newydd}}.',
  'contact.newKeyWorkerBecause':
    '{hasNewName, select, yes {O hyn ymlaen, {newName} yw eich gweithiwr allweddol} other {O hyn ymlaen, mae gennych weithiwr allweddol newydd}}, oherwydd {reason}.',
  'contact.newAdviser':
    '{hasNewName, select, yes {{newName} yw eich cynghorydd mewn gwaith} other {Mae gennych gynghorydd mewn gwaith}} nawr eich bod wedi dechrau gweithio.',
  'contact.newAdviserBecause': '{hasNewName, select, yes {{newName} yw eich cynghorydd mewn gwaith} other {Mae gennych gynghorydd mewn gwaith}}, oherwydd {reason}.',
  'contact.keyWorkerWillKeepInTouch':
    "{hasNewName, select, yes {Bydd {newName} yn cadw mewn cysylltiad gyda chi yma.} other {Byddan nhw'n cadw mewn cysylltiad gyda chi yma.}}",
  'contact.adviserWillCheckIn':
    "{hasNewName, select, yes {Bydd {newName} yn cysylltu bob hyn a hyn i weld sut mae'r swydd yn mynd.} other {Byddan nhw'n cysylltu bob hyn a hyn i weld sut mae'r swydd yn mynd.}}",
  'contact.anyQuestions': 'Atebwch os oes gennych unrhyw gwestiynau.',
  'contact.textIfYouNeedHelp': 'Atebwch unrhyw bryd os oes angen help arnoch.',
  'contact.thanksForLettingUsKnow': 'Diolch am roi gwybod i ni{hasName, select, yes {, {firstName}} other {}}.',
  'contact.thanks': 'Diolch{hasName, select, yes {, {firstName}} other {}}.',
  'contact.willKeepInTouch':
    '{hasKeyWorker, select, yes {Bydd {keyWorker} yn {programme} yn cadw mewn cysylltiad gyda chi yma.} other {Bydd eich gweithiwr allweddol yn {programme} yn cadw mewn cysylltiad gyda chi yma.}}',
  'contact.textAnyTime': 'Atebwch unrhyw bryd os oes angen unrhyw beth arnoch.',

  'callAhead.ringSoon':
    "{hasName, select, yes {Helo {firstName}} other {Helo}}, {caller} o {programme} sydd yma. Bydda i'n eich ffonio chi {minutes, plural, one {yn ystod y funud nesaf} other {yn ystod y # munud nesaf}} o {callerPhone}.",
  'callAhead.ringSoonShort': "{caller} o {programme} sydd yma. Bydda i'n eich ffonio chi o fewn {minutes, plural, one {munud} other {# munud}} o {callerPhone}.",

  'checkIn.wellDone': 'Llongyfarchiadau ar y swydd newydd!',
  'checkIn.adviserIntroduced': '{adviser} yw eich cynghorydd mewn gwaith ac mae yma i helpu tra byddwch yn setlo.',
  'checkIn.adviserIntroducedShort': '{adviser} yw eich cynghorydd mewn gwaith.',
  'checkIn.hereToHelp': 'Rydym yma i helpu tra byddwch yn setlo.',
  'checkIn.weeksSinceStart':
    'Mae {weeks, plural, one {wythnos} two {pythefnos} other {# wythnos}} ers i chi ddechrau.',
  'checkIn.checkingIn': 'Rydym yn cysylltu i weld sut ydych chi.',
  'checkIn.stillInWork': "Ydych chi'n dal mewn gwaith? Atebwch IE neu NA.",
  'checkIn.howIsTheJobGoing': "Sut mae'r swydd yn mynd?",
  'checkIn.howIsItGoing': "Sut mae pethau'n mynd?",
  'checkIn.options': 'Atebwch 1 da, 2 iawn, 3 cael trafferth, neu yn eich geiriau eich hun.',
  'checkIn.thatsGreat': 'Gwych, diolch{hasName, select, yes {, {firstName}} other {}}.',
  'checkIn.didNotCatch': "Mae'n ddrwg gennym, wnaethon ni ddim deall hynny.",
  'checkIn.greatToHear': "Mae'n dda clywed hynny!",
  'checkIn.thanksForLettingUsKnow': 'Diolch am roi gwybod i ni.',
  'checkIn.thanksForTellingUs': 'Diolch am ddweud wrthym.',
  'checkIn.wouldYouLikeACall': 'Hoffech chi alwad gan {hasAdviser, select, yes {{adviser}} other {eich cynghorydd}}? Atebwch IE neu NA.',
  'checkIn.wouldYouLikeACallToTalk':
    'Hoffech chi alwad gan {hasAdviser, select, yes {{adviser}} other {eich cynghorydd}} i siarad am bethau? Atebwch IE neu NA.',
  'checkIn.sorryItIsHard': "Mae'n ddrwg gennym fod pethau'n anodd ar hyn o bryd{hasName, select, yes {, {firstName}} other {}}.",
  'checkIn.adviserCanHelp': '{hasAdviser, select, yes {Gall {adviser} helpu.} other {Gall eich cynghorydd helpu.}}',
  'checkIn.wouldYouLikeThemToCall':
    "{hasAdviser, select, yes {Hoffech chi i {adviser} eich ffonio?} other {Hoffech chi i'ch cynghorydd eich ffonio?}} Atebwch IE neu NA.",
  'checkIn.thanks': 'Diolch{hasName, select, yes {, {firstName}} other {}}.',
  'checkIn.askedToCall':
    "{hasAdviser, select, yes {Rydym wedi gofyn i {adviser} eich ffonio cyn bo hir.} other {Rydym wedi gofyn i'ch cynghorydd eich ffonio cyn bo hir.}}",
  'checkIn.noProblem': 'Dim problem{hasName, select, yes {, {firstName}} other {}}.',
  'checkIn.textAnyTime': 'Gallwch decstio atom yma unrhyw bryd os oes angen unrhyw beth arnoch.',
  'checkIn.passedOn': "{hasAdviser, select, yes {Rydym wedi rhoi eich neges i {adviser}.} other {Rydym wedi rhoi eich neges i'ch cynghorydd.}}",
  'checkIn.willBeInTouch':
    '{hasAdviser, select, yes {Bydd {adviser} mewn cysylltiad i weld sut gallwn ni helpu nesaf.} other {Bydd eich cynghorydd mewn cysylltiad i weld sut gallwn ni helpu nesaf.}}',

  'pulse.quickQuestion': 'Cwestiwn cyflym.',
  'pulse.thanks': 'Diolch.',
  'pulse.oneNumber': "Mae'n ddrwg gennym, wnaethon ni ddim deall hynny. Atebwch gydag un rhif o {min} i {max}.",
  'pulse.passedOn':
    "Diolch{hasName, select, yes {, {firstName}} other {}}, rydym wedi rhoi eich neges {hasAdviser, select, yes {i {adviser}} other {i'ch cynghorydd}}.",
  'pulse.passedOnShort': 'Diolch, rydym wedi rhoi eich neges ymlaen.',
  'pulse.forTheQuestion': 'Ar gyfer y cwestiwn, atebwch gydag un rhif o {min} i {max}.',
  'pulse.replyWithNumber': 'Atebwch gydag un rhif o {min} i {max}.',
  'pulse.thankYouForBeingHonest': 'Diolch am fod yn onest{hasName, select, yes {, {firstName}} other {}}.',
  'pulse.letAdviserKnow':
    "{hasAdviser, select, yes {Rydym wedi rhoi gwybod i {adviser}, er mwyn iddyn nhw helpu.} other {Rydym wedi rhoi gwybod i'ch cynghorydd, er mwyn iddyn nhw helpu.}}",
  'pulse.letAdviserKnowShort': "{hasAdviser, select, yes {Rydym wedi rhoi gwybod i {adviser}.} other {Rydym wedi rhoi gwybod i'ch cynghorydd.}}",
  'pulse.textAnyTime': 'Gallwch decstio atom yma unrhyw bryd.',
  'pulse.thankYou': 'Diolch{hasName, select, yes {, {firstName}} other {}}.',
  'pulse.answersHelp':
    "{hasAdviser, select, yes {Mae eich atebion yn helpu {adviser} i'ch cefnogi.} other {Mae eich atebion yn helpu eich cynghorydd i'ch cefnogi.}}",
  'pulse.question.job-confidence.still-in-job-12-months':
    "Ar raddfa o {min} i {max}, pa mor hyderus ydych chi y byddwch chi'n dal yn y swydd hon ymhen 12 mis? Mae {min} yn golygu ddim o gwbl, {max} yn golygu hyderus iawn.",
  'pulse.question.general-confidence.coping':
    "Ar raddfa o {min} i {max}, pa mor dda ydych chi'n ymdopi ar hyn o bryd? Mae {min} yn golygu ddim yn dda, {max} yn golygu da iawn.",
  'pulse.question.general-confidence.sorting-problems':
    "Ar raddfa o {min} i {max}, pa mor hyderus ydych chi y gallwch ddatrys problemau sy'n codi? Mae {min} yn golygu ddim yn hyderus, {max} yn golygu hyderus iawn.",
  'pulse.question.general-confidence.people-to-turn-to':
    "Ar raddfa o {min} i {max}, i ba raddau ydych chi'n teimlo bod gennych bobl i droi atyn nhw? Mae {min} yn golygu ddim o gwbl, {max} yn golygu llawer.",
};
