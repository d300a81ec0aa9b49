import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenForRisk } from '../../domain/safeguarding/screen.js';
import { loadCorpusFile, type CorpusMessage } from '../safeguarding-corpus/corpus.js';
import { FLOORS, SIGN_OFF } from '../safeguarding-corpus/floors.js';
import { eventually, TestApp } from '../test-app.js';

/**
 * The acceptance check of issue 15, end to end: texts the rules were never tuned on (the held-out part of the
 * corpus; SAFEGUARDING_CORPUS names another file, such as the reserve), each from a participant of its own, sent as
 * signed Twilio webhooks to the whole bot on PostgreSQL and Redis with Twilio faked. Every text the path flags must
 * get an urgent `safeguarding` alert with a category and a reason and a crisis reply that reaches Twilio; what the
 * path decides must be exactly what the pure screen decides; and over the set, recall and false alarms held at the
 * holdout's floor until the screen reaches the sign-off target of 97% and 3% (test/safeguarding-corpus/floors.ts).
 */
const DEFAULT_CORPUS = fileURLToPath(new URL('../safeguarding-corpus/holdout.jsonl', import.meta.url));
const CORPUS = process.env.SAFEGUARDING_CORPUS ?? DEFAULT_CORPUS;

interface Outcome {
  item: CorpusMessage;
  participantId: string;
  phone: string;
  alert: { priority: string; data: Record<string, unknown> } | undefined;
  crisisSids: string[];
  /** From the text being stored to its alert being raised. */
  alertAfterMs: number | null;
}

/** Ofcom's drama range without the bot's own number (+44 7700 900000). */
const PHONES = Array.from({ length: 999 }, (_, i) => `+447700900${String(i + 1).padStart(3, '0')}`);
const BATCH = 40;

function readCorpus(path: string): CorpusMessage[] {
  if (!existsSync(path)) throw new Error(`the held-out safeguarding corpus is missing: ${path}`);
  return loadCorpusFile(path);
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}

