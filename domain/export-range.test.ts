import { describe, expect, it } from 'vitest';
import { exportRange, localIsoDateTime } from './export-range.js';

const ZONE = 'Europe/London';

describe('an export range', () => {
  it('is the local days from and to, both included, across a change of the clocks', () => {
    const result = exportRange('2026-03-28', '2026-03-29', ZONE);
    expect(result).toEqual({
      ok: true,
      range: { from: '2026-03-28', to: '2026-03-29', start: new Date('2026-03-28T00:00:00Z'), end: new Date('2026-03-29T23:00:00Z') },
    });
  });

  it('names the field that is wrong', () => {
    expect(exportRange('2026-02-30', '2026-03-01', ZONE)).toMatchObject({ ok: false, field: 'from' });
    expect(exportRange('2026-03-01', 'yesterday', ZONE)).toMatchObject({ ok: false, field: 'to' });
    expect(exportRange('2026-03-02', '2026-03-01', ZONE)).toMatchObject({ ok: false, field: 'from', message: 'must be on or before to' });
  });

  it('allows a leap year and a day, and no more', () => {
    expect(exportRange('2028-01-01', '2028-12-31', ZONE).ok).toBe(true);
    expect(exportRange('2027-01-01', '2028-01-01', ZONE).ok).toBe(true);
    expect(exportRange('2027-01-01', '2028-01-02', ZONE)).toMatchObject({ ok: false, field: 'to' });
  });
});

describe('a local ISO time', () => {
  it('carries the offset of that moment in the zone', () => {
    expect(localIsoDateTime(new Date('2026-07-01T09:30:05Z'), ZONE)).toBe('2026-07-01T10:30:05+01:00');
    expect(localIsoDateTime(new Date('2026-12-01T09:30:05Z'), ZONE)).toBe('2026-12-01T09:30:05+00:00');
  });
});
