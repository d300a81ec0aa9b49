import { sql } from 'kysely';
import type { CaseloadScope } from '../domain/caseload.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import { inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';

/** Whose records an export covers: a caseload, and within it one team when one is named. */
export interface ExportScope {
  caseload: CaseloadScope;
  team?: string | undefined;
}

export interface ExportedEvent {
  id: string;
  participantId: string;
  externalRef: string | null;
  firstName: string | null;
  lastName: string | null;
  keyWorkerName: string | null;
  type: string;
  at: Date;
  appointmentId: string | null;
  data: JsonObject;
}

/** Where the next page starts: the last event's time exactly as stored (microseconds and all) and its id. */
export interface EventCursor {
  at: string;
  id: string;
}

export function inExportScope(scope: ExportScope) {
  return scope.team === undefined ? inCaseload(scope.caseload) : sql<boolean>`(${inCaseload(scope.caseload)} and participants.team = ${scope.team})`;
}

/** Case-record events of a caseload in [from, to), oldest first, a page at a time (events_by_time). */
export class CaseRecordExportRepository {
  constructor(private readonly db: Executor) {}

  async page(scope: ExportScope, from: Date, to: Date, after: EventCursor | null, limit: number): Promise<{ events: ExportedEvent[]; next: EventCursor | null }> {
    const result = await sql<{
      id: string;
      at_text: string;
      at: Date;
      participant_id: string;
      external_ref: string | null;
      first_name: string | null;
      last_name: string | null;
      key_worker_name: string | null;
      type: string;
      appointment_id: string | null;
      data: JsonObject;
    }>`
      select case_record_events.id, case_record_events.at::text as at_text, case_record_events.at,
        case_record_events.participant_id, participants.external_ref, participants.first_name, participants.last_name,
        staff.name as key_worker_name, case_record_events.type, case_record_events.appointment_id, case_record_events.data
      from case_record_events
      join participants on participants.id = case_record_events.participant_id
      left join staff on staff.id = participants.key_worker_id
      where case_record_events.at >= ${from} and case_record_events.at < ${to}
        and participants.erased_at is null and ${inExportScope(scope)}
        ${after ? sql`and (case_record_events.at, case_record_events.id) > (${after.at}::timestamptz, ${after.id}::bigint)` : sql``}
      order by case_record_events.at, case_record_events.id
      limit ${limit}`.execute(this.db);
    const last = result.rows.at(-1);
    return {
      events: result.rows.map((r) => ({
        id: String(r.id),
        participantId: r.participant_id,
        externalRef: r.external_ref,
        firstName: r.first_name,
        lastName: r.last_name,
        keyWorkerName: r.key_worker_name,
        type: r.type,
        at: new Date(r.at),
        appointmentId: r.appointment_id,
        data: r.data,
      })),
      next: last && result.rows.length === limit ? { at: last.at_text, id: String(last.id) } : null,
    };
  }
}
