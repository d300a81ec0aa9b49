import { describe, expect, it } from 'vitest';
import { formatAppointmentTime, formatClockTime, formatDay } from './appointment-time.js';

const LONDON = 'Europe/London';

describe('formatAppointmentTime', () => {
  it.each([
    ['2025-03-04T10:30:00Z', 'Tue 4 Mar, 10:30am'], // GMT
    ['2025-03-04T10:00:00Z', 'Tue 4 Mar, 10am'],
    ['2026-07-01T11:00:00Z', 'Wed 1 Jul, 12pm'], // noon BST
    ['2026-07-01T13:05:00Z', 'Wed 1 Jul, 2:05pm'],
    ['2026-07-01T23:00:00Z', 'Thu 2 Jul, 12am'], // midnight BST is the next local day
    ['2026-12-31T23:59:00Z', 'Thu 31 Dec, 11:59pm'],
    ['2026-03-29T09:00:00Z', 'Sun 29 Mar, 10am'], // the spring change day, BST
    ['2026-10-25T10:00:00Z', 'Sun 25 Oct, 10am'], // the autumn change day, GMT
    ['2026-09-24T08:15:00Z', 'Thu 24 Sep, 9:15am'],
  ])('%s in London is %s', (iso, expected) => {
    expect(formatAppointmentTime(new Date(iso), LONDON)).toBe(expected);
  });

  it('is on the local clock of the zone it is given', () => {
    expect(formatAppointmentTime(new Date('2026-07-01T09:30:00Z'), 'UTC')).toBe('Wed 1 Jul, 9:30am');
    expect(formatAppointmentTime(new Date('2026-07-01T09:30:00Z'), LONDON)).toBe('Wed 1 Jul, 10:30am');
  });

  it('has day and time parts', () => {
    expect(formatDay(new Date('2025-03-04T10:30:00Z'), LONDON)).toBe('Tue 4 Mar');
    expect(formatClockTime(new Date('2025-03-04T00:30:00Z'), LONDON)).toBe('12:30am');
    expect(formatClockTime(new Date('2025-03-04T12:30:00Z'), LONDON)).toBe('12:30pm');
  });
});
