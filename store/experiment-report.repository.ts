import { sql } from 'kysely';
import type { Executor } from './database.js';

/** What happened under one variant of an experiment, counted from the case record. */
export interface VariantCounts {
  variant: string;
  /** People given this variant (assignments). */
  participants: number;
  /** `reminder.sent` events carrying the experiment and this variant. */
  remindersSent: number;
  /** Distinct appointments those reminders were about. */
  appointments: number;
  /** Of those appointments, the ones whose latest attendance event is `appointment.attended`… */
  attended: number;
  /** …or `appointment.did_not_attend`. Appointments with no attendance recorded are in neither. */
  didNotAttend: number;
  /** Reminders after which the person texted (any `message.inbound`) within `RESPONSE_WINDOW_HOURS`. */
  responded: number;
}

/** A reply this long after a reminder still counts as a response to it. */
export const RESPONSE_WINDOW_HOURS = 24;

/**
 * Counts per variant for the experiments report. Everything is read from the case record as it is written —
 * reminders from `reminder.sent` (which says the experiment and variant), attendance from the attendance events,
 * replies from `message.inbound` — so the report agrees with what key workers see on each record.
 */
export class ExperimentReportRepository {
  constructor(private readonly db: Executor) {}

  async countsByVariant(experimentId: string, variants: readonly string[]): Promise<VariantCounts[]> {
    const assigned = await this.db
      .selectFrom('experiment_assignments')
      .select(['variant', sql<string>`count(*)`.as('n')])
      .where('experiment_id', '=', experimentId)
      .groupBy('variant')
      .execute();
    const sent = await sql<{ variant: string; reminders: string; appointments: string; attended: string; did_not_attend: string; responded: string }>`
      with sent as (
        select e.id, e.participant_id, e.appointment_id, e.at, e.data->>'variant' as variant
        from case_record_events e
        where e.type = 'reminder.sent' and e.data ? 'experimentId' and e.data->>'experimentId' = ${experimentId}
      ),
      latest_attendance as (
        select distinct on (a.appointment_id) a.appointment_id, a.type
        from case_record_events a
        where a.type in ('appointment.attended', 'appointment.did_not_attend')
          and a.appointment_id in (select appointment_id from sent)
        order by a.appointment_id, a.id desc
      ),
      per_appointment as (
        select s.variant, s.appointment_id, max(l.type) as outcome
        from sent s left join latest_attendance l on l.appointment_id = s.appointment_id
        group by s.variant, s.appointment_id
      ),
      per_reminder as (
        select s.variant, exists (
          select 1 from case_record_events i
          where i.participant_id = s.participant_id and i.type = 'message.inbound'
            and i.at > s.at and i.at <= s.at + make_interval(hours => ${RESPONSE_WINDOW_HOURS})
        ) as responded
        from sent s
      )
      select v.variant,
        (select count(*) from per_reminder r where r.variant = v.variant) as reminders,
        (select count(*) from per_reminder r where r.variant = v.variant and r.responded) as responded,
        count(p.appointment_id) as appointments,
        count(*) filter (where p.outcome = 'appointment.attended') as attended,
        count(*) filter (where p.outcome = 'appointment.did_not_attend') as did_not_attend
      from (select distinct variant from sent) v
      left join per_appointment p on p.variant = v.variant
      group by v.variant`.execute(this.db);
    const assignedBy = new Map(assigned.map((row) => [row.variant, Number(row.n)]));
    const sentBy = new Map(sent.rows.map((row) => [row.variant, row]));
    return variants.map((variant) => {
      const row = sentBy.get(variant);
      return {
        variant,
        participants: assignedBy.get(variant) ?? 0,
        remindersSent: Number(row?.reminders ?? 0),
        appointments: Number(row?.appointments ?? 0),
        attended: Number(row?.attended ?? 0),
        didNotAttend: Number(row?.did_not_attend ?? 0),
        responded: Number(row?.responded ?? 0),
      };
    });
  }
}
