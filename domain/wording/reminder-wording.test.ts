import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { matchOptOutKeyword } from '../reading/opt-out-keywords.js';
import { formatAppointmentTime } from './appointment-time.js';
import { countSmsSegments, MAX_SEGMENTS } from './sms-fitting.js';
import {
  appointmentCancelledMessage,
  appointmentChangedMessage,
  askWhyCannotCome,
  confirmThanks,
  reasonRecorded,
  rearrangeNoted,
  REPLY_OPTIONS,
  reminderMessage,
  whichAppointment,
  type AppointmentWording,
  type ReminderWordingContext,
} from './reminder-wording.js';

const LONDON = 'Europe/London';

const everyday: ReminderWordingContext = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Restart', language: 'en', timeZone: LONDON };
const anonymous: ReminderWordingContext = { firstName: '', keyWorkerName: null, programmeName: 'Work and Health Programme', language: 'en', timeZone: LONDON };
const longest: ReminderWordingContext = {
  firstName: 'Alexandra-Josephine',
  keyWorkerName: 'Christopher Montgomery-Smith',
  programmeName: 'Connect to Work (Greater Manchester) WHP', // 40, the most PROGRAMME_NAME allows
  language: 'en',
  timeZone: LONDON,
};
const contexts = { everyday, anonymous, longest };

const cvWorkshop: AppointmentWording = {
  title: 'CV workshop',
  location: 'Jobcentre Plus, High Street',
  startsAt: new Date('2025-03-04T10:30:00Z'), // Tue 4 Mar, 10:30am
  mandatory: false,
};
const longOne: AppointmentWording = {
  title: 'Employment support review meet', // 30
  location: 'Unit 4b, Salford Quays Business', // 30
  startsAt: new Date('2026-09-23T10:30:00Z'), // Wed 23 Sep, 11:30am: about the longest day and time there is
  mandatory: true,
};
const noPlace: AppointmentWording = { title: 'Phone call with your key worker', location: null, startsAt: new Date('2026-07-01T13:00:00Z'), mandatory: true };
const appointments = {
  'voluntary CV workshop': cvWorkshop,
  'mandatory CV workshop': { ...cvWorkshop, mandatory: true },
  'long mandatory': longOne,
  'long voluntary': { ...longOne, mandatory: false },
  'no place': noPlace,
};

const withAppointment = { reminderMessage, appointmentChangedMessage, appointmentCancelledMessage, confirmThanks };
const withoutAppointment = { askWhyCannotCome, reasonRecorded, rearrangeNoted };

type Case = readonly [string, string, ReminderWordingContext];
const cases: Case[] = [
  ...Object.entries(withAppointment).flatMap(([name, message]) =>
    Object.entries(contexts).flatMap(([who, ctx]) =>
      Object.entries(appointments).map(([what, appt]) => [`${name}(${who}, ${what})`, message(ctx, appt), ctx] as const),
    ),
  ),
  ...Object.entries(withoutAppointment).flatMap(([name, message]) =>
    Object.entries(contexts).map(([who, ctx]) => [`${name}(${who})`, message(ctx), ctx] as const),
  ),
  ...Object.entries(contexts).flatMap(([who, ctx]) => [
    [`whichAppointment(${who}, 2)`, whichAppointment(ctx, [longOne, { ...longOne, startsAt: new Date('2026-09-24T13:30:00Z') }]), ctx] as const,
    [`whichAppointment(${who}, 3)`, whichAppointment(ctx, [cvWorkshop, longOne, noPlace]), ctx] as const,
  ]),
];

