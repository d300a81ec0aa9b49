/**
 * reminder_scheduling's `baseline`: the same rows and the same delayed jobs written raw, in the same run, on the same
 * PostgreSQL and Redis — what this machine can do when nothing is checked, locked or planned. The appointments and
 * reminders just booked are read back (not timed) and inserted, as multi-row INSERTs of BULK appointments and their
 * reminders a transaction, BULK_IN_FLIGHT at once, into copies of their tables (`LIKE … INCLUDING ALL`: the same
 * columns, defaults and indexes, no triggers or foreign keys); meanwhile their jobs go to a queue of their own with
 * `addBulk` in batches as the real path sends them. Both copies are removed afterwards.
 */
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { AppointmentsTable, RemindersTable } from '../store/schema.js';
import { BASE_JOB_OPTIONS } from '../workers/queues.js';
import { pool, type ReminderFixture } from './reminder-fixture.js';

export interface RawShape {
  bulk: number;
  bulkInFlight: number;
  jobsPerBatch: number;
  jobBatchesInFlight: number;
}

type RawTables = { bench_raw_appointments: AppointmentsTable; bench_raw_reminders: RemindersTable };

/** Seconds to write every booked appointment (warm-up included) raw, and how many that was. */
export async function rawScheduling(fixture: ReminderFixture, shape: RawShape): Promise<{ seconds: number; appointments: number }> {
  const { db, redis, prefix } = fixture;
  await sql`create table bench_raw_appointments (like appointments including all)`.execute(db);
  await sql`create table bench_raw_reminders (like reminders including all)`.execute(db);
  const raw = db.withTables<RawTables>();
  const queue = new Queue('bench-raw-reminder', { connection: redis, prefix, defaultJobOptions: BASE_JOB_OPTIONS });
  try {
    const appointments: Selectable<AppointmentsTable>[] = await db.selectFrom('appointments').selectAll().orderBy('id').execute();
    const reminders: Selectable<RemindersTable>[] = await db.selectFrom('reminders').selectAll().execute();
    const remindersOf = new Map<string, Selectable<RemindersTable>[]>();
    for (const reminder of reminders) {
      const list = remindersOf.get(reminder.appointment_id) ?? [];
      list.push(reminder);
      remindersOf.set(reminder.appointment_id, list);
    }
    const now = Date.now();
    const jobs = reminders.map((r) => ({ name: 'reminder', data: { reminderId: r.id }, opts: { jobId: r.job_id, delay: Math.max(0, (r.send_at?.getTime() ?? now) - now) } }));

    const started = performance.now();
    await Promise.all([
      pool(Math.ceil(appointments.length / shape.bulk), shape.bulkInFlight, async (b) => {
        const batch = appointments.slice(b * shape.bulk, (b + 1) * shape.bulk);
        await raw.transaction().execute(async (tx) => {
          await tx
            .insertInto('bench_raw_appointments')
            .values(batch.map((a) => ({ ...a, reminder_offsets: a.reminder_offsets && JSON.stringify(a.reminder_offsets) })))
            .execute();
          await tx.insertInto('bench_raw_reminders').values(batch.flatMap((a) => remindersOf.get(a.id) ?? [])).execute();
        });
      }),
      pool(Math.ceil(jobs.length / shape.jobsPerBatch), shape.jobBatchesInFlight, async (b) => {
        await queue.addBulk(jobs.slice(b * shape.jobsPerBatch, (b + 1) * shape.jobsPerBatch));
      }),
    ]);
    return { seconds: (performance.now() - started) / 1000, appointments: appointments.length };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await sql`drop table if exists bench_raw_reminders`.execute(db);
    await sql`drop table if exists bench_raw_appointments`.execute(db);
  }
}
