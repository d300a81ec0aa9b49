import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { eraseParticipant } from '../participants/erase-participant.action.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { SafeguardingPolicyRepository } from '../../store/safeguarding-policy.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { ESCALATION_KIND, EscalateSafeguardingAlert } from './escalate-safeguarding-alert.action.js';
import { participantRow } from '../../test/participant-row.fixture.js';

const RAISED = new Date('2026-03-02T14:05:00Z');
const minutesAfter = (minutes: number) => new Date(RAISED.getTime() + minutes * 60_000);
const BASE_URL = 'https://bot.example.test';
// This file's numbers: participants +447700900700..719, contacts +447700900720..729.
const DANA = { name: 'Dana (safeguarding lead)', phone: '+447700900720' };
const EVAN = { name: 'Evan (deputy)', phone: '+447700900721' };
const WORDS = 'i cant do this anymore i want to end it tonight';

describe.each([['postgres'], ['pglite']] as const)('escalating an urgent safeguarding alert nobody acknowledged, on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let keyWorker: { id: string };
  let nextPhone = 700;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'app_escalation'));
    db = database.db;
    const staff = new StaffRepository(db);
    keyWorker = await staff.create({ name: 'Priya', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'hash' });
    await staff.create({ name: 'Nobody', role: 'key_worker', team: 'Quiet', tokenLookup: randomUUID(), tokenHash: 'hash' });
    const policies = new SafeguardingPolicyRepository(db);
    await policies.put('North', { escalateAfterMinutes: 1, contacts: [DANA, EVAN] }, keyWorker.id, RAISED);
    // The participant's own team says South, but their key worker is in North: North's policy is the one that counts.
    await policies.put('South', { escalateAfterMinutes: 240, contacts: [{ name: 'Sol', phone: '+447700900729' }] }, keyWorker.id, RAISED);
  });
  afterAll(async () => close?.());

  const participant = async (keyWorkerId: string | null = keyWorker.id, team: string | null = 'South'): Promise<ParticipantRow> =>
    new ParticipantRepository(db).create(participantRow({ firstName: 'Rhiannon', phone: `+447700900${nextPhone++}`, keyWorkerId, team, consentAt: RAISED }));

  /** What the safeguarding dialog writes back: the crisis reply and an urgent alert with the person's words. */
  const raiseAlert = async (p: ParticipantRow) => {
    const { escalations } = await db.transaction().execute((tx) =>
      applyWriteback(tx, {
        participantId: p.id,
        sourceKey: `turn-${randomUUID()}`,
        at: RAISED.toISOString(),
        events: [{ type: 'message.inbound', key: 'text', data: { body: WORDS } }],
        alerts: [{ type: 'safeguarding', key: 'safeguarding', data: { category: 'suicide', reason: `matched "${WORDS}"` } }],
        replies: [{ kind: 'crisis', text: 'Samaritans 116 123' }],
      }),
    );
    const alert = (await new AlertRepository(db).list({ kind: 'all' }, { participantId: p.id }))[0];
    if (!alert) throw new Error('no alert raised');
    return { alert, escalations };
  };

  const escalateAt = (at: Date) => new EscalateSafeguardingAlert({ db, clock: new ManualClock(at), publicBaseUrl: BASE_URL, programmeName: 'Restart' });
  const staffTexts = (alertId: string) =>
    db.selectFrom('messages').selectAll().where('recipient', '=', 'staff').where('source_key', 'like', `escalation-${alertId}-%`).orderBy('phone').execute();
  const escalatedEvents = async (participantId: string) =>
    (await new CaseRecordRepository(db).listForParticipant(participantId)).filter((e) => e.type === 'alert.escalated');

  it('is due when the key worker’s team says, from the moment the alert was raised', async () => {
    const p = await participant();
    const { alert, escalations } = await raiseAlert(p);
    expect(alert.escalate_at).toEqual(minutesAfter(1));
    expect(escalations).toEqual([{ alertId: alert.id, dueAt: minutesAfter(1) }]);
    expect(await new AlertRepository(db).listEscalationsDueBefore(minutesAfter(2), 1000)).toContainEqual({ alertId: alert.id, dueAt: minutesAfter(1) });
  });

  it('texts each contact once when its time is up, with the team and a link but nothing about the person', async () => {
    const p = await participant();
    const { alert } = await raiseAlert(p);

    expect(await escalateAt(minutesAfter(0.5)).execute(alert.id)).toEqual({ kind: 'not_due', until: minutesAfter(1) });
    expect(await staffTexts(alert.id)).toEqual([]);

    const outcome = await escalateAt(minutesAfter(1)).execute(alert.id);
    expect(outcome).toMatchObject({ kind: 'escalated', contacts: 2 });
    const texts = await staffTexts(alert.id);
    expect(texts.map((t) => t.phone)).toEqual([DANA.phone, EVAN.phone]);
    expect(outcome.kind === 'escalated' && [...outcome.messageIds].sort()).toEqual(texts.map((t) => t.id).sort());
    for (const text of texts) {
      expect(text).toMatchObject({ participant_id: null, recipient: 'staff', direction: 'outbound', channel: 'sms', status: 'queued', kind: ESCALATION_KIND });
      expect(text.body).toContain('the North team');
      expect(text.body).toContain('Restart');
      expect(text.body).toContain(`${BASE_URL}/alerts?alert=${alert.id}`);
      for (const personal of ['Rhiannon', p.phone as string, (p.phone as string).slice(3), 'end it', 'tonight', 'suicide']) {
        expect(text.body?.toLowerCase()).not.toContain(personal.toLowerCase());
      }
    }

    const after = await new AlertRepository(db).findById(alert.id);
    expect(after).toMatchObject({ status: 'open', escalated_at: minutesAfter(1), escalation_contacts: 2 });
    const [event] = await escalatedEvents(p.id);
    expect(event?.data).toEqual({ alertId: alert.id, contactCount: 2, minutes: 1 });
    expect(JSON.stringify(event?.data)).not.toMatch(/Rhiannon|end it|\+44/);
  });

  it('never twice: running it again, later, or twice at once adds nothing', async () => {
    const p = await participant();
    const { alert } = await raiseAlert(p);
    const outcomes = await Promise.all([escalateAt(minutesAfter(2)).execute(alert.id), escalateAt(minutesAfter(2)).execute(alert.id)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['closed', 'escalated']);
    expect(await escalateAt(minutesAfter(30)).execute(alert.id)).toEqual({ kind: 'closed', reason: 'already escalated' });
    expect(await staffTexts(alert.id)).toHaveLength(2);
    expect(await escalatedEvents(p.id)).toHaveLength(1);
    expect(await new AlertRepository(db).listEscalationsDueBefore(minutesAfter(60), 1000)).not.toContainEqual(expect.objectContaining({ alertId: alert.id }));
  });

  it('an alert acknowledged in time escalates nobody', async () => {
    const p = await participant();
    const { alert } = await raiseAlert(p);
    await new AlertRepository(db).acknowledge(alert.id, keyWorker.id, 'Rang her, she is safe', minutesAfter(0.5));
    expect(await escalateAt(minutesAfter(1)).execute(alert.id)).toEqual({ kind: 'closed', reason: 'acknowledged' });
    expect(await staffTexts(alert.id)).toEqual([]);
    expect(await escalatedEvents(p.id)).toEqual([]);
    expect((await new AlertRepository(db).findById(alert.id))?.escalated_at).toBeNull();
  });

  it('a team with no contacts: the alert is still marked escalated, with none texted, so the dashboard can say so', async () => {
    const quiet = await new StaffRepository(db).create({ name: 'Quinn', role: 'key_worker', team: 'Quiet', tokenLookup: randomUUID(), tokenHash: 'hash' });
    const p = await participant(quiet.id, 'Quiet');
    const { alert } = await raiseAlert(p);
    // No policy of its own: the default 15 minutes.
    expect(alert.escalate_at).toEqual(minutesAfter(15));
    expect(await escalateAt(minutesAfter(15)).execute(alert.id)).toEqual({ kind: 'escalated', contacts: 0, messageIds: [] });
    expect(await new AlertRepository(db).findById(alert.id)).toMatchObject({ escalated_at: minutesAfter(15), escalation_contacts: 0 });
    expect((await escalatedEvents(p.id))[0]?.data).toEqual({ alertId: alert.id, contactCount: 0, minutes: 15 });
  });

  it('without a key worker, the participant’s own team’s policy applies', async () => {
    const p = await participant(null, 'South');
    const { alert } = await raiseAlert(p);
    expect(alert.escalate_at).toEqual(minutesAfter(240));
  });

  it('other alerts never escalate', async () => {
    const p = await participant();
    await db.transaction().execute((tx) =>
      applyWriteback(tx, {
        participantId: p.id,
        sourceKey: `turn-${randomUUID()}`,
        at: RAISED.toISOString(),
        events: [],
        alerts: [{ type: 'message_for_key_worker', key: 'text', data: { text: 'call me' } }],
        replies: [],
      }),
    );
    const [alert] = await new AlertRepository(db).list({ kind: 'all' }, { participantId: p.id });
    expect(alert?.escalate_at).toBeNull();
    expect(await escalateAt(minutesAfter(60)).execute(alert!.id)).toEqual({ kind: 'closed', reason: 'does not escalate' });
  });

  it('nothing goes for a participant erased meanwhile, and the sweep stops finding it', async () => {
    const p = await participant();
    const { alert } = await raiseAlert(p);
    await db.transaction().execute((tx) => eraseParticipant(tx, p.id, minutesAfter(0.5), keyWorker.id));
    expect(await escalateAt(minutesAfter(1)).execute(alert.id)).toEqual({ kind: 'closed', reason: 'participant erased' });
    expect(await staffTexts(alert.id)).toEqual([]);
    expect(await new AlertRepository(db).listEscalationsDueBefore(minutesAfter(60), 1000)).not.toContainEqual(expect.objectContaining({ alertId: alert.id }));
  });

  it('an unknown alert is closed, not an error', async () => {
    expect(await escalateAt(minutesAfter(1)).execute(randomUUID())).toEqual({ kind: 'closed', reason: 'no such alert' });
  });

  // Last: the leads it adds would be texted by every escalation after it.
  it('every safeguarding lead whose work phone takes texts gets the same text, once, nothing about the person in it', async () => {
    const staff = new StaffRepository(db);
    const lead = await staff.create({ name: 'Lowri', role: 'safeguarding_lead', team: null, phone: '+447700900722', tokenLookup: randomUUID(), tokenHash: 'h' });
    await staff.create({ name: 'Desk', role: 'safeguarding_lead', team: null, phone: '+441614960000', tokenLookup: randomUUID(), tokenHash: 'h' });
    await staff.create({ name: 'Dana too', role: 'safeguarding_lead', team: null, phone: DANA.phone, tokenLookup: randomUUID(), tokenHash: 'h' });
    await staff.create({ name: 'No phone', role: 'safeguarding_lead', team: null, tokenLookup: randomUUID(), tokenHash: 'h' });
    const gone = await staff.create({ name: 'Left', role: 'safeguarding_lead', team: null, phone: '+447700900723', tokenLookup: randomUUID(), tokenHash: 'h' });
    await staff.deactivate(gone.id, RAISED);
    await staff.create({ name: 'Kay', role: 'key_worker', team: 'North', phone: '+447700900724', tokenLookup: randomUUID(), tokenHash: 'h' });

    const p = await participant();
    const { alert } = await raiseAlert(p);
    expect(await escalateAt(minutesAfter(1)).execute(alert.id)).toMatchObject({ kind: 'escalated', contacts: 3 });
    const texts = await staffTexts(alert.id);
    expect(texts.map((t) => t.phone)).toEqual([DANA.phone, EVAN.phone, '+447700900722']);
    expect(new Set(texts.map((t) => t.body)).size).toBe(1);
    for (const personal of ['Rhiannon', p.phone as string, 'end it', 'suicide', lead.name]) expect(texts[2]?.body).not.toContain(personal);
    expect((await escalatedEvents(p.id))[0]?.data).toEqual({ alertId: alert.id, contactCount: 3, minutes: 1 });
  });
});
