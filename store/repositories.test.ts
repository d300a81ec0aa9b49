import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../domain/caseload.js';
import type { WritebackPayload } from '../domain/case-record/writeback.types.js';
import { sourceKeys } from '../domain/job-keys.js';
import { sql } from 'kysely';
import { eventually } from '../test/test-app.js';
import { openTestEngine } from '../test/test-database.js';
import { AlertRepository } from './alert.repository.js';
import { BotStateRepository, StateConflictError } from './bot-state.repository.js';
import { CaseRecordRepository } from './case-record.repository.js';
import type { CaseRecordDatabase, Db } from './database.js';
import { MessageRepository } from './message.repository.js';
import { DuplicatePhoneError, type NewParticipant, ParticipantRepository } from './participant.repository.js';
import type { ParticipantRow } from './schema.js';
import { StaffRepository } from './staff.repository.js';
import { WritebackRepository } from './writeback.repository.js';

const AN_HOUR = 60 * 60 * 1000;
const inAMinute = () => new Date(Date.now() + 60_000);

describe.each([['postgres'], ['pglite']] as const)('store repositories on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'store_repositories'));
    db = database.db;
  });

  afterAll(async () => {
    await close?.();
  });

  // Ofcom's drama range only; each engine has its own database, so each starts again at 100.
  let nextPhone = 100;
  const phone = (): string => `+447700900${String(nextPhone++).padStart(3, '0')}`;

  const newStaff = (role: StaffIdentity['role'] = 'key_worker', team: string | null = null): Promise<StaffIdentity> =>
    new StaffRepository(db).create({ name: `Staff ${role}`, role, team, tokenLookup: randomUUID(), tokenHash: 'hash' });

  const newParticipant = (overrides: Partial<NewParticipant> = {}): Promise<ParticipantRow> =>
    new ParticipantRepository(db).create({
      firstName: 'Sam',
      phone: phone(),
      channel: 'sms',
      language: 'en',
      keyWorkerId: null,
      team: null,
      referredAt: new Date('2026-01-05T10:00:00Z'),
      consentBasis: 'public_task',
      consentAt: new Date('2026-01-05T10:00:00Z'),
      ...overrides,
    });

  const setInWork = (id: string, since: string | null) =>
    db.updateTable('participants').set({ in_work_since: since }).where('id', '=', id).execute();

  const age = (table: 'messages' | 'pending_writebacks', id: string, ms: number) =>
    table === 'messages'
      ? db.updateTable('messages').set({ updated_at: new Date(Date.now() - ms) }).where('id', '=', id).execute()
      : db.updateTable('pending_writebacks').set({ created_at: new Date(Date.now() - ms) }).where('id', '=', id).execute();

  it('runs on the engine it was asked for', async () => {
    expect(database.engine).toBe(engine);
    await expect(database.ping()).resolves.toBeUndefined();
  });

  describe('StaffRepository', () => {
    it('creates staff and finds them by token lookup with their hash', async () => {
      const staff = new StaffRepository(db);
      const lookup = randomUUID();
      const created = await staff.create({ name: 'Priya', role: 'in_work_team', team: 'north', tokenLookup: lookup, tokenHash: 'h1' });
      expect(created).toEqual({ id: expect.any(String), name: 'Priya', role: 'in_work_team', team: 'north' });
      expect(await staff.findByTokenLookup(lookup)).toEqual({ ...created, tokenHash: 'h1' });
      expect(await staff.findById(created.id)).toEqual(created);
      expect(await staff.findByTokenLookup(randomUUID())).toBeUndefined();
    });

    it('keeps one bootstrap admin row whose hash follows the latest token', async () => {
      const staff = new StaffRepository(db);
      const lookup = `bootstrap-${randomUUID()}`;
      const first = await staff.upsertBootstrapAdmin(lookup, 'old-hash');
      const second = await staff.upsertBootstrapAdmin(lookup, 'new-hash');
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({ role: 'admin', team: null });
      expect(await staff.findByTokenLookup(lookup)).toMatchObject({ id: first.id, tokenHash: 'new-hash' });
      const rows = await db.selectFrom('staff').select('id').where('token_lookup', '=', lookup).execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('ParticipantRepository', () => {
    it('creates a participant with consent recorded and not opted out', async () => {
      const number = phone();
      const p = await newParticipant({ phone: number, firstName: 'Alex', channel: 'whatsapp', language: 'cy' });
      expect(p).toMatchObject({
        first_name: 'Alex',
        phone: number,
        channel: 'whatsapp',
        language: 'cy',
        consent_contact: true,
        consent_basis: 'public_task',
        opted_out: false,
        opted_out_at: null,
        muted_streams: [],
        erased_at: null,
      });
      expect(p.consent_at).toEqual(new Date('2026-01-05T10:00:00Z'));
      expect(await new ParticipantRepository(db).findById(p.id)).toEqual(p);
    });

    it('refuses a second live participant with the same phone', async () => {
      const number = phone();
      await newParticipant({ phone: number });
      await expect(newParticipant({ phone: number })).rejects.toBeInstanceOf(DuplicatePhoneError);
    });

    it('refuses to move a participant onto another live phone', async () => {
      const taken = await newParticipant();
      const other = await newParticipant();
      await expect(new ParticipantRepository(db).update(other.id, { phone: taken.phone as string })).rejects.toBeInstanceOf(
        DuplicatePhoneError,
      );
    });

    it('finds by phone, ignoring erased participants, and lets an erased number be reused', async () => {
      const participants = new ParticipantRepository(db);
      const number = phone();
      const old = await newParticipant({ phone: number });
      expect((await participants.findByPhone(number))?.id).toBe(old.id);
      await participants.erase(old.id, new Date('2026-02-01T12:00:00Z'));
      expect(await participants.findByPhone(number)).toBeUndefined();
      const reused = await newParticipant({ phone: number });
      expect((await participants.findByPhone(number))?.id).toBe(reused.id);
    });

    it('lists by caseload scope: all, one key worker, an in-work team, and nothing for a team-less in-work member', async () => {
      const participants = new ParticipantRepository(db);
      const worker = await newStaff('key_worker');
      const otherWorker = await newStaff('key_worker');
      const team = `team-${randomUUID()}`;
      const mine = await newParticipant({ firstName: 'Bea', keyWorkerId: worker.id, team });
      const mineToo = await newParticipant({ firstName: 'Ade', keyWorkerId: worker.id, team });
      const theirs = await newParticipant({ firstName: 'Cal', keyWorkerId: otherWorker.id, team });
      const noTeamInWork = await newParticipant({ firstName: 'Dee', keyWorkerId: worker.id, team: null });
      const erased = await newParticipant({ firstName: 'Eve', keyWorkerId: worker.id, team });
      await setInWork(mine.id, '2026-01-12');
      await setInWork(theirs.id, '2026-01-19');
      await setInWork(noTeamInWork.id, '2026-01-19');
      await setInWork(erased.id, '2026-01-19');
      await participants.erase(erased.id, new Date());

      const byWorker = await participants.list({ kind: 'key_worker', staffId: worker.id });
      expect(byWorker.map((p) => p.id)).toEqual([mineToo.id, mine.id, noTeamInWork.id]);

      const inWork = await participants.list({ kind: 'in_work_team', team });
      expect(inWork.map((p) => p.id).sort()).toEqual([mine.id, theirs.id].sort());

      expect(await participants.list({ kind: 'in_work_team', team: null })).toEqual([]);

      const all = (await participants.list({ kind: 'all' })).map((p) => p.id);
      expect(all).toEqual(expect.arrayContaining([mine.id, mineToo.id, theirs.id, noTeamInWork.id]));
      expect(all).not.toContain(erased.id);

      expect(await participants.findById(theirs.id, { kind: 'key_worker', staffId: worker.id })).toBeUndefined();
      expect((await participants.findById(theirs.id, { kind: 'key_worker', staffId: otherWorker.id }))?.id).toBe(theirs.id);
      expect(await participants.findById(mineToo.id, { kind: 'in_work_team', team })).toBeUndefined();
    });

    it('updates only the fields given and never an erased participant', async () => {
      const participants = new ParticipantRepository(db);
      const worker = await newStaff();
      const p = await newParticipant({ firstName: 'Fin', team: 'south' });
      const number = phone();
      const updated = await participants.update(p.id, {
        phone: number,
        channel: 'whatsapp',
        keyWorkerId: worker.id,
        mutedStreams: ['checkin', 'pulse'],
      });
      expect(updated).toMatchObject({
        first_name: 'Fin',
        phone: number,
        channel: 'whatsapp',
        language: 'en',
        key_worker_id: worker.id,
        team: 'south',
        muted_streams: ['checkin', 'pulse'],
      });
      const cleared = await participants.update(p.id, { team: null, keyWorkerId: null });
      expect(cleared).toMatchObject({ team: null, key_worker_id: null, phone: number, muted_streams: ['checkin', 'pulse'] });

      await participants.erase(p.id, new Date());
      expect(await participants.update(p.id, { language: 'pl' })).toBeUndefined();
      expect(await participants.update(randomUUID(), { language: 'pl' })).toBeUndefined();
    });

    it('sets and clears opt-out with its time', async () => {
      const participants = new ParticipantRepository(db);
      const p = await newParticipant();
      const at = new Date('2026-03-01T08:30:00Z');
      await participants.setOptedOut(p.id, true, at);
      expect(await participants.findById(p.id)).toMatchObject({ opted_out: true, opted_out_at: at });
      await participants.setOptedOut(p.id, false, new Date('2026-03-02T08:30:00Z'));
      expect(await participants.findById(p.id)).toMatchObject({ opted_out: false, opted_out_at: null });
    });

    it('erases personal data but keeps the row', async () => {
      const participants = new ParticipantRepository(db);
      const p = await newParticipant({ firstName: 'Gail' });
      await participants.update(p.id, { mutedStreams: ['checkin'] });
      const at = new Date('2026-03-03T09:00:00Z');
      await participants.erase(p.id, at);
      const row = await db.selectFrom('participants').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ first_name: null, phone: null, referred_at: null, muted_streams: [], erased_at: at });
      expect(await participants.findById(p.id)).toBeUndefined();
    });

    it('locks a row inside a transaction', async () => {
      const p = await newParticipant();
      const locked = await db.transaction().execute((tx) => new ParticipantRepository(tx).lockForUpdate(p.id));
      expect(locked?.id).toBe(p.id);
    });
  });

  describe('MessageRepository', () => {
    const outbound = (participant: ParticipantRow, sourceKey = `test-${randomUUID()}`) => ({
      participantId: participant.id,
      channel: participant.channel,
      phone: participant.phone as string,
      body: 'Your appointment is tomorrow at 10am.',
      kind: 'reminder',
      sourceKey,
      status: 'queued' as const,
    });

    it('stores an inbound message once per MessageSid, matched to its participant, and its event from the row once', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const sid = `SM${randomUUID().replaceAll('-', '')}`;
      const inbound = { channel: 'sms' as const, phone: p.phone as string, body: 'YES', twilioSid: sid };
      const acknowledgedAt = new Date('2026-03-02T09:15:00Z');
      const first = (await messages.insertInboundBatch([inbound], acknowledgedAt)).get(sid);
      const second = (await messages.insertInboundBatch([{ ...inbound, body: 'YES again' }], new Date())).get(sid);
      expect(first).toMatchObject({ created: true, participantId: p.id, status: 'received' });
      expect(second).toMatchObject({ created: false, messageId: first?.messageId });
      const rows = await db.selectFrom('messages').selectAll().where('twilio_sid', '=', sid).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ direction: 'inbound', status: 'received', source_key: `inbound-${sid}`, body: 'YES', received_at: acknowledgedAt });
      const records = new CaseRecordRepository(db);
      expect((await records.listForParticipant(p.id)).filter((e) => e.type === 'message.inbound')).toHaveLength(0);

      await records.appendInboundArrivals([first?.messageId as string]);
      await records.appendInboundArrivals([first?.messageId as string]);
      const events = (await records.listForParticipant(p.id)).filter((e) => e.type === 'message.inbound');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ at: acknowledgedAt, source_key: `message-${sid}`, data: { messageId: first?.messageId, channel: 'sms', body: 'YES' } });
    });

    it('writes the events of texts in arrival order, none for an unknown number, and erased ones as erasure leaves them', async () => {
      const messages = new MessageRepository(db);
      const records = new CaseRecordRepository(db);
      const p = await newParticipant();
      const gone = await newParticipant();
      const sids = Array.from({ length: 4 }, () => `SM${randomUUID().replaceAll('-', '')}`);
      const stored = await messages.insertInboundBatch(
        [
          { channel: 'sms', phone: p.phone as string, body: 'one', twilioSid: sids[0] as string },
          { channel: 'sms', phone: phone(), body: 'who?', twilioSid: sids[1] as string },
          { channel: 'sms', phone: p.phone as string, body: 'two', twilioSid: sids[2] as string },
          { channel: 'sms', phone: gone.phone as string, body: 'my address', twilioSid: sids[3] as string },
        ],
        new Date(),
      );
      await new ParticipantRepository(db).erase(gone.id, new Date());
      await messages.eraseForParticipant(gone.id);
      await records.appendInboundArrivals([...sids].reverse().map((sid) => stored.get(sid)?.messageId as string));
      const theirs = (await records.listForParticipant(p.id)).filter((e) => e.type === 'message.inbound');
      expect(theirs.map((e) => (e.data as { body: string }).body)).toEqual(['one', 'two']);
      const erased = (await records.listForParticipant(gone.id)).filter((e) => e.type === 'message.inbound');
      expect(erased.map((e) => e.data)).toEqual([{ erased: true }]);
      const strangers = await db.selectFrom('case_record_events').select('id').where('source_key', '=', `message-${sids[1]}`).execute();
      expect(strangers).toHaveLength(0);
    });

    it('stores a batch in arrival order, a repeat within the batch once', async () => {
      const p = await newParticipant();
      const sids = Array.from({ length: 5 }, () => `SM${randomUUID().replaceAll('-', '')}`);
      const batch = sids.map((twilioSid, i) => ({ channel: 'sms' as const, phone: p.phone as string, body: `text ${i}`, twilioSid }));
      const stored = await new MessageRepository(db).insertInboundBatch([...batch, batch[0] as (typeof batch)[number]], new Date());
      expect(stored.size).toBe(5);
      const listed = await new MessageRepository(db).listForParticipant(p.id, 'inbound');
      expect(listed.map((m) => m.body)).toEqual(['text 0', 'text 1', 'text 2', 'text 3', 'text 4']);
    });

    it('stores an inbound message from an unknown number', async () => {
      const sid = `SM${randomUUID().replaceAll('-', '')}`;
      const stored = await new MessageRepository(db).insertInboundBatch([{ channel: 'whatsapp', phone: phone(), body: 'hello?', twilioSid: sid }], new Date());
      expect(stored.get(sid)).toMatchObject({ created: true, participantId: null });
    });

    it('creates an outbound message once per source key', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const sourceKey = `appt-${randomUUID()}-v1-24h`;
      const first = await messages.insertOutbound(outbound(p, sourceKey));
      const second = await messages.insertOutbound({ ...outbound(p, sourceKey), body: 'different' });
      expect(first.created).toBe(true);
      expect(first.message).toMatchObject({ direction: 'outbound', status: 'queued', kind: 'reminder', attempts: 0, fallback_of: null });
      expect(second.created).toBe(false);
      expect(second.message.id).toBe(first.message.id);
      expect(second.message.body).toBe('Your appointment is tomorrow at 10am.');
      expect(await messages.listForParticipant(p.id, 'outbound')).toHaveLength(1);
    });

    it('moves a status by sid only from a replaceable one, keeping the error', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const { message } = await messages.insertOutbound(outbound(p));
      const sid = `SM${randomUUID().replaceAll('-', '')}`;
      await messages.setStatus(message.id, 'accepted', { twilioSid: sid, attempts: 1 });

      const sent = await messages.advanceStatusBySid(sid, 'sent', ['queued', 'sending', 'accepted'], { code: null, message: null });
      expect(sent).toMatchObject({ id: message.id, status: 'sent', error_code: null });

      const backwards = await messages.advanceStatusBySid(sid, 'accepted', ['queued', 'sending'], { code: null, message: null });
      expect(backwards).toBeUndefined();
      expect((await messages.findById(message.id))?.status).toBe('sent');

      expect(await messages.advanceStatusBySid(sid, 'delivered', [], { code: null, message: null })).toBeUndefined();
      expect(await messages.advanceStatusBySid('SMunknown', 'sent', ['accepted'], { code: null, message: null })).toBeUndefined();

      const failed = await messages.advanceStatusBySid(sid, 'undelivered', ['sent'], { code: 30003, message: 'Unreachable' });
      expect(failed).toMatchObject({ status: 'undelivered', error_code: 30003, error_message: 'Unreachable', attempts: 1 });
    });

    it('sets a status only if it is still the expected one', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const { message } = await messages.insertOutbound(outbound(p));
      expect(await messages.setStatusIf(message.id, 'queued', 'sending')).toBe(true);
      expect(await messages.setStatusIf(message.id, 'queued', 'sending')).toBe(false);
      expect(await messages.setStatusIf(message.id, 'sending', 'unconfirmed', 'crashed mid-send')).toBe(true);
      expect(await messages.findById(message.id)).toMatchObject({ status: 'unconfirmed', error_message: 'crashed mid-send' });
    });

    it('lists pending work older than a time, oldest first, by direction', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const older = (await messages.insertOutbound(outbound(p))).message;
      const old = (await messages.insertOutbound(outbound(p))).message;
      const fresh = (await messages.insertOutbound(outbound(p))).message;
      const oldSent = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(oldSent.id, 'sent');
      const inboundSid = `SM${randomUUID()}`;
      const stored = await messages.insertInboundBatch([{ channel: 'sms', phone: p.phone as string, body: 'hi', twilioSid: inboundSid }], new Date());
      const oldInbound = { id: stored.get(inboundSid)?.messageId as string };
      await age('messages', older.id, 3 * AN_HOUR);
      await age('messages', old.id, 2 * AN_HOUR);
      await age('messages', oldSent.id, 2 * AN_HOUR);
      await age('messages', oldInbound.id, 2 * AN_HOUR);
      const cutoff = new Date(Date.now() - AN_HOUR);

      const pendingOut = (await messages.listPending('outbound', cutoff, 1000)).map((m) => m.id);
      expect(pendingOut.filter((id) => [older.id, old.id, fresh.id, oldSent.id, oldInbound.id].includes(id))).toEqual([older.id, old.id]);

      const pendingIn = (await messages.listPending('inbound', cutoff, 1000)).map((m) => m.id);
      expect(pendingIn).toContain(oldInbound.id);
      expect(pendingIn).not.toContain(old.id);

      expect(await messages.listPending('outbound', cutoff, 1)).toHaveLength(1);
    });

    it('lists sends stuck in sending', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const stuck = (await messages.insertOutbound(outbound(p))).message;
      const recent = (await messages.insertOutbound(outbound(p))).message;
      const queued = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(stuck.id, 'sending');
      await messages.setStatus(recent.id, 'sending');
      await age('messages', stuck.id, AN_HOUR);
      await age('messages', queued.id, AN_HOUR);
      const ids = (await messages.listStuckSending(new Date(Date.now() - 60_000), 1000)).map((m) => m.id);
      expect(ids).toContain(stuck.id);
      expect(ids).not.toContain(recent.id);
      expect(ids).not.toContain(queued.id);
    });

    it('lists a cut send by when its attempt was claimed, not by its last update', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const cut = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(cut.id, 'sending', { attempts: 1, claimedAt: new Date(Date.now() - AN_HOUR) });
      const ids = async () => (await messages.listStuckSending(new Date(Date.now() - 60_000), 1000)).map((m) => m.id);
      expect(await ids()).toContain(cut.id);
      // A note on the row (a failed lookup) does not make it young again.
      expect(await messages.noteFailedLookup({ id: cut.id, attempts: 1 }, 'Twilio 503')).toBe(true);
      expect(await ids()).toContain(cut.id);
      expect(await messages.findById(cut.id)).toMatchObject({ reconcile_lookups: 1, error_message: 'Twilio 503' });
    });

    it('moves a cut send on only from the attempt that claimed it, and resends it at most as often as allowed', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const cut = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(cut.id, 'sending', { attempts: 2 });
      expect(await messages.settleAttempt({ id: cut.id, attempts: 1 }, 'accepted', { twilioSid: `SM${'a'.repeat(32)}` })).toBe(false);
      expect(await messages.requeueCutSend({ id: cut.id, attempts: 2 }, 1, 'resent')).toBe(true);
      // The second reconciler of the same attempt changes nothing.
      expect(await messages.requeueCutSend({ id: cut.id, attempts: 2 }, 1, 'resent')).toBe(false);
      await messages.setStatus(cut.id, 'sending', { attempts: 3 });
      expect(await messages.requeueCutSend({ id: cut.id, attempts: 3 }, 1, 'resent')).toBe(false);
      expect(await messages.findById(cut.id)).toMatchObject({ status: 'sending', reconcile_resends: 1 });
    });

    it('never records a sid another row holds', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const sid = `SM${'b'.repeat(32)}`;
      const sent = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(sent.id, 'accepted', { twilioSid: sid });
      const cut = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(cut.id, 'sending', { attempts: 1 });
      expect(await messages.heldSids([sid, `SM${'c'.repeat(32)}`])).toEqual(new Set([sid]));
      expect(await messages.settleAttempt({ id: cut.id, attempts: 1 }, 'accepted', { twilioSid: sid })).toBe(false);
      expect(await messages.settleAttempt({ id: cut.id, attempts: 1 }, 'accepted', { twilioSid: `SM${'c'.repeat(32)}` })).toBe(true);
    });

    it('lists a participant’s messages in order and outbound newest first', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const a = (await messages.insertOutbound(outbound(p))).message;
      await db.updateTable('messages').set({ created_at: new Date(Date.now() - AN_HOUR) }).where('id', '=', a.id).execute();
      const b = (await messages.insertOutbound(outbound(p))).message;
      expect((await messages.listForParticipant(p.id)).map((m) => m.id)).toEqual([a.id, b.id]);
      expect((await messages.listOutbound(p.id, 10)).map((m) => m.id)).toEqual([b.id, a.id]);
      expect(await messages.listForParticipant(p.id, 'inbound')).toEqual([]);
    });

    it('lists messages written in one transaction in the order they were written', async () => {
      // A turn writes all its replies in one transaction, where now() is the same for every row; the
      // conversation view and the outbox must still show them in the order the dialog gave them.
      const p = await newParticipant();
      const keys = Array.from({ length: 8 }, (_, i) => `turn-${randomUUID()}/reply/${i}`);
      const ids = await db.transaction().execute(async (tx) => {
        const written: string[] = [];
        for (const key of keys) written.push((await new MessageRepository(tx).insertOutbound(outbound(p, key))).message.id);
        return written;
      });
      const messages = new MessageRepository(db);
      expect((await messages.listForParticipant(p.id)).map((m) => m.id)).toEqual(ids);
      expect((await messages.listOutbound(p.id, 20)).map((m) => m.id)).toEqual([...ids].reverse());
    });

    it('erases bodies and numbers for one participant and suppresses what was not yet sent', async () => {
      const messages = new MessageRepository(db);
      const p = await newParticipant();
      const bystander = await newParticipant();
      await messages.insertInboundBatch([{ channel: 'sms', phone: p.phone as string, body: 'my address is…', twilioSid: `SM${randomUUID()}` }], new Date());
      const queued = (await messages.insertOutbound(outbound(p))).message;
      const sending = (await messages.insertOutbound(outbound(p))).message;
      const sent = (await messages.insertOutbound(outbound(p))).message;
      await messages.setStatus(sending.id, 'sending');
      await messages.setStatus(sent.id, 'delivered');
      const theirs = (await messages.insertOutbound(outbound(bystander))).message;

      await messages.eraseForParticipant(p.id);

      const rows = await messages.listForParticipant(p.id);
      expect(rows).toHaveLength(4);
      for (const row of rows) expect(row).toMatchObject({ body: null, phone: null });
      const status = new Map(rows.map((r) => [r.id, r.status]));
      expect(status.get(queued.id)).toBe('suppressed');
      expect(status.get(sending.id)).toBe('suppressed');
      expect(status.get(sent.id)).toBe('delivered');
      expect(await messages.findById(theirs.id)).toMatchObject({ status: 'queued', body: theirs.body, phone: bystander.phone });
    });
  });

  describe('CaseRecordRepository', () => {
    it('appends an event once per source key', async () => {
      const record = new CaseRecordRepository(db);
      const p = await newParticipant();
      const event = {
        participantId: p.id,
        type: 'appointment.confirmed' as const,
        at: new Date('2026-03-04T09:00:00Z'),
        data: { via: 'sms' },
        sourceKey: `inbound-SM${randomUUID()}`,
      };
      const id = await record.append(event);
      expect(id).toEqual(expect.any(String));
      expect(await record.append({ ...event, data: { via: 'again' } })).toBeUndefined();
      const rows = await record.listForParticipant(p.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id, type: 'appointment.confirmed', data: { via: 'sms' }, appointment_id: null, at: event.at });
    });

    it('lists a participant’s events in the order they were written', async () => {
      const record = new CaseRecordRepository(db);
      const p = await newParticipant();
      const other = await newParticipant();
      const appointmentId = randomUUID();
      const write = (type: 'participant.created' | 'appointment.created' | 'reminder.sent', at: string, who = p.id) =>
        record.append({ participantId: who, type, at: new Date(at), appointmentId, data: {}, sourceKey: randomUUID() });
      await write('participant.created', '2026-03-05T10:00:00Z');
      await write('appointment.created', '2026-03-01T10:00:00Z');
      await write('reminder.sent', '2026-03-03T10:00:00Z', other.id);
      await write('reminder.sent', '2026-03-02T10:00:00Z');
      const rows = await record.listForParticipant(p.id);
      expect(rows.map((r) => r.type)).toEqual(['participant.created', 'appointment.created', 'reminder.sent']);
      expect(rows.every((r) => r.appointment_id === appointmentId)).toBe(true);
    });
  });

  describe('AlertRepository', () => {
    const alertFor = (participantId: string, priority: 'urgent' | 'high' | 'normal', createdAt: string) => ({
      participantId,
      type: priority === 'urgent' ? ('safeguarding' as const) : priority === 'high' ? ('at_risk' as const) : ('not_reached' as const),
      priority,
      data: { note: priority },
      sourceKey: randomUUID(),
      createdAt: new Date(createdAt),
    });

    it('raises an alert once per source key', async () => {
      const alerts = new AlertRepository(db);
      const p = await newParticipant();
      const alert = alertFor(p.id, 'urgent', '2026-03-06T10:00:00Z');
      const raised = await alerts.raise(alert);
      expect(raised).toMatchObject({ type: 'safeguarding', priority: 'urgent', status: 'open', data: { note: 'urgent' } });
      expect(await alerts.raise({ ...alert, data: { note: 'again' } })).toBeUndefined();
      expect(await alerts.list({ kind: 'all' }, { participantId: p.id })).toHaveLength(1);
      expect(await alerts.findById(raised?.id as string)).toEqual(raised);
    });

    it('lists urgent first, then by priority, then oldest first', async () => {
      const alerts = new AlertRepository(db);
      const p = await newParticipant();
      const raise = async (priority: 'urgent' | 'high' | 'normal', at: string) =>
        (await alerts.raise(alertFor(p.id, priority, at)))?.id;
      const normalNewer = await raise('normal', '2026-03-06T11:00:00Z');
      const urgentNewer = await raise('urgent', '2026-03-06T14:00:00Z');
      const high = await raise('high', '2026-03-06T12:00:00Z');
      const urgentOlder = await raise('urgent', '2026-03-06T13:00:00Z');
      const normalOlder = await raise('normal', '2026-03-06T10:00:00Z');
      const listed = await alerts.list({ kind: 'all' }, { participantId: p.id });
      expect(listed.map((a) => a.id)).toEqual([urgentOlder, urgentNewer, high, normalOlder, normalNewer]);
    });

    it('lists only the caller’s caseload and never an erased participant’s alerts', async () => {
      const alerts = new AlertRepository(db);
      const worker = await newStaff('key_worker');
      const team = `team-${randomUUID()}`;
      const mine = await newParticipant({ keyWorkerId: worker.id, team });
      const notMine = await newParticipant({ team });
      const erased = await newParticipant({ keyWorkerId: worker.id, team });
      await setInWork(notMine.id, '2026-02-02');
      await setInWork(erased.id, '2026-02-02');
      const mineAlert = await alerts.raise(alertFor(mine.id, 'high', '2026-03-07T10:00:00Z'));
      const notMineAlert = await alerts.raise(alertFor(notMine.id, 'normal', '2026-03-07T10:00:00Z'));
      await alerts.raise(alertFor(erased.id, 'urgent', '2026-03-07T10:00:00Z'));
      await new ParticipantRepository(db).erase(erased.id, new Date());

      expect((await alerts.list({ kind: 'key_worker', staffId: worker.id }, {})).map((a) => a.id)).toEqual([mineAlert?.id]);
      expect((await alerts.list({ kind: 'in_work_team', team }, {})).map((a) => a.id)).toEqual([notMineAlert?.id]);
      expect(await alerts.list({ kind: 'in_work_team', team: null }, {})).toEqual([]);
      const all = (await alerts.list({ kind: 'all' }, {})).map((a) => a.participant_id);
      expect(all).toEqual(expect.arrayContaining([mine.id, notMine.id]));
      expect(all).not.toContain(erased.id);
    });

    it('acknowledges an open alert once and filters by status', async () => {
      const alerts = new AlertRepository(db);
      const worker = await newStaff();
      const other = await newStaff();
      const p = await newParticipant({ keyWorkerId: worker.id });
      const raised = await alerts.raise(alertFor(p.id, 'normal', '2026-03-08T10:00:00Z'));
      const id = raised?.id as string;
      const at = new Date('2026-03-08T11:00:00Z');
      const acknowledged = await alerts.acknowledge(id, worker.id, 'Called, all fine', at);
      expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledged_by: worker.id, acknowledged_at: at, note: 'Called, all fine' });
      expect(await alerts.acknowledge(id, other.id, 'me too', new Date())).toBeUndefined();
      expect(await alerts.findById(id)).toMatchObject({ acknowledged_by: worker.id, note: 'Called, all fine' });
      const scope = { kind: 'key_worker' as const, staffId: worker.id };
      expect(await alerts.list(scope, { status: 'open' })).toEqual([]);
      expect((await alerts.list(scope, { status: 'acknowledged' })).map((a) => a.id)).toEqual([id]);
    });
  });

  describe('WritebackRepository', () => {
    const payloadFor = (participantId: string): WritebackPayload => ({
      participantId,
      sourceKey: `turn-${randomUUID()}`,
      at: '2026-03-09T10:00:00.000Z',
      events: [{ type: 'checkin.response', key: 'answer', data: { answer: 'good' } }],
      alerts: [],
      replies: [{ text: 'Thanks for letting us know.', kind: 'reply' }],
    });

    it('saves an outcome once per source key and returns the same id', async () => {
      const writebacks = new WritebackRepository(db);
      const p = await newParticipant();
      const payload = payloadFor(p.id);
      const id = await writebacks.save(payload);
      expect(await writebacks.save({ ...payload, events: [] })).toBe(id);
      const rows = await db.selectFrom('pending_writebacks').select('id').where('source_key', '=', payload.sourceKey).execute();
      expect(rows).toHaveLength(1);
    });

    it('locks the person and claims their outcomes still waiting up to one of them, oldest first', async () => {
      const writebacks = new WritebackRepository(db);
      const p = await newParticipant();
      const other = await newParticipant();
      const payloads = [payloadFor(p.id), payloadFor(p.id), payloadFor(p.id)];
      const first = await writebacks.save(payloads[0]!);
      const second = await writebacks.save(payloads[1]!);
      const third = await writebacks.save(payloads[2]!);
      const someoneElses = await writebacks.save(payloadFor(other.id));
      const at = new Date('2026-03-09T10:00:05Z');
      const claim = (id: string) => db.transaction().execute((tx) => new WritebackRepository(tx).lockOwnerClaimThroughAndRecordEvents(id, at));
      const found = await claim(second);
      expect(found?.owner).toEqual(await new ParticipantRepository(db).findById(p.id));
      expect(found?.claimed.map((w) => w.id)).toEqual([first, second]);
      const { events: _events, ...rest } = payloads[0]!;
      expect(found?.claimed[0]).toEqual({ id: first, seq: expect.any(String), participantId: p.id, payload: rest, eventsRecorded: true, appliedAt: at });
      expect(await writebacks.find(first)).toMatchObject({ appliedAt: at });
      expect(await writebacks.find(third)).toMatchObject({ appliedAt: null });
      expect(await writebacks.find(someoneElses)).toMatchObject({ appliedAt: null });
      // Claimed once: a second claim up to the same outcome finds nothing; an unknown one claims nothing.
      expect(await claim(second)).toBeUndefined();
      expect(await claim(randomUUID())).toBeUndefined();
      expect((await claim(third))?.claimed.map((w) => w.id)).toEqual([third]);
    });

    it('records the claimed outcomes\' events in order, keyed as applyWriteback keys them, unless an earlier one raises alerts', async () => {
      const writebacks = new WritebackRepository(db);
      const p = await newParticipant();
      const appointmentId = randomUUID();
      const firstPayload: WritebackPayload = {
        ...payloadFor(p.id),
        events: [
          { type: 'appointment.confirmed', key: 'confirm', appointmentId, data: { reply: 'yes', nested: { list: [1, 'two'] } } },
          { type: 'checkin.response', key: 'answer', data: { answer: 'good' } },
        ],
        alerts: [{ type: 'message_for_key_worker', key: 'note', data: {} }],
      };
      const secondPayload = payloadFor(p.id);
      await writebacks.save(firstPayload);
      const second = await writebacks.save(secondPayload);
      const at = new Date('2026-03-09T10:00:05Z');
      const found = await db.transaction().execute((tx) => new WritebackRepository(tx).lockOwnerClaimThroughAndRecordEvents(second, at));
      // The first outcome's events are recorded; the second's wait for the first's alert.raised event.
      expect(found?.claimed.map((w) => w.eventsRecorded)).toEqual([true, false]);
      expect(found?.claimed[1]?.payload).toEqual(secondPayload);
      const events = await new CaseRecordRepository(db).listForParticipant(p.id);
      expect(events.map((e) => ({ type: e.type, at: e.at, appointmentId: e.appointment_id, data: e.data, sourceKey: e.source_key }))).toEqual([
        {
          type: 'appointment.confirmed',
          at: new Date(firstPayload.at),
          appointmentId,
          data: { reply: 'yes', nested: { list: [1, 'two'] } },
          sourceKey: sourceKeys.writebackEvent(firstPayload.sourceKey, 'appointment.confirmed', 'confirm'),
        },
        {
          type: 'checkin.response',
          at: new Date(firstPayload.at),
          appointmentId: null,
          data: { answer: 'good' },
          sourceKey: sourceKeys.writebackEvent(firstPayload.sourceKey, 'checkin.response', 'answer'),
        },
      ]);
    });

    it('records no events for an erased person, and leaves their outcomes with their events', async () => {
      const writebacks = new WritebackRepository(db);
      const p = await newParticipant();
      const payload = payloadFor(p.id);
      const id = await writebacks.save(payload);
      await db.updateTable('participants').set({ erased_at: new Date() }).where('id', '=', p.id).execute();
      const found = await db.transaction().execute((tx) => new WritebackRepository(tx).lockOwnerClaimThroughAndRecordEvents(id, new Date()));
      expect(found?.claimed).toEqual([expect.objectContaining({ id, eventsRecorded: false, payload })]);
      expect(await new CaseRecordRepository(db).listForParticipant(p.id)).toEqual([]);
    });

    // One connection on PGlite: two transactions cannot be in flight there.
    if (engine === 'postgres')
      it('takes the person\'s lock before any outcome\'s, and claims what is still waiting once it has it', async () => {
      const p = await newParticipant();
      const id = await new WritebackRepository(db).save(payloadFor(p.id));
      let releaseHolder!: () => void;
      const held = new Promise<void>((resolve) => (releaseHolder = resolve));
      let holderLocked!: () => void;
      const locked = new Promise<void>((resolve) => (holderLocked = resolve));
      const holder = db.transaction().execute(async (tx) => {
        await new ParticipantRepository(tx).lockForUpdate(p.id);
        holderLocked();
        await held;
        await tx.updateTable('pending_writebacks').set({ applied_at: new Date() }).where('id', '=', id).execute();
      });
      await locked;
      const claim = db.transaction().execute((tx) => new WritebackRepository(tx).lockOwnerClaimThroughAndRecordEvents(id, new Date()));
      // While the claim waits for the person, the outcome's row is not locked by it.
      await eventually(
        async () => Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db)).rows[0]?.n) > 0,
        10_000,
        'the claim waiting for the person',
      );
      const free = await db.transaction().execute((tx) =>
        sql<{ id: string }>`select id from pending_writebacks where id = ${id} for update nowait`.execute(tx),
      );
      expect(free.rows).toHaveLength(1);
      releaseHolder();
      await holder;
      // The holder applied it meanwhile: the claim, once it has the person, finds nothing left.
      expect(await claim).toBeUndefined();
    });

    it('lists unapplied outcomes older than a time, oldest first', async () => {
      const writebacks = new WritebackRepository(db);
      const p = await newParticipant();
      const older = await writebacks.save(payloadFor(p.id));
      const old = await writebacks.save(payloadFor(p.id));
      const applied = await writebacks.save(payloadFor(p.id));
      const fresh = await writebacks.save(payloadFor(p.id));
      await age('pending_writebacks', older, 3 * AN_HOUR);
      await age('pending_writebacks', old, 2 * AN_HOUR);
      await age('pending_writebacks', applied, 2 * AN_HOUR);
      await db.updateTable('pending_writebacks').set({ applied_at: new Date() }).where('id', '=', applied).execute();
      const ids = await writebacks.listUnapplied(new Date(Date.now() - AN_HOUR), 1000);
      expect(ids.filter((id) => [older, old, applied, fresh].includes(id))).toEqual([older, old]);
      expect(await writebacks.listUnapplied(inAMinute(), 1000)).toContain(fresh);
      expect(await writebacks.listUnapplied(inAMinute(), 1)).toHaveLength(1);
    });
  });

  describe('BotStateRepository (botbuilder Storage eTag rules)', () => {
    const key = () => `sms/conversations/${randomUUID()}/`;

    it('writes a new item and reads it back with its eTag', async () => {
      const state = new BotStateRepository(db);
      const k = key();
      const eTag = await state.write(k, { step: 'asked' }, undefined, null);
      expect(eTag).toEqual(expect.any(String));
      expect((await state.read([k, key()])).get(k)).toEqual({ data: { step: 'asked' }, eTag });
      expect((await state.read([k, key()])).size).toBe(1);
      expect((await state.read([])).size).toBe(0);
    });

    it('writes over a matching eTag and returns a new one', async () => {
      const state = new BotStateRepository(db);
      const p = await newParticipant();
      const k = key();
      const first = await state.write(k, { step: 'asked' }, undefined, p.id);
      const second = await state.write(k, { step: 'answered' }, first, p.id);
      expect(second).not.toBe(first);
      expect((await state.read([k])).get(k)).toEqual({ data: { step: 'answered' }, eTag: second });
    });

    it('refuses a write with a stale eTag and keeps what is stored', async () => {
      const state = new BotStateRepository(db);
      const k = key();
      const first = await state.write(k, { step: 'asked' }, undefined, null);
      const second = await state.write(k, { step: 'answered' }, first, null);
      await expect(state.write(k, { step: 'late' }, first, null)).rejects.toBeInstanceOf(StateConflictError);
      expect((await state.read([k])).get(k)).toEqual({ data: { step: 'answered' }, eTag: second });
    });

    it('overwrites whatever is stored when the eTag is *', async () => {
      const state = new BotStateRepository(db);
      const k = key();
      await state.write(k, { step: 'asked' }, undefined, null);
      const forced = await state.write(k, { step: 'forced' }, '*', null);
      expect((await state.read([k])).get(k)).toEqual({ data: { step: 'forced' }, eTag: forced });
      const fresh = key();
      await state.write(fresh, { step: 'new' }, '*', null);
      expect((await state.read([fresh])).get(fresh)?.data).toEqual({ step: 'new' });
    });

    it('deletes items, after which an old eTag is a conflict', async () => {
      const state = new BotStateRepository(db);
      const k = key();
      const kept = key();
      const eTag = await state.write(k, { step: 'asked' }, undefined, null);
      await state.write(kept, { step: 'kept' }, undefined, null);
      await state.delete([k]);
      await state.delete([]);
      const read = await state.read([k, kept]);
      expect(read.has(k)).toBe(false);
      expect(read.has(kept)).toBe(true);
      await expect(state.write(k, { step: 'late' }, eTag, null)).rejects.toBeInstanceOf(StateConflictError);
    });

    it('deletes a participant’s state only', async () => {
      const state = new BotStateRepository(db);
      const p = await newParticipant();
      const other = await newParticipant();
      const theirs = key();
      const others = key();
      await state.write(theirs, { memory: 'x' }, undefined, p.id);
      await state.write(others, { memory: 'y' }, undefined, other.id);
      await state.deleteForParticipant(p.id);
      const read = await state.read([theirs, others]);
      expect([...read.keys()]).toEqual([others]);
    });
  });
});
