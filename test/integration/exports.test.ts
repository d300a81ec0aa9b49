/**
 * GET /api/exports/case-record.csv and /api/exports/outcomes.csv through the real API on PostgreSQL: the content,
 * who sees whose rows (another caseload's never appear), formula-safe cells, Excel's byte-order mark, and 400s that
 * name the field. Phones: +447700900770–779.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import { ADMIN_TOKEN, TestApp } from '../test-app.js';

const CASELOAD = [
  'first_name,last_name,phone,consent,external_ref',
  'Ann,"=HYPERLINK(""http://evil.example"",""x"")",07700 900770,no,CRM-770',
  'Siân,@Jones,07700 900771,no,CRM-771',
].join('\n');

describe('CSV exports', () => {
  let app: TestApp;
  let priya: { id: string; token: string };
  let omar: { id: string; token: string };
  let omarsPerson: { id: string };
  const today = localCalendarDate(new Date(), 'Europe/London');

  const download = async (path: string, token: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { response, bytes, text: bytes.toString('utf8') };
  };
  const rowsOf = (bytes: Buffer) => parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;

  beforeAll(async () => {
    app = await TestApp.start();
    priya = await app.createStaff('key_worker', 'Priya', 'Leeds');
    omar = await app.createStaff('key_worker', 'Omar', 'Leeds');
    const imported = await fetch(`${app.url}/api/participants/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${priya.token}`, 'Content-Type': 'text/csv' },
      body: CASELOAD,
    });
    expect(imported.status).toBe(200);
    omarsPerson = await app.createParticipant('+447700900772', omar.token, { firstName: 'Omarsperson' });
    await app.createStaff('key_worker', 'Sue', 'York');
  }, 60_000);
  afterAll(async () => app?.close());

  it('the case record: a key worker gets one row per event of their own caseload, formula-safe, with a BOM for Excel', async () => {
    const { response, bytes, text } = await download(`/api/exports/case-record.csv?from=${today}&to=${today}`, priya.token);
    expect(response.status, text).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="case-record-caseload-${today}-to-${today}.csv"`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).split('\r\n')[0]).toBe('event_id,participant_id,external_ref,first_name,last_name,key_worker,event_type,at,appointment_id,summary,data');
    const rows = rowsOf(bytes);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.external_ref))).toEqual(new Set(['CRM-770', 'CRM-771']));
    expect(rows.every((r) => r.key_worker === 'Priya' && (r.at ?? '').startsWith(today) && /[+-]\d\d:\d\d$/.test(r.at ?? ''))).toBe(true);
    const ann = rows.find((r) => r.external_ref === 'CRM-770');
    expect(ann).toMatchObject({ first_name: 'Ann', last_name: `'=HYPERLINK("http://evil.example","x")`, event_type: 'participant.created' });
    expect(rows.find((r) => r.external_ref === 'CRM-771')).toMatchObject({ first_name: 'Siân', last_name: "'@Jones" });
    // Another caseload's rows never appear, not even its id.
    expect(text).not.toContain(omarsPerson.id);
    expect(text).not.toContain('Omarsperson');
  });

  it('an admin names a team or gets everyone; a key worker naming another team is refused', async () => {
    const leeds = rowsOf((await download(`/api/exports/case-record.csv?from=${today}&to=${today}&team=Leeds`, ADMIN_TOKEN)).bytes);
    expect(new Set(leeds.map((r) => r.first_name))).toEqual(new Set(['Ann', 'Siân', 'Omarsperson']));
    const york = await download(`/api/exports/case-record.csv?from=${today}&to=${today}&team=York`, ADMIN_TOKEN);
    expect(york.response.status).toBe(200);
    expect(rowsOf(york.bytes)).toEqual([]);
    const refused = await download(`/api/exports/outcomes.csv?from=${today}&to=${today}&team=York`, priya.token);
    expect(refused.response.status).toBe(403);
    // Their own team, but still only their own caseload in it.
    const own = rowsOf((await download(`/api/exports/case-record.csv?from=${today}&to=${today}&team=Leeds`, omar.token)).bytes);
    expect(new Set(own.map((r) => r.first_name))).toEqual(new Set(['Omarsperson']));
  });

  it('the outcomes report: one row per person in the caseload, with attendance and in-work columns', async () => {
    const { response, bytes } = await download(`/api/exports/outcomes.csv?from=${today}&to=${today}&bom=false`, priya.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="outcomes-caseload-${today}-to-${today}.csv"`);
    expect(bytes[0]).toBe('p'.charCodeAt(0));
    const rows = rowsOf(bytes);
    expect(rows.map((r) => [r.first_name, r.last_name, r.attended, r.did_not_attend, r.in_work_13_weeks]).sort()).toEqual([
      ['Ann', `'=HYPERLINK("http://evil.example","x")`, '0', '0', ''],
      ['Siân', "'@Jones", '0', '0', ''],
    ]);
  });

  it('bad dates, from after to, or over a year: 400 naming the field', async () => {
    const problem = async (query: string) => {
      const { response, text } = await download(`/api/exports/case-record.csv?${query}`, priya.token);
      expect(response.status, text).toBe(400);
      return (JSON.parse(text) as { error: { details: { fields: Array<{ path: string }> } } }).error.details.fields.map((f) => f.path);
    };
    expect(await problem('from=2026-13-01&to=2026-12-01')).toEqual(['from']);
    expect(await problem('from=2026-03-02&to=2026-03-01')).toEqual(['from']);
    expect(await problem('from=2025-01-01&to=2026-03-01')).toEqual(['to']);
    expect(await problem('to=2026-03-01')).toEqual(['from']);
  });

  it('is described in the OpenAPI document as a text/csv download', async () => {
    const document = (await app.api<{ paths: Record<string, { get: { parameters: Array<{ name: string }>; responses: Record<string, { content?: Record<string, unknown> }> } }> }>('GET', '/api/openapi.json')).body;
    for (const path of ['/api/exports/case-record.csv', '/api/exports/outcomes.csv']) {
      const get = document.paths[path]?.get;
      expect(Object.keys(get?.responses['200']?.content ?? {})).toEqual(['text/csv']);
      expect(get?.parameters.map((p) => p.name)).toEqual(['from', 'to', 'team', 'bom']);
    }
  });

  it('the participant and the caseload list show the last name and the CRM reference', async () => {
    const list = await app.api<Array<{ id: string; lastName: string | null; externalRef: string | null }>>('GET', '/api/caseload', undefined, priya.token);
    const sian = list.body.find((p) => p.externalRef === 'CRM-771');
    expect(sian).toMatchObject({ lastName: '@Jones', externalRef: 'CRM-771' });
    const one = await app.api<{ lastName: string | null; externalRef: string | null }>('GET', `/api/participants/${sian?.id}`, undefined, priya.token);
    expect(one.body).toMatchObject({ lastName: '@Jones', externalRef: 'CRM-771' });
    const all = await app.api<Array<{ externalRef: string | null }>>('GET', '/api/participants', undefined, priya.token);
    expect(all.body.map((p) => p.externalRef).sort()).toEqual(['CRM-770', 'CRM-771']);
  });
});
