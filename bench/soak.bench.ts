/**
 * soak: mixed traffic through the whole bot for a bounded time (PostgreSQL, Redis, Twilio faked at its HTTP
 * boundary, everything on 127.0.0.1), then a count of what was lost and what was duplicated:
 *  - signed inbound texts from many participants at a steady rate (free text and HELP, each owed one reply), with
 *    some posted twice under the same MessageSid as Twilio's retries do;
 *  - appointment reminders coming due all through the run;
 *  - an in-work campaign paced over the run;
 *  - status callbacks (sending, sent, delivered) for what Twilio accepted, some late and out of order;
 *  - a little Twilio trouble: 2 % of sends answered 500 and 1 % 429 (retried).
 * When the run ends and the queues have drained, `lost` counts texts not processed, replies missing, messages never
 * handed to Twilio, reminders and campaign messages not sent; `duplicated` counts texts processed twice, second
 * replies, and anything Twilio accepted more often than the database has rows for (target 0 and 0).
 * SOAK_DURATION_S (default 90), SOAK_INBOUND_PER_S (20), SOAK_PEOPLE (texters, 300), SOAK_REMINDERS (200),
 * SOAK_CAMPAIGN_PEOPLE (300): the drama range holds 999 numbers, shared between the three groups.
 */
import { sql } from 'kysely';
import { localCalendarDate } from '../domain/time/calendar-date.js';
import { readDeliveryLedger } from '../test/delivery-ledger.js';
import { eventually, TestApp } from '../test/test-app.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { REDIS_URL } from './reminder-fixture.js';