describe('safeguarding acceptance: unseen texts through the whole message path', () => {
  let app: TestApp;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const corpus = readCorpus(CORPUS);
    app = await TestApp.start({ env: { OUTBOUND_RATE_PER_SECOND: '500' } });
    const keyWorker = await app.createStaff('key_worker', 'Priya', 'Acceptance');
    const people = new Map<string, string>();
    const participantFor = async (phone: string, lang: string) => {
      const known = people.get(phone);
      if (known) return known;
      const created = await app.createParticipant(phone, keyWorker.token, { language: lang });
      people.set(phone, created.id);
      return created.id;
    };
    // More texts than numbers: rounds of up to 999, each round finished before the next reuses the numbers.
    for (let start = 0; start < corpus.length; start += PHONES.length) {
      const round = corpus.slice(start, start + PHONES.length).map((item, i) => ({ item, phone: PHONES[i]! }));
      const roundStartedAt = new Date();
      const last = await app.db.selectFrom('messages').select(sql<string>`coalesce(max(seq), 0)`.as('seq')).executeTakeFirstOrThrow();
      const lastSeqBefore = last.seq;
      const sent = await inBatches(round, BATCH, async ({ item, phone }) => {
        const participantId = await participantFor(phone, item.lang);
        const { response, sid } = await app.inbound(phone, item.text);
        expect(response.status, item.text).toBe(200);
        return { item, phone, participantId, sid };
      });
      await eventually(async () => {
        const waiting = await app.db.selectFrom('messages').select('id').where('status', 'in', ['received', 'queued', 'sending']).limit(1).execute();
        const unapplied = await app.db.selectFrom('pending_writebacks').select('id').where('applied_at', 'is', null).limit(1).execute();
        return waiting.length === 0 && unapplied.length === 0;
      }, 60_000, 'every turn processed, written back and its replies sent');
      const stored = await app.db.selectFrom('messages').select(['participant_id', 'created_at']).where('twilio_sid', 'in', sent.map((s) => s.sid)).execute();
      expect(stored, 'every webhook stored once').toHaveLength(sent.length);
      // This round's own alerts and replies: everything for these participants since the round began.
      const ids = sent.map((s) => s.participantId);
      const alerts = await app.db
        .selectFrom('alerts')
        .select(['participant_id', 'priority', 'data', 'created_at'])
        .where('participant_id', 'in', ids)
        .where('type', '=', 'safeguarding')
        .where('created_at', '>=', roundStartedAt)
        .execute();
      const crisis = await app.db
        .selectFrom('messages')
        .select(['participant_id', 'twilio_sid'])
        .where('participant_id', 'in', ids)
        .where('kind', '=', 'crisis')
        .where('seq', '>', lastSeqBefore)
        .execute();
      for (const s of sent) {
        const alert = alerts.find((a) => a.participant_id === s.participantId);
        outcomes.push({
          item: s.item,
          participantId: s.participantId,
          phone: s.phone,
          alert: alert && { priority: alert.priority, data: alert.data as Record<string, unknown> },
          alertAfterMs: alert ? alert.created_at.getTime() - stored.find((m) => m.participant_id === s.participantId)!.created_at.getTime() : null,
          crisisSids: crisis.flatMap((m) => (m.participant_id === s.participantId && m.twilio_sid ? [m.twilio_sid] : [])),
        });
      }
    }
  }, 180_000);
  afterAll(async () => app?.close());

  it('reads a corpus with both risk and benign texts', () => {
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.item.risk)).toBe(true);
    expect(outcomes.some((o) => !o.item.risk)).toBe(true);
  });

  it('the path decides exactly what the pure screen decides, for every text', () => {
    const differ = outcomes
      .map((o) => ({ text: o.item.text, screen: screenForRisk(o.item.text), path: o.alert }))
      .filter(({ screen, path }) => screen.risk !== (path !== undefined) || (path !== undefined && path.data.category !== screen.category))
      .map(({ text, screen, path }) => ({ text, screen: screen.category, path: path?.data.category ?? null }));
    expect(differ).toEqual([]);
  });

  it('every flagged text has an urgent alert with category and reason, and a crisis reply that reached Twilio; nothing else does', () => {
    const accepted = new Set(app.twilio.accepted.flatMap((m) => (m.sid ? [m.sid] : [])));
    for (const o of outcomes) {
      if (o.alert) {
        expect(o.alert.priority, o.item.text).toBe('urgent');
        expect(o.alert.data.category, o.item.text).toEqual(expect.any(String));
        expect(o.alert.data.reason, o.item.text).toEqual(expect.any(String));
        expect(o.crisisSids.some((sid) => accepted.has(sid)), `crisis reply to ${o.item.text}`).toBe(true);
      } else {
        expect(o.crisisSids, `no crisis reply to ${o.item.text}`).toEqual([]);
      }
    }
  });

  // The holdout is held at its floor until the screen reaches the sign-off target (floors.ts); any other corpus named
  // by SAFEGUARDING_CORPUS is held to the target itself.
  const held = CORPUS === DEFAULT_CORPUS ? FLOORS.holdout : SIGN_OFF;

  it(`recall at least ${held.recall * 100}% and false alarms at most ${held.falseAlarms * 100}% (sign-off: 97% and 3%)`, () => {
    const risk = outcomes.filter((o) => o.item.risk);
    const benign = outcomes.filter((o) => !o.item.risk);
    const recall = risk.filter((o) => o.alert).length / risk.length;
    const falseAlarms = benign.filter((o) => o.alert).length / benign.length;
    const byCategory = Object.fromEntries(
      [...new Set(risk.map((o) => o.item.category ?? 'none'))].sort().map((category) => {
        const of = risk.filter((o) => (o.item.category ?? 'none') === category);
        return [category, { texts: of.length, recall: round(of.filter((o) => o.alert).length / of.length) }];
      }),
    );
    const delays = outcomes.flatMap((o) => (o.alertAfterMs === null ? [] : [o.alertAfterMs])).sort((a, b) => a - b);
    const alertAfterMs = { p50: delays[Math.floor(delays.length / 2)] ?? null, max: delays.at(-1) ?? null };
    console.log(JSON.stringify({ corpus: CORPUS, risk: risk.length, benign: benign.length, recall: round(recall), falseAlarms: round(falseAlarms), byCategory, alertAfterMs }));
    expect(recall).toBeGreaterThanOrEqual(held.recall);
    expect(falseAlarms).toBeLessThanOrEqual(held.falseAlarms);
  });
});

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