describe('appointment wording, every template', () => {
  it.each(cases)(`%s fits in ${MAX_SEGMENTS} SMS segments of GSM-7`, (_name, text) => {
    const segmented = new SegmentedMessage(text);
    expect(segmented.getEncodingName()).toBe('GSM-7');
    expect(segmented.segmentsCount).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it.each(cases)('%s never sounds like a demand or a threat', (_name, text) => {
    for (const word of ['sanction', 'mandatory', 'must', 'failure', 'compliance', 'required', 'penalty', 'benefit']) {
      expect(text.toLowerCase()).not.toMatch(new RegExp(`\\b${word}`));
    }
  });

  it.each(cases)('%s never asks for an opt-out word as an answer', (_name, text) => {
    expect(text).not.toMatch(/\b(CANCEL|STOP|STOPALL|END|QUIT|UNSUBSCRIBE)\b/);
    for (const [, answer] of text.matchAll(/Reply (\S+)/g)) expect(matchOptOutKeyword(answer!)).toBeNull();
  });

  it.each(cases)('%s says who it is from: the key worker or the programme', (_name, text, ctx) => {
    const names = [ctx.programmeName, ctx.keyWorkerName].filter((name): name is string => name !== null);
    expect(names.some((name) => text.includes(name))).toBe(true);
  });

  it.each(cases)('%s is plain printable ASCII, no curly quotes or emoji', (_name, text) => {
    expect(text).toMatch(/^[\x20-\x7E]+$/);
    expect(text).not.toMatch(/ {2}|\.\.|\s$|^\s/);
  });
});

describe('reminderMessage', () => {
  it('reads warmly for a voluntary appointment, with time, place and who it is from', () => {
    expect(reminderMessage(everyday, cvWorkshop)).toBe(
      'Hi Sam, this is Restart, on behalf of your key worker Priya. Reminder: CV workshop is on Tue 4 Mar, 10:30am at Jobcentre Plus, High Street. ' +
        "We hope to see you there. Reply YES if you can come, NO if you can't, or R to rearrange.",
    );
  });

  it('says a mandatory appointment is important, kindly, and asks to hear if they cannot make it', () => {
    expect(reminderMessage(everyday, { ...cvWorkshop, mandatory: true })).toBe(
      'Hi Sam, this is Restart, on behalf of your key worker Priya. Reminder: CV workshop is on Tue 4 Mar, 10:30am at Jobcentre Plus, High Street. ' +
        "This one is important, so please let us know if you cannot make it. Reply YES if you can come, NO if you can't, or R to rearrange.",
    );
  });

  it.each(Object.entries(contexts).flatMap(([who, ctx]) => Object.entries(appointments).map(([what, appt]) => [who, what, ctx, appt] as const)))(
    'for %s about %s: ends with the reply options and gives the time',
    (_who, _what, ctx, appt) => {
      const text = reminderMessage(ctx, appt);
      expect(text.endsWith(REPLY_OPTIONS)).toBe(true);
      expect(text).toContain(formatAppointmentTime(appt.startsAt, LONDON));
      if (appt.location) expect(text).toContain(appt.location);
      expect(text.includes('important')).toBe(appt.mandatory);
    },
  );

  it('gives the key worker and programme when there is room, the programme alone when there is not', () => {
    expect(reminderMessage(longest, cvWorkshop)).toContain('this is Connect to Work (Greater Manchester) WHP, on behalf of your key worker Christopher Montgomery-Smith.');
    expect(reminderMessage(longest, longOne)).toMatch(/^Hi Alexandra-Josephine, this is Connect to Work \(Greater Manchester\) WHP\. .* It is important, so please tell us if you cannot come\. Reply/);
    expect(reminderMessage(anonymous, cvWorkshop)).toMatch(/^Hi, this is Work and Health Programme\. /);
  });

  it('leaves out the place when there is none', () => {
    expect(reminderMessage(everyday, noPlace)).toContain('Reminder: Phone call with your key worker is on Wed 1 Jul, 2pm. This one');
  });

  it('keeps GSM-7 when staff type curly quotes, long dashes or odd spaces', () => {
    const text = reminderMessage(
      { ...everyday, keyWorkerName: 'Siobhan O\u2019Neill', programmeName: 'Restart \u2013 North' },
      { ...cvWorkshop, title: '\u201cNext steps\u201d chat\u2026', location: 'St\u00a0John\u2019s Hall.' },
    );
    expect(text).toContain("this is Restart - North, on behalf of your key worker Siobhan O'Neill.");
    expect(text).toContain('Reminder: "Next steps" chat is on Tue 4 Mar, 10:30am at St John\'s Hall. We hope');
    expect(new SegmentedMessage(text).getEncodingName()).toBe('GSM-7');
  });

  it('still sends something when nothing fits: the plainest wording', () => {
    const text = reminderMessage(longest, { ...longOne, title: 'A'.repeat(200) });
    expect(text.startsWith('This is Connect to Work (Greater Manchester) WHP.')).toBe(true);
    expect(text.endsWith(REPLY_OPTIONS)).toBe(true);
  });
});

describe('the other appointment messages', () => {
  it('a change gives the new time and place and asks again', () => {
    expect(appointmentChangedMessage(everyday, cvWorkshop)).toBe(
      'Hi Sam, this is Restart, on behalf of your key worker Priya. Your appointment has changed. CV workshop is now on Tue 4 Mar, 10:30am at Jobcentre Plus, High Street. ' +
        REPLY_OPTIONS,
    );
    expect(appointmentChangedMessage(everyday, longOne)).toContain('It is important, so please tell us if you cannot come.');
  });

  it('a cancellation says plainly that they need not come', () => {
    expect(appointmentCancelledMessage(everyday, cvWorkshop)).toBe(
      'Hi Sam, this is Restart, on behalf of your key worker Priya. CV workshop on Tue 4 Mar, 10:30am at Jobcentre Plus, High Street is cancelled. You do not need to come. ' +
        'Text back if you have any questions.',
    );
  });

  it('thanks a confirmation and says the key worker knows', () => {
    expect(confirmThanks(everyday, cvWorkshop)).toBe(
      'Thanks, Sam, see you on Tue 4 Mar, 10:30am at Jobcentre Plus, High Street. We have told Priya at Restart you are coming.',
    );
    expect(confirmThanks(anonymous, cvWorkshop)).toContain('We have told your key worker at Work and Health Programme you are coming.');
  });

  it('asks gently why they cannot come', () => {
    expect(askWhyCannotCome(everyday)).toBe(
      "Thanks for letting us know, Sam. Can you tell us why you cannot come? It's fine to say. It helps Priya at Restart find a time that works for you.",
    );
  });

  it('says the reason went to the key worker, who will find a better time', () => {
    expect(reasonRecorded(everyday)).toBe(
      'Thank you, Sam. We have passed this on to Priya at Restart, who will be in touch to find a better time.',
    );
  });

  it('says the key worker will rearrange', () => {
    expect(rearrangeNoted(anonymous)).toBe(
      'Thanks. We have asked your key worker at Work and Health Programme to find a new time with you. They will be in touch soon.',
    );
  });

  it('asks which appointment, by number', () => {
    expect(whichAppointment(everyday, [cvWorkshop, longOne])).toBe(
      'Hi Sam, this is Restart, on behalf of your key worker Priya. Which appointment do you mean? ' +
        'Reply 1 for CV workshop (Tue 4 Mar, 10:30am) or 2 for Employment support review meet (Wed 23 Sep, 11:30am).',
    );
    expect(whichAppointment(everyday, [cvWorkshop, longOne, noPlace])).toContain(
      'Reply 1 for CV workshop (Tue 4 Mar, 10:30am), 2 for Employment support review meet (Wed 23 Sep, 11:30am) or 3 for Phone call with your key worker (Wed 1 Jul, 2pm).',
    );
  });
});

describe('countSmsSegments', () => {
  it.each([
    ['', 'GSM-7', 1],
    ['a'.repeat(160), 'GSM-7', 1],
    ['a'.repeat(161), 'GSM-7', 2],
    ['a'.repeat(306), 'GSM-7', 2],
    ['a'.repeat(307), 'GSM-7', 3],
    ['{'.repeat(80), 'GSM-7', 1],
    ['{'.repeat(81), 'GSM-7', 2],
    ['a' + '{'.repeat(76) + 'b'.repeat(10), 'GSM-7', 2], // an escape pair is never split across segments
    ['\u2019'.repeat(70), 'UCS-2', 1],
    ['\u2019'.repeat(71), 'UCS-2', 2],
    ['\u{1F44D}'.repeat(35), 'UCS-2', 1],
    ['\u{1F44D}'.repeat(36), 'UCS-2', 2],
  ])('%j is %s in %d', (text, encoding, segments) => {
    expect(countSmsSegments(text)).toEqual({ encoding, segments });
  });
});