const BENCH = 'soak';
const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function soakBench(): Promise<BenchResult[]> {
  const durationS = envNumber('SOAK_DURATION_S', 90);
  const inboundPerS = envNumber('SOAK_INBOUND_PER_S', 20);
  const texters = envNumber('SOAK_PEOPLE', 300);
  const reminded = envNumber('SOAK_REMINDERS', 200);
  const campaigned = envNumber('SOAK_CAMPAIGN_PEOPLE', 300);
  if (texters + reminded + campaigned > 999) throw new Error('SOAK_PEOPLE + SOAK_REMINDERS + SOAK_CAMPAIGN_PEOPLE must fit in the 999 drama-range numbers');
  const number = (n: number) => `+447700900${String(n + 1).padStart(3, '0')}`;

  const app = await TestApp.start({ env: { REDIS_URL, OUTBOUND_RATE_PER_SECOND: '50', SWEEP_INTERVAL_MS: '5000', LOG_LEVEL: 'silent' } });
  try {
    const keyWorker = await app.createStaff('key_worker', 'Priya', 'Soak');
    const team = await app.createStaff('in_work_team', 'Jo', 'Soak');
    const policy = { defaultOffsets: ['PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };
    for (const token of [keyWorker.token, team.token]) await app.api('PUT', '/api/reminder-policy', policy, token);
    const today = localCalendarDate(new Date(), 'Europe/London');
    // The people, written directly (the API path is measured elsewhere): texters, people with reminders, people in work.
    await sql`
      insert into participants (first_name, phone, channel, key_worker_id, team, consent_contact, consent_basis, consent_at, in_work_since)
      select 'P' || n, '+447700900' || lpad((n + 1)::text, 3, '0'), 'sms', ${keyWorker.id}::uuid, 'Soak', true, 'soak', now(),
        case when n >= ${texters + reminded} then ${today}::date end
      from generate_series(0, ${texters + reminded + campaigned - 1}) as n`.execute(app.db);
    await sql`insert into job_starts (participant_id, start_date) select id, ${today}::date from participants where in_work_since is not null`.execute(app.db);
    const ids = new Map((await app.db.selectFrom('participants').select(['id', 'phone']).execute()).map((p) => [p.phone as string, p.id]));

    // Reminders due all through the run: each appointment starts two hours (the offset) after its reminder is due.
    const started = Date.now();
    const appointments = Array.from({ length: reminded }, (_, i) => ({
      participantId: ids.get(number(texters + i)) as string,
      startsAt: new Date(started + 2 * 3600_000 + 5000 + (i * (durationS - 10) * 1000) / reminded).toISOString(),
      title: 'Soak review',
      mandatory: false,
    }));
    for (let i = 0; i < appointments.length; i += 500) {
      const booked = await app.api('POST', '/api/appointments/bulk', { appointments: appointments.slice(i, i + 500) }, keyWorker.token);
      if (booked.status !== 201) throw new Error(`appointments not booked: ${booked.status} ${JSON.stringify(booked.body)}`);
    }
    const campaign = await app.api<{ id: string }>(
      'POST',
      '/api/campaigns',
      { name: 'Soak pulse', type: 'pulse', filter: { inWork: true }, ratePerMinute: Math.max(1, Math.ceil((campaigned * 60) / (durationS * 0.8))) },
      team.token,
    );
    if (campaign.status !== 201) throw new Error(`campaign not created: ${campaign.status} ${JSON.stringify(campaign.body)}`);

    // A little Twilio trouble throughout.
    let sends = 0;
    app.twilio.failWith(() => {
      sends++;
      if (sends % 50 === 0) return { status: 500 };
      if (sends % 100 === 7) return { status: 429 };
      return null;
    });

    progress(`${BENCH}: ${durationS} s of ${inboundPerS} texts/s from ${texters} people, ${reminded} reminders, a ${campaigned}-person campaign`);
    const posted: string[] = [];
    let repeats = 0;
    const postedAt = new Map<string, number>();
    const failures: string[] = [];
    const inFlight = new Set<Promise<void>>();
    const texts = ['Can someone ring me about my travel money?', 'HELP', 'Is the jobs fair still on?', 'I have a new address', 'What do I bring on Tuesday?'];
    const total = Math.floor(durationS * inboundPerS);
    let callbacks = 0;
    const callbacked = new Set<string>();
    const statusLoop = setInterval(() => {
      for (const m of app.twilio.accepted) {
        if (!m.sid || callbacked.has(m.sid)) continue;
        callbacked.add(m.sid);
        // Some say `sending` first; some arrive late and out of order (a `sent` after `delivered`).
        const statuses = m.sid.endsWith('7') ? ['sending', 'sent', 'delivered'] : m.sid.endsWith('3') ? ['sent', 'delivered', 'sent'] : ['sent', 'delivered'];
        const run = (async () => {
          for (const status of statuses) {
            const response = await app.twilio.sendStatusCallback({ sid: m.sid as string, status, deliverToBaseUrl: app.url });
            callbacks++;
            if (response.status >= 500) failures.push(`status ${response.status}`);
          }
        })().catch((error: unknown) => void failures.push(String(error)));
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      }
    }, 500);

    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / inboundPerS;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const from = number(i % texters);
      const text = texts[(i + Math.floor(i / texters)) % texts.length] as string;
      const body = text === 'HELP' ? text : `${text} (${i})`;
      const run = (async () => {
        const { response, sid } = await app.inbound(from, body);
        if (response.status !== 200) failures.push(`inbound ${response.status}`);
        posted.push(sid);
        postedAt.set(sid, Date.now());
        // Twilio's retry of the same message, now and then.
        if (i % 50 === 0) {
          const again = await app.inbound(from, body, { sid });
          repeats++;
          if (again.response.status !== 200) failures.push(`repeat ${again.response.status}`);
        }
      })().catch((error: unknown) => void failures.push(String(error)));
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    }
    await Promise.all(inFlight);
    const trafficS = (Date.now() - started) / 1000;
    progress(`${BENCH}: traffic done in ${round(trafficS)} s (${posted.length} texts); waiting for the queues to drain`);

    const pending = async () => {
      const waitingInbound = await app.db.selectFrom('messages').select('id').where('direction', '=', 'inbound').where('status', '=', 'received').execute();
      const queued = await app.db.selectFrom('messages').select('id').where('direction', '=', 'outbound').where('status', 'in', ['queued', 'sending']).execute();
      const reminders = await app.db.selectFrom('reminders').select('id').where('status', '=', 'scheduled').execute();
      const recipients = await app.db.selectFrom('campaign_recipients').select('participant_id').where('status', '=', 'pending').execute();
      return waitingInbound.length + queued.length + reminders.length + recipients.length;
    };
    await eventually(async () => (await pending()) === 0, 180_000, 'the queues to drain').catch((error: unknown) => progress(`${BENCH}: ${String(error)}`));
    const drainedS = (Date.now() - started) / 1000;
    clearInterval(statusLoop);
    await Promise.all(inFlight);
    app.twilio.failWith(null);

    const ledger = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
    const repliesMissing = [...ledger.repliesPerInbound.values()].filter((n) => n === 0).length;
    const repliesExtra = [...ledger.repliesPerInbound.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const remindersNotSent = (await app.db.selectFrom('reminders').select('id').where('status', '!=', 'sent').execute()).length;
    const campaignNotSent = (await app.db.selectFrom('campaign_recipients').select('participant_id').where('status', '!=', 'sent').execute()).length;
    const uniquePosted = new Set(posted).size;
    const eventDuplicates = ledger.eventProblems.filter((p) => !p.endsWith(': 0')).length;
    const eventMissing = ledger.eventProblems.length - eventDuplicates;
    const lost = ledger.lostInbound.length + ledger.unappliedTurns.length + repliesMissing + ledger.lostOutbound + remindersNotSent + campaignNotSent + eventMissing;
    const duplicated = ledger.duplicatedOutbound + repliesExtra + eventDuplicates;

    // Text in to its reply accepted at Twilio.
    const replyAt = new Map(app.twilio.accepted.map((m) => [m.sid, m.at.getTime()]));
    const rows = await app.db.selectFrom('messages').select(['source_key', 'twilio_sid']).where('direction', '=', 'outbound').where('source_key', 'like', 'inbound-%').execute();
    const latencies = rows
      .map((r) => {
        const sid = /^inbound-([^/]+)\//.exec(r.source_key)?.[1];
        const sentAt = r.twilio_sid ? replyAt.get(r.twilio_sid) : undefined;
        const inAt = sid ? postedAt.get(sid) : undefined;
        return sentAt !== undefined && inAt !== undefined ? sentAt - inAt : undefined;
      })
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);
    const outboundSent = app.twilio.accepted.length;
    progress(
      `${BENCH}: ${uniquePosted} texts (+${repeats} posted again under the same sid), ${outboundSent} messages accepted by Twilio, ${callbacks} status callbacks, ` +
        `drained after ${round(drainedS)} s; lost ${lost}, duplicated ${duplicated}; outbound by status ${JSON.stringify(ledger.outboundByStatus)}` +
        `${failures.length ? `; ${failures.length} request failures (${failures.slice(0, 3).join('; ')})` : ''}`,
    );
    return [
      { bench: BENCH, metric: 'lost', value: lost, unit: 'messages', baseline: 0 },
      { bench: BENCH, metric: 'duplicated', value: duplicated, unit: 'messages', baseline: 0 },
      { bench: BENCH, metric: 'duration_s', value: round(trafficS), unit: 's' },
      { bench: BENCH, metric: 'inbound_total', value: uniquePosted, unit: 'messages' },
      { bench: BENCH, metric: 'inbound_per_s', value: round(uniquePosted / trafficS), unit: 'messages/s', baseline: inboundPerS },
      { bench: BENCH, metric: 'inbound_repeats', value: repeats, unit: 'requests' },
      { bench: BENCH, metric: 'outbound_total', value: outboundSent, unit: 'messages' },
      { bench: BENCH, metric: 'outbound_per_s', value: round(outboundSent / drainedS), unit: 'messages/s' },
      { bench: BENCH, metric: 'status_callbacks', value: callbacks, unit: 'requests' },
      { bench: BENCH, metric: 'request_failures', value: failures.length, unit: 'requests', baseline: 0 },
      { bench: BENCH, metric: 'reply_p50_ms', value: round(percentile(latencies, 50)), unit: 'ms' },
      { bench: BENCH, metric: 'reply_p99_ms', value: round(percentile(latencies, 99)), unit: 'ms' },
      { bench: BENCH, metric: 'drain_s', value: round(drainedS - trafficS), unit: 's' },
    ];
  } finally {
    await app.close();
  }
}
