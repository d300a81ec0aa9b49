/**
 * Every participant-facing message, in English: the catalogue the other languages are held to. ICU MessageFormat
 * (https://unicode-org.github.io/icu/userguide/format_parse/messages/): `{name}` is a variable, `select` picks a
 * wording by whether a name is known (`hasName`, `hasKeyWorker`, `hasAdviser` are "yes" or "no"), `plural` follows
 * the language's plural rules. Each id is a whole sentence or two, so a translator never has to fit words around
 * a phrase built elsewhere; code only chooses which sentences go together, fullest first, until they fit.
 *
 * Keep it plain: short everyday words (a reading age of about 9, checked in the tests), warm, saying who it is
 * from, never a demand or a threat, and plain GSM-7 characters so an SMS segment holds 160 characters, not 70.
 * Never ask anyone to text CANCEL, STOP, END or QUIT as an answer: those are opt-out words.
 */
export const en = {
  // Who is writing (every message that starts a conversation opens with one of these).
  'opener.thisIs': '{hasName, select, yes {Hi {firstName}} other {Hi}}, this is {programme}.',
  'opener.bare': 'This is {programme}.',
  'opener.onBehalfOfKeyWorker': '{hasName, select, yes {Hi {firstName}} other {Hi}}, this is {programme}, on behalf of your key worker {keyWorker}.',
  'opener.itsProgramme': "{hasName, select, yes {Hi {firstName}} other {Hi}}, it's {programme}.",
  'opener.itsOnBehalfOfKeyWorker': "{hasName, select, yes {Hi {firstName}} other {Hi}}, it's {programme}, on behalf of your key worker {keyWorker}.",
  'opener.onBehalfOfAdviser': '{hasName, select, yes {Hi {firstName}} other {Hi}}, this is {programme}, on behalf of {adviser}, your in-work adviser.',

  // Always-on answers: STOP, START, HELP, crisis, free text.
  'optOut.confirmation': '{programme}: you will not get any more messages from us. If you change your mind, text START.',
  'optIn.confirmation':
    '{hasName, select, yes {Hi {firstName}} other {Hi}}, this is {programme}. You are signed up for messages from us. Text STOP at any time to stop them.',
  'help.message':
    'This is {programme}. {hasKeyWorker, select, yes {Your key worker {keyWorker}} other {Your key worker}} reads your replies. Just text back if you need anything. Text STOP to stop our messages.',
  // Help after a risk-of-harm message (domain/wording/risk-help-wording.ts): an opening, the help for the most urgent
  // concern, a short line for each other concern while the text fits, who we told and (out of hours) when they are
  // back. Numbers and hours are checked against each service's own page: README "Safeguarding: help by category".
  'crisis.opening': '{programme}: we are sorry things are so hard.',
  'crisis.help.suicide':
    'Please call Samaritans free on 116 123, any time, day or night. If you are in danger now, call 999. You can also text SHOUT to 85258.',
  'crisis.help.self_harm':
    'You can call Samaritans free on 116 123, any time, day or night. If you are badly hurt or in danger now, call 999. You can also text SHOUT to 85258.',
  'crisis.help.domestic_abuse':
    'You can call the National Domestic Abuse Helpline free on 0808 2000 247, any time. If you are in danger now, call 999. If you cannot speak, call 999 on a mobile and press 55.',
  'crisis.help.sexual_violence':
    'You can call the Rape Crisis support line free on 0808 500 2222, any time, day or night. If you are in danger now, call 999.',
  'crisis.help.child_at_risk':
    'If a child is in danger now, call 999. A child or young person can call Childline free on 0800 1111, any time. If you are worried about a child, you can call the NSPCC on 0808 800 5000.',
  'crisis.help.exploitation':
    'You can call the Modern Slavery and Exploitation Helpline free on 08000 121 700, any time. If you are in danger now, call 999.',
  'crisis.help.homeless_tonight':
    'Please call your local council now and say you have nowhere to sleep tonight. After hours, use the emergency number on its website. If you are in danger, call 999.',
  'crisis.help.violence': 'If you or someone else is in danger now, call 999. If it is not an emergency, you can call the police on 101.',
  'crisis.also.suicide': 'Samaritans: 116 123, free, any time.',
  'crisis.also.self_harm': 'Samaritans: 116 123, free, any time.',
  'crisis.also.domestic_abuse': 'Domestic abuse helpline: 0808 2000 247, free, any time.',
  'crisis.also.sexual_violence': 'Rape Crisis: 0808 500 2222, free, any time.',
  'crisis.also.child_at_risk': 'Childline: 0800 1111. NSPCC: 0808 800 5000.',
  'crisis.also.exploitation': 'Modern Slavery Helpline: 08000 121 700, free, any time.',
  'crisis.also.homeless_tonight': 'Nowhere to sleep tonight? Call your local council.',
  'crisis.also.violence': 'Police, if it is not an emergency: 101.',
  'crisis.toldKeyWorker': 'We have told {hasKeyWorker, select, yes {your key worker {keyWorker}} other {your key worker}}.',
  'crisis.keyWorkerBack':
    'They will be back {backOn, select, today {at {backTime} today} tomorrow {at {backTime} tomorrow} weekday {at {backTime} on {backWeekday}} other {at {backTime} on {backDate}}}.',
  'freeText.passedOn':
    '{hasName, select, yes {Hi {firstName}} other {Hi}}, thanks for your message. We have kept it and passed it to {hasKeyWorker, select, yes {your key worker {keyWorker}} other {your key worker}} at {programme}.',

  // Appointments and reminders. `when` is the day and time ("Tue 4 Mar, 10:30am"), `where` the place or nothing.
  'appointment.untitled': 'your appointment',
  'appointment.where': ' at {location}',
  'reminder.body': 'Reminder: {what} is on {when}{where}.',
  'reminder.important': 'This one is important, so please let us know if you cannot make it.',
  'reminder.importantShort': 'It is important, so please tell us if you cannot come.',
  'reminder.hopeToSeeYou': 'We hope to see you there.',
  'reminder.replyOptions': "Reply YES if you can come, NO if you can't, or R to rearrange.",
  'reminder.changed': 'Your appointment has changed. {What} is now on {when}{where}.',
  'reminder.moved': '{What} has moved to {when}{where}.',
  'reminder.cancelled': '{What} on {when}{where} is cancelled. You do not need to come.',
  'reminder.anyQuestions': 'Text back if you have any questions.',
  'reminder.seeYou': 'Thanks{hasName, select, yes {, {firstName}} other {}}, see you on {when}{where}.',
  'reminder.toldYouAreComing':
    'We have told {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}} you are coming.',
  'reminder.thanksForLettingUsKnow': 'Thanks for letting us know{hasName, select, yes {, {firstName}} other {}}.',
  'reminder.askWhy': "Can you tell us why you cannot come? It's fine to say.",
  'reminder.helpsFindTime':
    'It helps {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}} find a time that works for you.',
  'reminder.thankYou': 'Thank you{hasName, select, yes {, {firstName}} other {}}.',
  'reminder.reasonPassedOn':
    'We have passed this on to {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}}, who will be in touch to find a better time.',
  'reminder.thanks': 'Thanks{hasName, select, yes {, {firstName}} other {}}.',
  'reminder.askedForNewTime':
    'We have asked {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}} to find a new time with you. They will be in touch soon.',
  'reminder.whichOne': 'Which appointment do you mean?',
  // `choices` is the list built from `reminder.choice` and `reminder.choiceTimeOnly`, joined by `list.or`.
  'reminder.whichReply': 'Reply {choices}.',
  'reminder.choice': '{number} for {what} ({when})',
  'reminder.choiceTimeOnly': '{number} for {when}',
  'list.or': '{first} or {last}',

  // Did-not-attend follow-ups. `day` is the day of the missed appointment ("Tue 4 Mar").
  'dna.missedYou': 'We missed you at your appointment on {day}.',
  'dna.missedYouAt': 'We missed you at {title} on {day}.',
  'dna.thatsOk': "That's OK. What got in the way?",
  'dna.reasonOptions':
    "Reply 1 ill or health, 2 caring or childcare, 3 transport or cost, 4 forgot or didn't know, 5 work or interview, 6 something else, or tell us in your own words.",
  'dna.reasonOptionsShort': 'Reply 1 health, 2 caring, 3 transport or cost, 4 forgot, 5 work or interview, 6 something else, or tell us in your own words.',
  'dna.checkingYouAreOk': "Just checking you're OK.",
  'dna.tellUsAnyTime': "If you'd like to tell us what got in the way, reply any time in your own words.",
  'dna.justCheckingIn': "Just checking in. There's no need to explain.",
  'dna.replyAnyTime': 'Reply any time and we can find a new time that suits you.',
  'dna.stillHere': 'We are still here for you.',
  'dna.wheneverReady':
    "Whenever you're ready, just text back and {hasKeyWorker, select, yes {{keyWorker}} other {your key worker}} will help.",
  'dna.hereToHelp': '{hasKeyWorker, select, yes {{keyWorker}} other {Your key worker}} is here to help.',
  'dna.thankYouForLettingUsKnow': 'Thank you for letting us know{hasName, select, yes {, {firstName}} other {}}.',
  'dna.passedOn': 'We have passed this on to {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}}.',
  'dna.told': 'We have told {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}}.',
  'dna.offerNewAppointment': 'Would you like a new appointment? Reply with days or times that suit you, or NO if not now.',
  'dna.thatsFine': "That's fine{hasName, select, yes {, {firstName}} other {}}.",
  'dna.letKnow': 'We have let {hasKeyWorker, select, yes {{keyWorker} at {programme}} other {your key worker at {programme}}} know.',
  'dna.laterJustText': 'If you would like a new appointment later, just text us any time.',
  'dna.takeCare': 'Take care.',
  'dna.textAnyTime': 'Text us any time if you would like a new appointment.',

  // First contact: the welcome, the second try, a wrong number, handovers.
  'contact.keyWorkerIs': '{keyWorker} is your key worker.',
  'contact.whatToExpect': 'We will text you here with reminders about your appointments and a few check-ins to see how things are going.',
  'contact.whatToExpectShort': 'We will text you reminders about appointments and a few check-ins.',
  'contact.noNeedToReply': "You don't have to reply to anything.",
  'contact.noNeedToReplyShort': "You don't have to reply.",
  'contact.replyYes': '{hasName, select, yes {If this is you, please reply YES.} other {If this is the right number, please reply YES.}}',
  'contact.replyYesShort': '{hasName, select, yes {If this is you, reply YES.} other {If this is the right number, reply YES.}}',
  'contact.stopAnyTime': 'Text STOP any time to stop.',
  'contact.again': 'Hi, this is {programme} again.',
  'contact.checkingNumber': '{hasName, select, yes {Just checking this is the right number for {firstName}.} other {Just checking we have the right number.}}',
  'contact.ifItIs': '{hasKeyWorker, select, yes {If it is, please reply YES and {keyWorker}, your key worker, will be in touch.} other {If it is, please reply YES.}}',
  'contact.ifItIsShort': 'If it is, please reply YES.',
  'contact.ifNot': "If not, just reply WRONG NUMBER and we won't text again.",
  'contact.noRush': "There's no rush.",
  'contact.wrongNumberApology': 'Sorry to have bothered you. We will not text this number again.',
  'contact.wrongNumberApologySigned': 'Sorry to have bothered you. We will not text this number again. - {programme}',
  'contact.newKeyWorker': '{hasNewName, select, yes {From now on {newName} is your key worker} other {From now on you have a new key worker}}.',
  'contact.newKeyWorkerBecause':
    '{hasNewName, select, yes {From now on {newName} is your key worker} other {From now on you have a new key worker}}, because {reason}.',
  'contact.newAdviser': '{hasNewName, select, yes {{newName} is your in-work adviser} other {You have an in-work adviser}} now that you have started work.',
  'contact.newAdviserBecause': '{hasNewName, select, yes {{newName} is your in-work adviser} other {You have an in-work adviser}}, because {reason}.',
  'contact.keyWorkerWillKeepInTouch': '{hasNewName, select, yes {{newName}} other {They}} will keep in touch with you here.',
  'contact.adviserWillCheckIn': '{hasNewName, select, yes {{newName}} other {They}} will check in now and then to see how the job is going.',
  'contact.anyQuestions': 'Just text back if you have any questions.',
  'contact.textIfYouNeedHelp': 'Just text back any time if you need help.',
  'contact.thanksForLettingUsKnow': 'Thanks for letting us know{hasName, select, yes {, {firstName}} other {}}.',
  'contact.thanks': 'Thanks{hasName, select, yes {, {firstName}} other {}}.',
  'contact.willKeepInTouch':
    '{hasKeyWorker, select, yes {{keyWorker} at {programme}} other {Your key worker at {programme}}} will keep in touch with you here.',
  'contact.textAnyTime': 'Text back any time if you need anything.',

  // Call-ahead (domain/wording/call-ahead-wording.ts): people do not answer numbers they don't know, so the key worker texts
  // first, by name, with the number they will ring from. `caller` is the member of staff, `number` as it is dialled.
  'callAhead.ringSoon':
    "{hasName, select, yes {Hi {firstName}} other {Hi}}, it's {caller} from {programme}. I'll ring you {minutes, plural, one {in the next minute} other {in the next # minutes}} from {callerPhone}.",
  'callAhead.ringSoonShort': "It's {caller} from {programme}. I'll ring you within {minutes, plural, one {a minute} other {# minutes}} from {callerPhone}.",

  // In-work check-ins. `adviser` is the in-work adviser, or the key worker when there is none.
  'checkIn.wellDone': 'Well done on the new job!',
  'checkIn.adviserIntroduced': '{adviser} is your in-work adviser and is here to help while you settle in.',
  'checkIn.adviserIntroducedShort': '{adviser} is your in-work adviser.',
  'checkIn.hereToHelp': 'We are here to help while you settle in.',
  'checkIn.weeksSinceStart': "It's {weeks, plural, one {a week} other {# weeks}} since you started.",
  'checkIn.checkingIn': 'We are checking in.',
  'checkIn.stillInWork': 'Are you still in work? Reply YES or NO.',
  'checkIn.howIsTheJobGoing': 'How is the job going?',
  'checkIn.howIsItGoing': 'How is it going?',
  'checkIn.options': 'Reply 1 good, 2 okay, 3 struggling, or tell us in your own words.',
  'checkIn.thatsGreat': "That's great, thanks{hasName, select, yes {, {firstName}} other {}}.",
  'checkIn.didNotCatch': 'Sorry, we did not catch that.',
  'checkIn.greatToHear': 'Great to hear!',
  'checkIn.thanksForLettingUsKnow': 'Thanks for letting us know.',
  'checkIn.thanksForTellingUs': 'Thanks for telling us.',
  'checkIn.wouldYouLikeACall': 'Would you like a call from {hasAdviser, select, yes {{adviser}} other {your adviser}}? Reply YES or NO.',
  'checkIn.wouldYouLikeACallToTalk':
    'Would you like a call from {hasAdviser, select, yes {{adviser}} other {your adviser}} to talk things through? Reply YES or NO.',
  'checkIn.sorryItIsHard': 'Sorry it is hard at the moment{hasName, select, yes {, {firstName}} other {}}.',
  'checkIn.adviserCanHelp': '{hasAdviser, select, yes {{adviser}} other {Your adviser}} can help.',
  'checkIn.wouldYouLikeThemToCall': 'Would you like {hasAdviser, select, yes {{adviser}} other {your adviser}} to call you? Reply YES or NO.',
  'checkIn.thanks': 'Thanks{hasName, select, yes {, {firstName}} other {}}.',
  'checkIn.askedToCall': 'We have asked {hasAdviser, select, yes {{adviser}} other {your adviser}} to call you soon.',
  'checkIn.noProblem': 'No problem{hasName, select, yes {, {firstName}} other {}}.',
  'checkIn.textAnyTime': 'You can text us here any time if you need anything.',
  'checkIn.passedOn': 'We have passed your message to {hasAdviser, select, yes {{adviser}} other {your adviser}}.',
  'checkIn.willBeInTouch': '{hasAdviser, select, yes {{adviser}} other {Your adviser}} will be in touch to see how we can help next.',

  // Confidence pulses. The questions themselves are `pulse.question.{instrument}.{question}`.
  'pulse.quickQuestion': 'A quick question.',
  'pulse.thanks': 'Thanks.',
  'pulse.oneNumber': 'Sorry, we did not catch that. Please reply with one number from {min} to {max}.',
  'pulse.passedOn': 'Thanks{hasName, select, yes {, {firstName}} other {}}, we have passed your message to {hasAdviser, select, yes {{adviser}} other {your adviser}}.',
  'pulse.passedOnShort': 'Thanks, we have passed your message on.',
  'pulse.forTheQuestion': 'For the question, please reply with one number from {min} to {max}.',
  'pulse.replyWithNumber': 'Please reply with one number from {min} to {max}.',
  'pulse.thankYouForBeingHonest': 'Thank you for being honest{hasName, select, yes {, {firstName}} other {}}.',
  'pulse.letAdviserKnow': 'We have let {hasAdviser, select, yes {{adviser}} other {your adviser}} know, so they can help.',
  'pulse.letAdviserKnowShort': 'We have let {hasAdviser, select, yes {{adviser}} other {your adviser}} know.',
  'pulse.textAnyTime': 'You can text us here any time.',
  'pulse.thankYou': 'Thank you{hasName, select, yes {, {firstName}} other {}}.',
  'pulse.answersHelp': 'Your answers help {hasAdviser, select, yes {{adviser}} other {your adviser}} support you.',
  'pulse.question.job-confidence.still-in-job-12-months':
    'On a scale of {min} to {max}, how sure are you that you will still be in this job in 12 months? {min} is not sure at all, {max} is very sure.',
  'pulse.question.general-confidence.coping': 'On a scale of {min} to {max}, how well are you coping at the moment? {min} is not well, {max} is very well.',
  'pulse.question.general-confidence.sorting-problems':
    'On a scale of {min} to {max}, how sure are you that you can sort out problems that come up? {min} is not sure, {max} is very sure.',
  'pulse.question.general-confidence.people-to-turn-to':
    'On a scale of {min} to {max}, how much do you feel you have people to turn to? {min} is not at all, {max} is a lot.',
} as const;

export type MessageId = keyof typeof en;
