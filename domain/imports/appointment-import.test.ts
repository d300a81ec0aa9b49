import { describe, expect, it } from 'vitest';
import { readAppointmentHeader, readReminderOffsets, readStartsAt } from './appointment-import.js';

const LONDON = 'Europe/London';

describe('reading an appointments CSV', () => {
  it('headers in any case, with _, - or spaces; the four required columns named when missing', () => {
    expect(readAppointmentHeader(['External Ref', 'appointment-ref', 'STARTS_AT', 'Notes'])).toEqual({
      columns: ['external_ref', 'appointment_ref', 'starts_at', null],
      missing: ['title'],
      unknown: ['Notes'],
    });
  });

  it.each([
    ['2027-06-14T10:30:00Z', '2027-06-14T10:30:00.000Z'],
    ['2027-06-14T10:30:00+01:00', '2027-06-14T09:30:00.000Z'],
    ['14/06/2027 10:30', '2027-06-14T09:30:00.000Z'], // BST
    ['14/01/2027 10:30', '2027-01-14T10:30:00.000Z'], // GMT
    ['4/1/2027 9:05', '2027-01-04T09:05:00.000Z'],
    ['28/03/2027 02:00', '2027-03-28T01:00:00.000Z'], // the first minute after the spring-forward gap
    ['31/10/2027 02:00', '2027-10-31T02:00:00.000Z'], // the first minute after the repeated hour
  ])('starts_at %s is %s', (text, iso) => {
    expect(readStartsAt(text, LONDON)).toEqual({ ok: true, instant: new Date(iso) });
  });

  it.each([
    ['28/03/2027 01:00', /does not exist in UK time/],
    ['28/03/2027 01:59', /does not exist in UK time/],
    ['31/10/2027 01:00', /happens twice in UK time.*2027-10-31T01:00:00\+01:00 or 2027-10-31T01:00:00\+00:00/],
    ['2027-06-14T10:30:00', /no UTC offset/],
    ['31/02/2027 10:00', /not a real date/],
    ['14/06/2027 24:00', /not a real time/],
    ['next Tuesday', /must be ISO 8601/],
  ])('starts_at %s is refused', (text, message) => {
    const reading = readStartsAt(text, LONDON);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? '' : reading.message).toMatch(message);
  });

  it('reminder offsets: spaces or commas, any case; the API’s limits', () => {
    expect(readReminderOffsets('p1d  PT2H')).toEqual({ ok: true, offsets: ['P1D', 'PT2H'] });
    expect(readReminderOffsets('P1D,PT2H')).toEqual({ ok: true, offsets: ['P1D', 'PT2H'] });
    expect(readReminderOffsets('PT5M')).toMatchObject({ ok: false, message: expect.stringContaining('at least 15 minutes') });
    expect(readReminderOffsets('P1D P1D')).toMatchObject({ ok: false, message: 'lists P1D twice' });
    expect(readReminderOffsets('1 day')).toMatchObject({ ok: false });
  });
});
