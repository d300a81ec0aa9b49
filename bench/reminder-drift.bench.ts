/**
 * reminder_drift: with the workers role running in its own process (sandbox mode) and the 200,000 far-off
 * reminder jobs of reminder_scheduling still delayed in Redis, 500 appointments are booked whose PT2H reminders
 * fall due one every 20 ms over the next 10 s (after a 4 s lead). For each reminder: hand-off time − due time,
 * where the hand-off is the moment its outbound message's send job entered the outbound queue (the sender's
 * input), read from the id of the queue's `waiting` event (Redis server time, ms). The reminder job's `active`
 * event splits that into BullMQ's part (due → picked up) and FireReminder's (checks, message row, commit,
 * enqueue). reminders.sent_at (taken inside the firing transaction) is shown too.
 */
import type { Redis } from 'ioredis';
import { sendJobId } from '../domain/job-keys.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { POOL_SIZE, ReminderBatcher, book, percentile, pool, sleep, type ReminderFixture } from './reminder-fixture.js';

const BENCH = 'reminder_drift';
const REMINDERS = 500;
const SPREAD_MS = 10_000;
const LEAD_MS = 4_000;
const TWO_HOURS_MS = 2 * 3_600_000;
/** How long after the last due time we wait for stragglers. */
const GRACE_MS = 20_000;

/** First event of `event` per job id in a queue's event stream since `sinceMs`: the ms part of the entry id. */
async function eventTimes(redis: Redis, key: string, event: string, sinceMs: number): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  const entries = await redis.xrange(key, String(sinceMs), '+');
  for (const [id, fields] of entries) {
    const data = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) data.set(fields[i] as string, fields[i + 1] as string);
    const jobId = data.get('jobId');
    if (data.get('event') !== event || !jobId || times.has(jobId)) continue;
    times.set(jobId, Number(id.split('-')[0]));
  }
  return times;
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return `${label}: none`;
  return `${label}: p50 ${round(percentile(sorted, 50))} ms, p99 ${round(percentile(sorted, 99))} ms, max ${round(sorted[sorted.length - 1] as number)} ms (n=${sorted.length})`;
}

export async function measureDrift(fixture: ReminderFixture): Promise<BenchResult[]> {
  const { db, participantIds, queues, redis, prefix } = fixture;
  if (participantIds.length < REMINDERS) throw new Error('one reminder per participant (the daily cap) needs more participants');
  const step = SPREAD_MS / REMINDERS;
  const startedAt = Date.now();
  const firstDue = startedAt + LEAD_MS;
  const lastDue = firstDue + (REMINDERS - 1) * step;

  // One reminder per participant, so the daily message cap never defers one.
  const batcher = new ReminderBatcher(queues, 50, 2);
  const appointmentIds: string[] = [];
  await pool(REMINDERS, POOL_SIZE, async (k) => {
    const result = await book(db, fixture, {
      participantId: participantIds[k] as string,
      title: `Bench drift ${k}`,
      startsAt: new Date(firstDue + k * step + TWO_HOURS_MS),
      reminderOffsets: ['PT2H'],
    });
    appointmentIds.push(result.appointment.id);
    await batcher.add(result.reminders);
  });
  await batcher.drain();
  const bookedMs = Date.now() - startedAt;
  progress(`${BENCH}: ${REMINDERS} appointments booked and their reminder jobs added in ${bookedMs} ms; due from +${LEAD_MS} ms, one every ${step} ms`);
  if (bookedMs > LEAD_MS) progress(`WARNING: booking took longer than the ${LEAD_MS} ms lead: the first reminders were due before their jobs were added`);

  const reminderRows = () =>
    db
      .selectFrom('reminders as r')
      .leftJoin('messages as m', 'm.id', 'r.message_id')
      .select(['r.job_id', 'r.offset', 'r.due_at', 'r.send_at', 'r.sent_at', 'r.status', 'r.reason', 'r.message_id', 'm.created_at as message_created_at', 'm.kind'])
      .where('r.appointment_id', 'in', appointmentIds)
      .execute();
  let rows = await reminderRows();
  while (Date.now() < lastDue + GRACE_MS) {
    if (Date.now() > lastDue && rows.every((r) => r.status !== 'scheduled')) break;
    await sleep(250);
    rows = await reminderRows();
  }

  const since = startedAt - 1000;
  const handedOff = await eventTimes(redis, `${prefix}:outbound:events`, 'waiting', since);
  const pickedUp = await eventTimes(redis, `${prefix}:reminder:events`, 'active', since);

  const drift: number[] = [];
  const queueing: number[] = [];
  const firing: number[] = [];
  const bySentAt: number[] = [];
  const byMessageRow: number[] = [];
  const statuses: Record<string, number> = {};
  let fromSentAt = 0;
  for (const r of rows) {
    const key = r.status === 'scheduled' ? 'scheduled (never fired)' : `${r.status}${r.reason ? ` (${r.reason})` : ''}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (r.offset !== 'PT2H' || r.status !== 'sent') continue;
    const due = r.due_at.getTime();
    const active = pickedUp.get(r.job_id);
    const handOff = r.message_id ? handedOff.get(sendJobId(r.message_id)) : undefined;
    if (r.sent_at) bySentAt.push(r.sent_at.getTime() - due);
    if (r.message_created_at) byMessageRow.push(r.message_created_at.getTime() - due);
    if (active !== undefined) queueing.push(active - due);
    if (active !== undefined && handOff !== undefined) firing.push(handOff - active);
    if (handOff !== undefined) drift.push(handOff - due);
    else if (r.sent_at) {
      // The outbound queue's event stream is trimmed (about 10,000 entries): fall back to the firing time.
      drift.push(r.sent_at.getTime() - due);
      fromSentAt++;
    }
  }
  const sorted = [...drift].sort((a, b) => a - b);
  const notSent = REMINDERS - drift.length;
  progress(`${BENCH}: reminder outcomes ${JSON.stringify(statuses)}`);
  progress(`  ${summary('due → hand-off to the sender (send job in the outbound queue)', drift)}${fromSentAt > 0 ? `; ${fromSentAt} from sent_at` : ''}`);
  progress(`  ${summary('due → reminder job picked up by the worker (BullMQ)', queueing)}`);
  progress(`  ${summary('picked up → send job added (FireReminder transaction + enqueue)', firing)}`);
  progress(`  ${summary('due → reminders.sent_at (inside the firing transaction)', bySentAt)}`);
  progress(`  ${summary('due → messages.created_at (the firing transaction began)', byMessageRow)}`);
  if (notSent > 0) progress(`WARNING: ${notSent} of ${REMINDERS} reminders were not handed off within ${GRACE_MS} ms of the last due time`);
  return [
    { bench: BENCH, metric: 'p99_ms', value: round(percentile(sorted, 99)), unit: 'ms' },
    { bench: BENCH, metric: 'p50_ms', value: round(percentile(sorted, 50)), unit: 'ms' },
    { bench: BENCH, metric: 'max_ms', value: round(sorted[sorted.length - 1] ?? Number.NaN), unit: 'ms' },
    { bench: BENCH, metric: 'not_sent', value: notSent, unit: 'reminders' },
  ];
}
