/**
 * What the reminder benchmarks share: a PostgreSQL database of their own with a team whose policy allows any
 * hour (no quiet hours, no bank-holiday skipping), a staff member, 1,000 participants, and a BullMQ prefix of
 * their own in Redis. Appointments are booked exactly as `POST /api/participants/:id/appointments` books them.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../domain/config.schema.js';
import type { ScheduleResult } from '../app/appointments/appointment-schedule.js';
import { bookAppointment, bookAppointments } from '../app/appointments/book-appointment.action.js';
import { migrateToLatest, openDatabase, type CaseRecordDatabase, type Db } from '../store/database.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import type { ReminderRow } from '../store/schema.js';
import { StaffRepository } from '../store/staff.repository.js';
import { TeamPolicyRepository } from '../store/team-policy.repository.js';
import { createTestDatabase } from '../test/test-database.js';
import { JobQueues } from '../workers/queues.js';
import { progress } from './bench-result.js';
import { deleteKeysWithPrefix } from './redis-cleanup.js';

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
export const BENCH_TEAM = 'BenchReminders';
/** Ofcom's drama range: 07700 900000–900999, 1,000 numbers. */
export const PHONES = Array.from({ length: 1000 }, (_, i) => `+447700900${String(i).padStart(3, '0')}`);
/** The pg pool of one process (openDatabase's default). */
export const POOL_SIZE = 10;

export interface ReminderFixture {
  database: CaseRecordDatabase;
  db: Db;
  config: Config;
  /** The environment the workers role is started with: the same database, Redis and prefix; sandbox mode. */
  workersEnv: Record<string, string>;
  prefix: string;
  redis: Redis;
  queues: JobQueues;
  staffId: string;
  participantIds: string[];
  close(): Promise<void>;
}

