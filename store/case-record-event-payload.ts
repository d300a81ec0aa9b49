import type { JsonObject } from '../domain/case-record/case-record.types.js';

/**
 * One case-record event as the programme's CRM sees it, pushed or pulled (CONTRACT.md "The programme's own CRM").
 * Built from the row when it is sent, so anything erasure or retention removed since is not in it.
 */
export interface CaseRecordEventPayload {
  id: string;
  type: string;
  at: string;
  participantId: string;
  appointmentId?: string;
  data: JsonObject;
}

export interface CaseRecordEventColumns {
  id: string;
  type: string;
  at: Date;
  participant_id: string;
  appointment_id: string | null;
  data: JsonObject;
}

export function toCaseRecordEventPayload(row: CaseRecordEventColumns): CaseRecordEventPayload {
  return {
    id: String(row.id),
    type: row.type,
    at: new Date(row.at).toISOString(),
    participantId: row.participant_id,
    ...(row.appointment_id !== null && { appointmentId: row.appointment_id }),
    data: row.data,
  };
}
