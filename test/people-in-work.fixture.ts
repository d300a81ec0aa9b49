import { sql } from 'kysely';
import { localCalendarDate } from '../domain/time/calendar-date.js';
import type { Db } from '../store/database.js';

/**
 * Many people in work at once, written straight to the case record (the API path is not what the callers measure):
 * each with consent, a job that started today and a number from Ofcom's drama range from `firstNumber` up
 * (447700900000 is +44 7700 900000), or, with `phones: 'none'`, a stand-in that can never be a number.
 */
export async function insertPeopleInWork(
  db: Db,
  options: { keyWorkerId: string; team: string; count: number; firstNumber?: number; phones?: 'drama' | 'none'; namePrefix?: string },
): Promise<void> {
  const today = localCalendarDate(new Date(), 'Europe/London');
  const first = options.firstNumber ?? 447700900000;
  if (options.phones !== 'none' && first + options.count - 1 > 447700900999) throw new RangeError('the drama range has 1,000 numbers');
  const phone = options.phones === 'none' ? sql`'no-phone-' || n` : sql`'+' || (${first}::bigint + n)::text`;
  await sql`
    with people as (
      insert into participants (first_name, phone, channel, key_worker_id, team, consent_contact, consent_basis, consent_at, in_work_since)
      select ${options.namePrefix ?? 'P'} || n, ${phone}, 'sms', ${options.keyWorkerId}::uuid, ${options.team}, true, 'test', now(), ${today}::date
      from generate_series(0, ${options.count - 1}) as n
      returning id
    )
    insert into job_starts (participant_id, start_date) select id, ${today}::date from people`.execute(db);
}
