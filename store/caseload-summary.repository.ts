import { sql } from 'kysely';
import type { CaseloadScope } from '../domain/caseload.js';
import { inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';

/** One row of the dashboard's caseload list: who, what is next, what came back, what needs the key worker. */
export interface CaseloadEntry {
  id: string;
  firstName: string;
  lastName: string | null;
  externalRef: string | null;
  phone: string;
  channel: 'sms' | 'whatsapp';
  team: string | null;
  keyWorkerId: string | null;
  keyWorkerName: string | null;
  optedOut: boolean;
  wrongNumber: boolean;
  inWorkSince: string | null;
  nextAppointment: { id: string; title: string; startsAt: Date; location: string | null; mandatory: boolean } | null;
  lastReply: { at: Date; body: string | null } | null;
  openAlerts: number;
  urgentAlerts: number;
}

export interface CaseloadFilter {
  /** Part of a first name or phone number, any case. */
  search?: string;
  show?: 'all' | 'alerts' | 'opted_out' | 'in_work' | 'no_appointment';
  sort?: 'attention' | 'name' | 'next_appointment';
  limit: number;
}

/**
 * The caseload with each person's next appointment, last reply and open alerts, in one query (lateral joins use
 * the per-participant indexes), so a list of a hundred people is one round trip.
 */
export class CaseloadSummaryRepository {
  constructor(private readonly db: Executor) {}

  async list(scope: CaseloadScope, filter: CaseloadFilter, now: Date): Promise<CaseloadEntry[]> {
    let query = this.db
      .selectFrom('participants')
      .leftJoin('staff', 'staff.id', 'participants.key_worker_id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('appointments')
            .select(['appointments.id', 'appointments.title', 'appointments.starts_at', 'appointments.location', 'appointments.mandatory'])
            .whereRef('appointments.participant_id', '=', 'participants.id')
            .where('appointments.status', '=', 'scheduled')
            .where('appointments.starts_at', '>', now)
            .orderBy('appointments.starts_at')
            .limit(1)
            .as('next'),
        (join) => join.onTrue(),
      )
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('messages')
            .select(['messages.created_at', 'messages.body'])
            .whereRef('messages.participant_id', '=', 'participants.id')
            .where('messages.direction', '=', 'inbound')
            .orderBy('messages.seq', 'desc')
            .limit(1)
            .as('reply'),
        (join) => join.onTrue(),
      )
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('alerts')
            .select([
              sql<string>`count(*)`.as('open'),
              sql<string>`count(*) filter (where alerts.priority = 'urgent')`.as('urgent'),
            ])
            .whereRef('alerts.participant_id', '=', 'participants.id')
            .where('alerts.status', '=', 'open')
            .as('open_alerts'),
        (join) => join.onTrue(),
      )
      .select([
        'participants.id',
        'participants.first_name',
        'participants.last_name',
        'participants.external_ref',
        'participants.phone',
        'participants.channel',
        'participants.team',
        'participants.key_worker_id',
        'staff.name as key_worker_name',
        'participants.opted_out',
        sql<boolean>`participants.wrong_number_at is not null`.as('wrong_number'),
        sql<string | null>`to_char(participants.in_work_since, 'YYYY-MM-DD')`.as('in_work_since'),
        'next.id as next_id',
        'next.title as next_title',
        'next.starts_at as next_starts_at',
        'next.location as next_location',
        'next.mandatory as next_mandatory',
        'reply.created_at as reply_at',
        'reply.body as reply_body',
        'open_alerts.open',
        'open_alerts.urgent',
      ])
      .where('participants.erased_at', 'is', null)
      .where(inCaseload(scope));

    const search = filter.search?.trim();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const digits = search.replace(/\D/g, '');
      query = query.where((eb) =>
        eb.or([
          eb('participants.first_name', 'ilike', pattern),
          ...(digits.length >= 3 ? [eb('participants.phone', 'like', `%${digits.replace(/^0/, '')}%`)] : []),
        ]),
      );
    }
    switch (filter.show ?? 'all') {
      case 'alerts':
        query = query.where(sql<boolean>`open_alerts.open > 0`);
        break;
      case 'opted_out':
        query = query.where('participants.opted_out', '=', true);
        break;
      case 'in_work':
        query = query.where('participants.in_work_since', 'is not', null);
        break;
      case 'no_appointment':
        query = query.where('next.id', 'is', null);
        break;
      case 'all':
        break;
    }
    switch (filter.sort ?? 'attention') {
      case 'attention':
        query = query
          .orderBy(sql`open_alerts.urgent`, 'desc')
          .orderBy(sql`open_alerts.open`, 'desc')
          .orderBy(sql`next.starts_at asc nulls last`);
        break;
      case 'next_appointment':
        query = query.orderBy(sql`next.starts_at asc nulls last`);
        break;
      case 'name':
        break;
    }
    const rows = await query.orderBy('participants.first_name').orderBy('participants.id').limit(filter.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      firstName: r.first_name ?? '',
      lastName: r.last_name,
      externalRef: r.external_ref,
      phone: r.phone ?? '',
      channel: r.channel,
      team: r.team,
      keyWorkerId: r.key_worker_id,
      keyWorkerName: r.key_worker_name,
      optedOut: r.opted_out,
      wrongNumber: r.wrong_number,
      inWorkSince: r.in_work_since,
      nextAppointment:
        r.next_id && r.next_starts_at
          ? {
              id: r.next_id,
              title: r.next_title ?? '',
              startsAt: new Date(r.next_starts_at),
              location: r.next_location ?? null,
              mandatory: r.next_mandatory ?? false,
            }
          : null,
      lastReply: r.reply_at ? { at: new Date(r.reply_at), body: r.reply_body ?? null } : null,
      openAlerts: Number(r.open ?? 0),
      urgentAlerts: Number(r.urgent ?? 0),
    }));
  }
}
