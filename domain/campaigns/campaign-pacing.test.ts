import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_REGIONS, bankHolidayCalendar } from '../time/bank-holidays.js';
import {
  campaignIntervalMs,
  DEFAULT_CAMPAIGN_RATE_PER_MINUTE,
  firstFreeSlot,
  firstTimeWithRoom,
  MAX_CAMPAIGN_RATE_PER_MINUTE,
  PACING_HEADROOM,
  paceSlots,
  roomInMinuteAround,
  slotSpacingMs,
} from './campaign-pacing.js';
import { isInQuietHours, nextAllowedTime, type SendWindowPolicy } from '../time/quiet-hours.js';

const LONDON = 'Europe/London';
const DEFAULT_WINDOW: SendWindowPolicy = { quietHours: { start: '21:00', end: '08:00' }, skipBankHolidays: true, region: 'england-and-wales' };
const ANY_TIME: SendWindowPolicy = { quietHours: null, skipBankHolidays: false, region: 'england-and-wales' };

function localDate(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

const gaps = (slots: readonly Date[]): number[] => slots.slice(1).map((slot, i) => slot.getTime() - (slots[i] as Date).getTime());

/** The most slots in any window of one minute. */
function busiestMinute(slots: readonly Date[]): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < slots.length; last += 1) {
    while ((slots[last] as Date).getTime() - (slots[first] as Date).getTime() >= 60_000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('campaignIntervalMs', () => {
  it('spaces messages evenly through the minute', () => {
    expect(campaignIntervalMs(DEFAULT_CAMPAIGN_RATE_PER_MINUTE)).toBe(1000);
    expect(campaignIntervalMs(600)).toBe(100);
    expect(campaignIntervalMs(MAX_CAMPAIGN_RATE_PER_MINUTE)).toBe(10);
    expect(campaignIntervalMs(0.5)).toBe(120_000);
  });

  it.each([0, -1, Number.NaN])('refuses a rate of %s', (rate) => {
    expect(() => campaignIntervalMs(rate)).toThrow(RangeError);
  });
});

describe('paceSlots', () => {
  // Monday 1 June 2026, 10:00 BST: an ordinary working day.
  const morning = new Date('2026-06-01T09:00:00Z');

  it('plans with 2% headroom: a slot every 1.02 s at 60 a minute', () => {
    expect(PACING_HEADROOM).toBe(0.02);
    expect(slotSpacingMs(60)).toBe(1020);
    expect(slotSpacingMs(600)).toBe(102);
    expect(slotSpacingMs(MAX_CAMPAIGN_RATE_PER_MINUTE)).toBe(11);
    const slots = paceSlots({ from: morning, count: 5, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-06-01T09:00:00.000Z',
      '2026-06-01T09:00:01.020Z',
      '2026-06-01T09:00:02.040Z',
      '2026-06-01T09:00:03.060Z',
      '2026-06-01T09:00:04.080Z',
    ]);
  });

  it('at 600 a minute: 102 ms apart, so a minute holds a little under 600 and never more', () => {
    const slots = paceSlots({ from: morning, count: 1000, ratePerMinute: 600, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(new Set(gaps(slots))).toEqual(new Set([102]));
    expect(busiestMinute(slots)).toBeLessThanOrEqual(600);
    expect(busiestMinute(slots)).toBeGreaterThanOrEqual(0.97 * 600);
  });

  it('nothing to send: no slots', () => {
    expect(paceSlots({ from: morning, count: 0, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON })).toEqual([]);
  });

  it('at a rate that does not divide a minute in whole milliseconds, no minute holds more than the rate', () => {
    for (const rate of [7, 13, 45, 3333]) {
      const slots = paceSlots({ from: morning, count: 3 * rate, ratePerMinute: rate, policy: ANY_TIME, timeZone: LONDON });
      expect(Math.min(...gaps(slots)), `${rate}/min`).toBeGreaterThanOrEqual(campaignIntervalMs(rate));
      expect(busiestMinute(slots), `${rate}/min`).toBeLessThanOrEqual(rate);
    }
  });

  it('a campaign started at 20:58 with quiet hours from 21:00 pauses, and goes on at 08:00 the next day', () => {
    const from = new Date('2026-06-01T19:58:00Z'); // 20:58 BST
    const slots = paceSlots({ from, count: 125, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
    // 117 × 1.02 s after 20:58 is 20:59:59.34, the last before quiet hours.
    expect(slots[117]?.toISOString()).toBe('2026-06-01T19:59:59.340Z');
    expect(slots[118]?.toISOString()).toBe('2026-06-02T07:00:00.000Z'); // 08:00 BST
    expect(slots[124]?.toISOString()).toBe('2026-06-02T07:00:06.120Z');
  });

  it('pauses over quiet hours and a bank holiday together: Christmas Eve evening goes on after Christmas Day', () => {
    const from = new Date('2026-12-24T20:59:58Z'); // Thursday 24 December, 20:59:58 GMT
    const slots = paceSlots({ from, count: 4, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-12-24T20:59:58.000Z',
      '2026-12-24T20:59:59.020Z',
      '2026-12-26T08:00:00.000Z', // Saturday 26th: Boxing Day's holiday is Monday 28th
      '2026-12-26T08:00:01.020Z',
    ]);
  });

  it('a start inside quiet hours waits for them to end', () => {
    const from = new Date('2026-06-01T23:30:00Z'); // 00:30 BST
    const [first] = paceSlots({ from, count: 1, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(first?.toISOString()).toBe('2026-06-02T07:00:00.000Z');
  });

  describe('with `after`, a re-plan that appends after the last planned slot', () => {
    const plannedFirst = paceSlots({ from: morning, count: 10, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
    const last = plannedFirst.at(-1) as Date;

    it('keeps the spacing from the last slot, even when asked to start earlier', () => {
      const more = paceSlots({ from: morning, after: last, count: 3, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
      expect(more.map((s) => s.getTime() - last.getTime())).toEqual([1020, 2040, 3060]);
    });

    it('starts at `from` when that is later than one interval after the last slot', () => {
      const later = new Date(last.getTime() + 60_000);
      const [first] = paceSlots({ from: later, after: last, count: 1, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
      expect(first).toEqual(later);
    });

    it('keeps the spacing at a slower rate than the first plan', () => {
      const more = paceSlots({ from: morning, after: last, count: 2, ratePerMinute: 1, policy: DEFAULT_WINDOW, timeZone: LONDON });
      expect(more.map((s) => s.getTime() - last.getTime())).toEqual([61_200, 122_400]);
    });

    it('moves out of quiet hours when the next slot after the last would fall in them', () => {
      const lastBeforeQuiet = new Date('2026-06-01T19:59:59.500Z'); // 20:59:59.5 BST
      const [first] = paceSlots({ from: morning, after: lastBeforeQuiet, count: 1, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
      expect(first?.toISOString()).toBe('2026-06-02T07:00:00.000Z');
    });
  });

  it('plans 50,000 slots at the top rate (and finishes)', () => {
    const slots = paceSlots({ from: morning, count: 50_000, ratePerMinute: MAX_CAMPAIGN_RATE_PER_MINUTE, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(slots).toHaveLength(50_000);
    // 50,000 at 11 ms apart is 550 seconds: all before quiet hours.
    expect(slots.at(-1)?.getTime()).toBe(morning.getTime() + 49_999 * 11);
    expect(Math.min(...gaps(slots))).toBe(11);
  });

  it('plans 50,000 slots at the top rate across quiet hours (and finishes)', () => {
    const from = new Date('2026-06-01T19:55:00Z'); // 20:55 BST: 27,273 go before 21:00 (11 ms apart), the rest from 08:00
    const slots = paceSlots({ from, count: 50_000, ratePerMinute: MAX_CAMPAIGN_RATE_PER_MINUTE, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(slots[27_272]?.toISOString()).toBe('2026-06-01T19:59:59.992Z');
    expect(slots[27_273]?.toISOString()).toBe('2026-06-02T07:00:00.000Z');
    expect(slots.at(-1)?.toISOString()).toBe('2026-06-02T07:04:09.986Z');
  });
});

describe('paceSlots properties', () => {
  const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const policies: fc.Arbitrary<SendWindowPolicy> = fc.record({
    quietHours: fc.oneof(
      fc.constant(DEFAULT_WINDOW.quietHours),
      fc.constant(null),
      // Windows that start or end inside the hour the clocks skip or repeat.
      fc.constantFrom({ start: '00:00', end: '01:30' }, { start: '01:30', end: '02:30' }, { start: '01:00', end: '02:00' }, { start: '23:00', end: '01:15' }),
      fc.record({ start: clock, end: clock }),
    ),
    skipBankHolidays: fc.boolean(),
    region: fc.constantFrom(...BANK_HOLIDAY_REGIONS),
  });
  /** Moments where a shortcut would go wrong: quiet hours starting, bank holidays, the clock changes. */
  const edges = [
    '2026-06-01T19:59:00Z', // 20:59 BST, quiet hours at 21:00
    '2026-12-24T23:58:00Z', // midnight before Christmas Day
    '2026-12-24T20:58:00Z',
    '2027-03-28T00:58:00Z', // clocks go forward at 01:00 GMT
    '2026-10-25T00:58:00Z', // clocks go back at 01:00 GMT (02:00 BST)
    '2026-08-30T22:58:00Z', // 23:58 BST before the summer bank holiday
    '2027-12-26T23:58:00Z', // two substitute days in a row
  ].map((iso) => new Date(iso).getTime());
  const starts = fc.oneof(
    fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })).map(([edge, offset]) => new Date(edge + offset)),
    fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-01T00:00:00Z'), noInvalidDate: true }),
  );
  const rates = fc.oneof(fc.integer({ min: 1, max: MAX_CAMPAIGN_RATE_PER_MINUTE }), fc.constantFrom(1, 7, 60, 600, 6000), fc.double({ min: 0.5, max: 120, noNaN: true }));

  it('no slot is in quiet hours or on a bank holiday; each is the first allowed time one interval after the one before', () => {
    fc.assert(
      fc.property(
        starts,
        fc.option(fc.integer({ min: -7_200_000, max: 600_000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 250 }),
        rates,
        policies,
        fc.constantFrom(LONDON, LONDON, 'Asia/Kolkata', 'America/New_York'),
        (from, afterOffset, count, ratePerMinute, policy, timeZone) => {
          const after = afterOffset === undefined ? undefined : new Date(from.getTime() + afterOffset);
          const slots = paceSlots({ from, ...(after && { after }), count, ratePerMinute, policy, timeZone });
          const interval = campaignIntervalMs(ratePerMinute);
          expect(slots).toHaveLength(count);
          let previous = after?.getTime();
          for (const slot of slots) {
            expect(isInQuietHours(slot, policy.quietHours, timeZone), slot.toISOString()).toBe(false);
            if (policy.skipBankHolidays) expect(bankHolidayCalendar(policy.region)(localDate(slot, timeZone)), slot.toISOString()).toBe(false);
            expect(slot.getTime()).toBeGreaterThanOrEqual(from.getTime());
            if (previous !== undefined) expect(slot.getTime() - previous).toBeGreaterThanOrEqual(interval);
            // Never later than it need be: the shortcut of not checking every slot changes nothing.
            const earliest = previous === undefined ? from.getTime() : Math.max(from.getTime(), previous + slotSpacingMs(ratePerMinute));
            expect(slot).toEqual(nextAllowedTime(new Date(earliest), policy, timeZone));
            previous = slot.getTime();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no minute ever holds more messages than the rate', () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: 2000 }), rates, policies, (from, count, ratePerMinute, policy) => {
        const slots = paceSlots({ from, count, ratePerMinute, policy, timeZone: LONDON });
        expect(busiestMinute(slots)).toBeLessThanOrEqual(Math.ceil(ratePerMinute));
      }),
      { numRuns: 100 },
    );
  });
});

describe('firstFreeSlot', () => {
  const morning = new Date('2026-03-03T09:00:00Z');
  const at = (ms: number) => new Date(morning.getTime() + ms);

  it('takes the asked time when nothing is planned within one spacing of it', () => {
    expect(firstFreeSlot({ from: morning, planned: [at(-5000), at(5000)], ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON })).toEqual(morning);
  });

  it('moves past a run of planned slots to the first gap, never closer than one spacing to any', () => {
    const planned = [at(0), at(1020), at(2040), at(6000)];
    const slot = firstFreeSlot({ from: at(500), planned, ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON });
    expect(slot).toEqual(at(3060));
    for (const other of planned) expect(Math.abs(other.getTime() - slot.getTime())).toBeGreaterThanOrEqual(1020);
  });

  it('waits for quiet hours to end', () => {
    expect(firstFreeSlot({ from: new Date('2026-03-03T22:00:00Z'), planned: [], ratePerMinute: 60, policy: DEFAULT_WINDOW, timeZone: LONDON })).toEqual(
      new Date('2026-03-04T08:00:00Z'),
    );
  });

  it('is at or after the asked time, allowed, and one spacing from every planned slot (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-01T00:00:00Z'), noInvalidDate: true }),
        fc.array(fc.integer({ min: -120_000, max: 600_000 }), { maxLength: 60 }),
        fc.constantFrom(1, 6, 60, 600),
        (from, offsets, ratePerMinute) => {
          const planned = offsets.map((offset) => new Date(from.getTime() + offset));
          const slot = firstFreeSlot({ from, planned, ratePerMinute, policy: DEFAULT_WINDOW, timeZone: LONDON });
          expect(slot.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(nextAllowedTime(slot, DEFAULT_WINDOW, LONDON)).toEqual(slot);
          for (const other of planned) expect(Math.abs(other.getTime() - slot.getTime())).toBeGreaterThanOrEqual(slotSpacingMs(ratePerMinute));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('firstTimeWithRoom', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 2, 4, 12) + ms);
  const second = 1000;

  it('now, when the minutes either side hold fewer than the rate', () => {
    const taken = [at(-50 * second), at(20 * second)];
    expect(firstTimeWithRoom({ from: at(0), taken, ratePerMinute: 3, policy: ANY_TIME, timeZone: LONDON })).toEqual(at(0));
  });

  it('a minute after the earliest of a full minute, when that one has left it', () => {
    // Three a minute, three sent just now: the next goes when the first of them is a minute old.
    const taken = [at(-2 * second), at(-1 * second), at(0)];
    expect(firstTimeWithRoom({ from: at(0), taken, ratePerMinute: 3, policy: ANY_TIME, timeZone: LONDON })).toEqual(at(58 * second));
  });

  it('never into quiet hours', () => {
    const evening = new Date('2026-03-04T20:59:30Z');
    const taken = [evening, new Date(evening.getTime() + 1)];
    expect(firstTimeWithRoom({ from: evening, taken, ratePerMinute: 2, policy: DEFAULT_WINDOW, timeZone: LONDON })).toEqual(new Date('2026-03-05T08:00:00Z'));
  });

  it('wherever it lands, no minute-long window through it holds more than the rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: -120_000, max: 120_000 }), { maxLength: 60 }), (rate, offsets) => {
        const taken = offsets.map((ms) => at(ms));
        const found = firstTimeWithRoom({ from: at(0), taken, ratePerMinute: rate, policy: ANY_TIME, timeZone: LONDON }).getTime();
        expect(found).toBeGreaterThanOrEqual(at(0).getTime());
        expect(roomInMinuteAround(found, offsets.map((ms) => at(ms).getTime()).sort((a, b) => a - b), rate)).toBe(true);
        // Every minute-long window through it (starting at any message at or before it) holds no more than the rate.
        const times = [...offsets.map((ms) => at(ms).getTime()), found].sort((a, b) => a - b);
        for (const start of times.filter((t) => t <= found && t > found - 60_000)) {
          expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(rate);
        }
      }),
    );
  });
});
