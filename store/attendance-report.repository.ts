import { sql } from 'kysely';
import type { CaseloadScope } from '../domain/caseload.js';
import { DNA_REASON_CATEGORIES, type DnaReasonCategory } from '../domain/appointments/dna.types.js';
import { inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';

export type ReasonCounts = Record<DnaReasonCategory, number>;

export interface AttendanceRow {
  participantId: string;
  firstName: string;
  attended: number;
  didNotAttend: number;
  notReached: number;
  reasons: ReasonCounts;
}

export interface AttendanceReport {
  totals: Omit<AttendanceRow, 'participantId' | 'firstName'>;
  participants: AttendanceRow[];
}

const noReasons = (): ReasonCounts => Object.fromEntries(DNA_REASON_CATEGORIES.map((c) => [c, 0])) as ReasonCounts;

/**
 * Non-attendance for a caseload, over appointments that started in [from, to): attended, did not attend, the
 * reasons people gave (from their `dna.reason` events) and follow-ups that ended with nobody reached.
 */
export class AttendanceReportRepository {
  constructor(private readonly db: Executor) {}

  async report(scope: CaseloadScope, from: Date, to: Date): Promise<AttendanceReport> {
    const counts = await sql<{ id: string; first_name: string | null; attended: string; dna: string; not_reached: string }>`
      select participants.id, participants.first_name,
        count(*) filter (where appointments.attendance = 'attended') as attended,
        count(*) filter (where appointments.attendance = 'did_not_attend') as dna,
        count(*) filter (where follow_ups.status = 'not_reached') as not_reached
      from participants
      join appointments on appointments.participant_id = participants.id
      left join follow_ups on follow_ups.appointment_id = appointments.id
      where participants.erased_at is null and ${inCaseload(scope)}
        and appointments.starts_at >= ${from} and appointments.starts_at < ${to}
        and appointments.attendance is not null
      group by participants.id, participants.first_name
      order by participants.first_name, participants.id`.execute(this.db);

    const reasons = await sql<{ participant_id: string; category: string; n: string }>`
      select case_record_events.participant_id, case_record_events.data->>'category' as category, count(*) as n
      from case_record_events
      join appointments on appointments.id = case_record_events.appointment_id
      join participants on participants.id = case_record_events.participant_id
      where case_record_events.type = 'dna.reason' and participants.erased_at is null and ${inCaseload(scope)}
        and appointments.starts_at >= ${from} and appointments.starts_at < ${to}
      group by 1, 2`.execute(this.db);

    const rows = new Map<string, AttendanceRow>();
    for (const r of counts.rows) {
      rows.set(r.id, {
        participantId: r.id,
        firstName: r.first_name ?? '',
        attended: Number(r.attended),
        didNotAttend: Number(r.dna),
        notReached: Number(r.not_reached),
        reasons: noReasons(),
      });
    }
    for (const r of reasons.rows) {
      const row = rows.get(r.participant_id);
      const category = (DNA_REASON_CATEGORIES as readonly string[]).includes(r.category) ? (r.category as DnaReasonCategory) : 'other';
      if (row) row.reasons[category] += Number(r.n);
    }
    const participants = [...rows.values()];
    const totals = { attended: 0, didNotAttend: 0, notReached: 0, reasons: noReasons() };
    for (const row of participants) {
      totals.attended += row.attended;
      totals.didNotAttend += row.didNotAttend;
      totals.notReached += row.notReached;
      for (const category of DNA_REASON_CATEGORIES) totals.reasons[category] += row.reasons[category];
    }
    return { totals, participants };
  }
}