export async function createReminderFixture(): Promise<ReminderFixture> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => progress(`cleanup failed: ${String(error)}`));
    cleanups.length = 0;
  };
  try {
    const created = await createTestDatabase('bench_reminders');
    cleanups.unshift(created.drop);
    const prefix = `bench${randomBytes(5).toString('hex')}`;
    const configEnv: Record<string, string> = {
      DATABASE_URL: created.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: `/tmp/engagement-bot-bench-${randomBytes(4).toString('hex')}`,
      PORT: '0',
      HOST: '127.0.0.1',
    };
    const config = loadConfig({ ...configEnv, LOG_LEVEL: 'silent' });
    if (!config.sandbox) throw new Error('the reminder benchmarks must run in sandbox mode');

    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    cleanups.unshift(async () => {
      const deleted = await deleteKeysWithPrefix(redis, prefix);
      progress(`deleted ${deleted} Redis keys under ${prefix}:`);
      redis.disconnect();
    });
    const queues = new JobQueues(redis, prefix);
    cleanups.unshift(() => queues.close());

    const database = await openDatabase({ databaseUrl: created.url, poolSize: POOL_SIZE });
    cleanups.unshift(() => database.close());
    const { db } = database;
    await migrateToLatest(db);

    const staff = await new StaffRepository(db).create({
      name: 'Bench Scheduler',
      role: 'admin',
      team: BENCH_TEAM,
      tokenLookup: `bench-${randomBytes(8).toString('hex')}`,
      tokenHash: 'not-a-token',
    });
    // Any hour is allowed, so reminders go at their due time whatever the time of the run.
    await new TeamPolicyRepository(db).put(
      BENCH_TEAM,
      { defaultOffsets: ['P2D', 'PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 },
      staff.id,
    );
    const participantIds = new Array<string>(PHONES.length);
    const participants = new ParticipantRepository(db);
    await pool(PHONES.length, POOL_SIZE, async (i) => {
      const row = await participants.create({
        firstName: `Bench${i}`,
        phone: PHONES[i] as string,
        channel: 'sms',
        language: 'en',
        keyWorkerId: null,
        team: BENCH_TEAM,
        referredAt: null,
        consentBasis: 'bench',
        consentAt: new Date(),
      });
      participantIds[i] = row.id;
    });

    const workersEnv: Record<string, string> = {
      ...configEnv,
      LOG_LEVEL: 'warn',
      ...(process.env.PATH && { PATH: process.env.PATH }),
      ...(process.env.TZ && { TZ: process.env.TZ }),
    };
    progress(`reminders: PostgreSQL ${created.url.replace(/^.*\//, '')}, Redis ${REDIS_URL} prefix ${prefix}, ${participantIds.length} participants`);
    return { database, db, config, workersEnv, prefix, redis, queues, staffId: staff.id, participantIds, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Booking {
  participantId: string;
  title: string;
  startsAt: Date;
  reminderOffsets: string[];
}

/** One booking, as the API handler makes it: find and lock the participant, then book, in one transaction. */
export async function book(db: Db, fixture: ReminderFixture, booking: Booking): Promise<ScheduleResult> {
  return db.transaction().execute(async (tx) => {
    const participants = new ParticipantRepository(tx);
    const participant = await participants.findById(booking.participantId);
    if (!participant) throw new Error(`no participant ${booking.participantId}`);
    await participants.lockForUpdate(participant.id);
    return bookAppointment(tx, schedulingContext(fixture), participant, {
      title: booking.title,
      location: 'Job centre, Bench Street',
      startsAt: booking.startsAt,
      mandatory: false,
      reminderOffsets: booking.reminderOffsets,
    });
  });
}

/** Many bookings in one transaction, as `POST /api/appointments/bulk` makes them (participants locked together). */
export async function bookBatch(db: Db, fixture: ReminderFixture, bookings: readonly Booking[]): Promise<ScheduleResult[]> {
  return db.transaction().execute(async (tx) => {
    const locked = await new ParticipantRepository(tx).lockManyInCaseload(
      bookings.map((b) => b.participantId),
      { kind: 'all' },
    );
    const byId = new Map(locked.map((p) => [p.id, p]));
    return bookAppointments(
      tx,
      schedulingContext(fixture),
      bookings.map((booking) => {
        const participant = byId.get(booking.participantId);
        if (!participant) throw new Error(`no participant ${booking.participantId}`);
        return {
          participant,
          input: {
            title: booking.title,
            location: 'Job centre, Bench Street',
            startsAt: booking.startsAt,
            mandatory: false,
            reminderOffsets: booking.reminderOffsets,
          },
        };
      }),
    );
  });
}

/**
 * Collects the scheduled reminders of committed bookings and adds their delayed jobs with `enqueueReminders`
 * (one addBulk) per `batchSize`, at most `maxInFlight` batches at once; callers wait when that many are out.
 */
export class ReminderBatcher {
  private pending: Array<{ id: string; jobId: string; sendAt: Date }> = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  /** Sum of the addBulk calls' durations (they overlap when maxInFlight > 1). */
  busyMs = 0;
  batches = 0;
  jobs = 0;

  constructor(
    private readonly queues: JobQueues,
    private readonly batchSize: number,
    private readonly maxInFlight: number,
  ) {}

  async add(reminders: readonly ReminderRow[]): Promise<void> {
    for (const r of reminders) {
      if (r.status === 'scheduled' && r.send_at) this.pending.push({ id: r.id, jobId: r.job_id, sendAt: r.send_at });
    }
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    const started = performance.now();
    const sending: Promise<void> = this.queues
      .enqueueReminders(batch, new Date())
      .then(
        () => {
          this.busyMs += performance.now() - started;
          this.batches++;
          this.jobs += batch.length;
        },
        (error: unknown) => {
          this.failure ??= error;
        },
      )
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  async drain(): Promise<void> {
    await this.flush();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }
}

/** Runs `task(i)` for i in [0, count) with `concurrency` callers at once, until done or `deadline` (ms epoch); returns how many ran. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>, deadline = Infinity): Promise<number> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && Date.now() < deadline) {
        await task(next++);
        done++;
      }
    }),
  );
  return done;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

function schedulingContext(fixture: ReminderFixture) {
  return { now: new Date(), timeZone: fixture.config.PROGRAMME_TIMEZONE, programmeName: fixture.config.PROGRAMME_NAME, staffId: fixture.staffId };
}
