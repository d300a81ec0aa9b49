import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { ExportRequestError, ExportTeamForbiddenError, type CsvValue } from './csv-export.js';
import { CASE_RECORD_COLUMNS, ExportCaseRecord } from './export-case-record.action.js';

const ZONE = 'Europe/London';

async function collect(rows: AsyncIterable<readonly CsvValue[]>): Promise<Array<Record<string, CsvValue>>> {
  const out: Array<Record<string, CsvValue>> = [];
  for await (const row of rows) out.push(Object.fromEntries(CASE_RECORD_COLUMNS.map((c, i) => [c, row[i] ?? null])));
  return out;
}

describe.each([['postgres'], ['pglite']] as const)('exporting the case record (the action), on %s', (engine) => {
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let priya: StaffIdentity;
  let omar: StaffIdentity;
  const admin: StaffIdentity = { id: randomUUID(), name: 'Admin', role: 'admin', team: null };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await openTestEngine(engine, 'app_export_case_record');
    close = opened.close;
    db = opened.database.db;
    const staff = new StaffRepository(db);
    const make = async (name: string, team: string) =>
      ({ ...(await staff.create({ name, role: 'key_worker', team, tokenLookup: randomUUID(), tokenHash: 'h' })), role: 'key_worker' as const });
    const p = await make('Priya', 'North');
    const o = await make('Omar', 'South');
    priya = { id: p.id, name: p.name, role: 'key_worker', team: 'North' };
    omar = { id: o.id, name: o.name, role: 'key_worker', team: 'South' };
    const people = new ParticipantRepository(db);
    const add = async (firstName: string, phone: string, keyWorker: StaffIdentity, extra: { lastName?: string; externalRef?: string } = {}) =>
      (await people.create({ firstName, phone, channel: 'sms', language: 'en', keyWorkerId: keyWorker.id, team: keyWorker.team, referredAt: null, consentBasis: null, consentAt: null, ...extra })).id;
    ids.ann = await add('Ann', '+447700900750', priya, { lastName: '=HYPERLINK("http://x")', externalRef: 'CRM-1' });
    ids.bo = await add('Bo', '+447700900751', omar);
    const record = new CaseRecordRepository(db);
    const event = (participantId: string, at: string, type: 'message.inbound' | 'appointment.attended', data: Record<string, string>) =>
      record.append({ participantId, type, at: new Date(at), data, sourceKey: randomUUID() });
    await event(ids.ann, '2026-02-28T23:59:59Z', 'message.inbound', { body: 'before the range' });
    await event(ids.ann, '2026-03-01T09:00:00Z', 'message.inbound', { body: '+44 call me' });
    await event(ids.bo, '2026-03-02T09:00:00Z', 'message.inbound', { body: 'Bo says hi' });
    // Summer time: 31 May 23:30 UTC is 1 June in London, after the range.
    await event(ids.ann, '2026-05-31T22:59:59Z', 'appointment.attended', {});
    await event(ids.ann, '2026-05-31T23:30:00Z', 'message.inbound', { body: 'after the range' });
  }, 60_000);
  afterAll(async () => close?.());

  const exporter = (pageSize?: number) => new ExportCaseRecord({ db, timeZone: ZONE, ...(pageSize && { pageSize }) });

  it('a key worker gets their own caseload only, oldest first, local days from and to included', async () => {
    const file = exporter().execute({ staff: priya, from: '2026-03-01', to: '2026-05-31' });
    expect(file.filename).toBe('case-record-caseload-2026-03-01-to-2026-05-31.csv');
    const rows = await collect(file.rows);
    expect(rows.map((r) => [r.first_name, r.event_type, r.at])).toEqual([
      ['Ann', 'message.inbound', '2026-03-01T09:00:00+00:00'],
      ['Ann', 'appointment.attended', '2026-05-31T23:59:59+01:00'],
    ]);
    expect(rows[0]).toMatchObject({
      participant_id: ids.ann,
      external_ref: 'CRM-1',
      last_name: '=HYPERLINK("http://x")',
      key_worker: 'Priya',
      summary: 'Texted us: “+44 call me”',
      data: JSON.stringify({ body: '+44 call me' }),
    });
  });

  it('an admin names a team, or gets everyone; anyone else may name only their own team', async () => {
    const south = await collect(exporter().execute({ staff: admin, team: 'South', from: '2026-03-01', to: '2026-03-31' }).rows);
    expect(south.map((r) => r.first_name)).toEqual(['Bo']);
    const everyone = await collect(exporter().execute({ staff: admin, from: '2026-03-01', to: '2026-03-31' }).rows);
    expect(everyone.map((r) => r.first_name)).toEqual(['Ann', 'Bo']);
    expect(exporter().execute({ staff: omar, team: 'South', from: '2026-03-01', to: '2026-03-31' }).filename).toBe('case-record-south-2026-03-01-to-2026-03-31.csv');
    expect(() => exporter().execute({ staff: omar, team: 'North', from: '2026-03-01', to: '2026-03-31' })).toThrow(ExportTeamForbiddenError);
  });

  it('refuses a range the wrong way round or over a year, naming the field', () => {
    expect(() => exporter().execute({ staff: admin, from: '2026-03-02', to: '2026-03-01' })).toThrow(ExportRequestError);
    try {
      exporter().execute({ staff: admin, from: '2025-01-01', to: '2026-03-01' });
    } catch (error) {
      expect(error).toMatchObject({ field: 'to' });
    }
  });

  it('reads page after page without losing or repeating an event, even many at the same instant', async () => {
    const record = new CaseRecordRepository(db);
    await record.appendMany(
      Array.from({ length: 25 }, (_, i) => ({
        participantId: ids.bo as string,
        type: 'message.status' as const,
        at: new Date('2026-04-01T12:00:00.123Z'),
        data: { n: i },
        sourceKey: randomUUID(),
      })),
    );
    const rows = await collect(exporter(7).execute({ staff: omar, from: '2026-04-01', to: '2026-04-01' }).rows);
    expect(rows.map((r) => JSON.parse(String(r.data)).n)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
