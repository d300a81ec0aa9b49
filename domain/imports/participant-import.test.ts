import { describe, expect, it } from 'vitest';
import {
  cellsByColumn,
  csvDelimiter,
  isBlankRow,
  normaliseHeader,
  readConsent,
  readHeader,
  readParticipantRow,
  readReferralDate,
  SeenInFile,
  type RowProblem,
  type ParticipantColumn,
} from './participant-import.js';

const TODAY = '2026-12-06';
const read = (cells: Partial<Record<ParticipantColumn, string>>) => readParticipantRow({ first_name: 'Sam', phone: '07700 900123', ...cells }, TODAY);
const problemsOf = (cells: Partial<Record<ParticipantColumn, string>>) => {
  const reading = read(cells);
  return reading.ok ? [] : reading.problems;
};

describe('participants CSV headers', () => {
  it.each([
    ['first_name', 'first_name'],
    ['First Name', 'first_name'],
    ['FIRST-NAME', 'first_name'],
    ['  first  name ', 'first_name'],
    ['\uFEFFfirst_name', 'first_name'],
    ['Key Worker Email', 'key_worker_email'],
    ['referred-at', 'referred_at'],
  ])('%j reads as %s', (header, expected) => {
    expect(normaliseHeader(header)).toBe(expected);
  });

  it('names the required columns that are missing, and lists unknown ones without failing', () => {
    expect(readHeader(['First Name', 'Mobile', 'Notes'])).toEqual({ columns: ['first_name', null, null], missing: ['phone'], unknown: ['Mobile', 'Notes'] });
    expect(readHeader(['email']).missing).toEqual(['first_name', 'phone']);
  });

  it('takes the first of two columns with the same name', () => {
    const header = readHeader(['phone', 'first_name', 'Phone']);
    expect(header.columns).toEqual(['phone', 'first_name', null]);
    expect(cellsByColumn(header.columns, ['07700 900001', 'Sam', '07700 900002'])).toEqual({ phone: '07700 900001', first_name: 'Sam' });
  });

  it('gives an empty cell for a row shorter than the header', () => {
    expect(cellsByColumn(['first_name', 'phone'], ['Sam'])).toEqual({ first_name: 'Sam', phone: '' });
  });

  it('knows a blank row', () => {
    expect(isBlankRow(['', '  '])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});

describe('participants CSV rows', () => {
  it('reads a full row, with the phone in E.164 and the email in lower case', () => {
    expect(
      read({ last_name: 'Jones', channel: 'WhatsApp', language: 'CY', consent: 'Yes', referred_at: '03/11/2026', external_ref: 'CRM-1', key_worker_email: 'Priya@Example.org' }),
    ).toEqual({
      ok: true,
      participant: {
        firstName: 'Sam',
        lastName: 'Jones',
        phone: '+447700900123',
        channel: 'whatsapp',
        language: 'cy',
        consent: true,
        referredAt: '2026-11-03',
        externalRef: 'CRM-1',
        keyWorkerEmail: 'priya@example.org',
      },
    });
  });

  it('leaves what is not given undefined, so defaults (or what is stored) apply', () => {
    expect(read({ channel: ' ', language: '' })).toEqual({ ok: true, participant: { firstName: 'Sam', phone: '+447700900123' } });
  });

  it('requires a first name and a mobile number', () => {
    expect(problemsOf({ first_name: ' ' })).toEqual([{ field: 'first_name', message: 'is required' }]);
    expect(problemsOf({ phone: '' })).toEqual([{ field: 'phone', message: 'is required' }]);
    expect(problemsOf({ phone: '01632 960001' }).map((p) => p.field)).toEqual(['phone']);
    expect(problemsOf({ phone: 'call me' }).map((p) => p.field)).toEqual(['phone']);
  });

  it('accepts UK national and E.164 numbers alike', () => {
    for (const phone of ['07700900123', '+44 7700 900123', '+447700900123', '(07700) 900-123']) {
      expect(read({ phone })).toMatchObject({ ok: true, participant: { phone: '+447700900123' } });
    }
  });

  it('lists every problem of a row, each with its field', () => {
    expect(problemsOf({ channel: 'email', language: 'fr', consent: 'maybe', referred_at: '31/02/2026', key_worker_email: 'priya' }).map((p) => p.field)).toEqual([
      'channel',
      'language',
      'consent',
      'referred_at',
      'key_worker_email',
    ]);
  });

  it('keeps a formula-looking name as the text it is', () => {
    expect(read({ first_name: '=HYPERLINK("http://x","y")', last_name: '@SUM(A1)' })).toMatchObject({
      ok: true,
      participant: { firstName: '=HYPERLINK("http://x","y")', lastName: '@SUM(A1)' },
    });
    expect(read({ first_name: '-Sam', external_ref: '+1' })).toMatchObject({ ok: true, participant: { firstName: '-Sam', externalRef: '+1' } });
  });

  it('refuses control characters and over-long text', () => {
    expect(problemsOf({ first_name: 'Sam\u0007' })).toEqual([{ field: 'first_name', message: 'must not contain control characters' }]);
    expect(problemsOf({ last_name: 'x'.repeat(61) })).toEqual([{ field: 'last_name', message: 'is longer than 60 characters' }]);
    expect(problemsOf({ external_ref: 'x'.repeat(101) })).toEqual([{ field: 'external_ref', message: 'is longer than 100 characters' }]);
  });

  it('refuses a referral date after today', () => {
    expect(problemsOf({ referred_at: '2026-12-07' })).toEqual([{ field: 'referred_at', message: 'is in the future' }]);
    expect(problemsOf({ referred_at: '06/12/2026' })).toEqual([]);
  });
});

describe('consent', () => {
  it.each([
    ['yes', true],
    ['YES', true],
    ['y', true],
    ['No', false],
    ['n', false],
  ])('%s is %s', (cell, expected) => {
    expect(readConsent(cell)).toBe(expected);
  });

  it('is never guessed from anything else', () => {
    for (const cell of ['true', '1', 'agreed', 'x']) {
      const problems: RowProblem[] = [];
      expect(readConsent(cell, problems)).toBeUndefined();
      expect(problems).toEqual([{ field: 'consent', message: 'must be yes or no' }]);
    }
  });
});

describe('referral dates', () => {
  it.each([
    ['2026-03-29', '2026-03-29'],
    ['29/03/2026', '2026-03-29'],
    ['1/2/2026', '2026-02-01'],
    [' 2024-02-29 ', '2024-02-29'],
  ])('%j is %s', (cell, expected) => {
    expect(readReferralDate(cell)).toBe(expected);
  });

  it.each(['2026-02-29', '29/02/2026', '03/29/2026', '2026/03/29', '29-03-2026', '29/03/26', 'yesterday'])('%j is not a date', (cell) => {
    expect(readReferralDate(cell)).toBeNull();
  });
});

describe('external_ref and phone within one file', () => {
  it('rejects the later row that repeats an external_ref or a phone', () => {
    const seen = new SeenInFile();
    expect(seen.check({ firstName: 'A', phone: '+447700900001', externalRef: 'CRM-1' })).toBeUndefined();
    expect(seen.check({ firstName: 'B', phone: '+447700900002', externalRef: 'CRM-1' })).toEqual({ field: 'external_ref', message: 'appears on an earlier row of this file' });
    expect(seen.check({ firstName: 'C', phone: '+447700900001', externalRef: 'CRM-3' })).toEqual({ field: 'phone', message: 'appears on an earlier row of this file' });
    expect(seen.check({ firstName: 'D', phone: '+447700900004' })).toBeUndefined();
    // CRM ids are compared exactly, as the database's unique index compares them.
    expect(seen.check({ firstName: 'E', phone: '+447700900005', externalRef: 'crm-1' })).toBeUndefined();
  });
});

describe('separators', () => {
  it('reads the separator from the header row', () => {
    expect(csvDelimiter('first_name,phone\r\nA;B,1')).toBe(',');
    expect(csvDelimiter('first_name;phone;notes\nSam;07700 900123;a, b')).toBe(';');
    expect(csvDelimiter('first_name')).toBe(',');
  });
});
