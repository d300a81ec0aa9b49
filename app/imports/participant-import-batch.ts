import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { ImportedParticipant } from '../../domain/imports/participant-import.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Tx } from '../../store/database.js';
import { DuplicateExternalRefError, DuplicatePhoneError, ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import type { AddedParticipant, AddParticipant, AddParticipantInput } from '../participants/add-participant.action.js';
import { handOverParticipant } from '../participants/hand-over-participant.action.js';
import {
  ALREADY_REGISTERED,
  IMPORT_CONSENT_BASIS,
  importedChanges,
  matchImportedRow,
  namedKeyWorker,
  type Rejection,
  type RowChanges,
  startOfDay,
} from './participant-import-match.js';

export type RowOutcome = { kind: 'created' | 'updated' | 'unchanged'; welcome?: AddedParticipant['welcome']; queuedMessageIds?: string[] } | Rejection;

export interface BatchRow {
  /** As the spreadsheet numbers it. */
  row: number;
  participant: ImportedParticipant;
}

export interface ParticipantBatchDeps {
  addParticipant: AddParticipant;
  timeZone: string;
  programmeName: string;
}

interface BatchContext {
  staff: StaffIdentity;
  keyWorkers: KeyWorkersByEmail;
  now: Date;
}

const DEADLOCK_DETECTED = '40P01';

/**
 * Writes a batch of checked rows in the caller's transaction, each all or nothing, and says what became of each.
 * First all at once: the people the batch names are read (and locked) in one query, every row is decided in
 * memory in file order, and the new people go in with one statement per table. If that write fails (someone
 * outside the import took a number or CRM id since the read), it is rolled back and the batch is written again a
 * row at a time, each row in a savepoint of its own, so only the row that clashes is rejected.
 */
export class ParticipantBatchWriter {
  constructor(private readonly deps: ParticipantBatchDeps) {}

  async write(tx: Tx, batch: readonly BatchRow[], staff: StaffIdentity, keyWorkers: KeyWorkersByEmail, now: Date): Promise<RowOutcome[]> {
    const context: BatchContext = { staff, keyWorkers, now };
    await new ParticipantRepository(tx).takeImportTurn();
    await keyWorkers.load(tx, batch.flatMap((r) => (r.participant.keyWorkerEmail !== undefined ? [r.participant.keyWorkerEmail] : [])));
    await sql`savepoint import_batch`.execute(tx);
    try {
      const outcomes = await this.writeAtOnce(tx, batch, context);
      await sql`release savepoint import_batch`.execute(tx);
      return outcomes;
    } catch (error) {
      if (!isWriteClash(error)) throw error;
      await sql`rollback to savepoint import_batch`.execute(tx);
      await sql`release savepoint import_batch`.execute(tx);
    }
    const outcomes: RowOutcome[] = [];
    for (const { participant } of batch) outcomes.push(await this.writeOneRow(tx, participant, context));
    return outcomes;
  }

  private async writeAtOnce(tx: Tx, batch: readonly BatchRow[], context: BatchContext): Promise<RowOutcome[]> {
    const onRecord = new PeopleOnRecord(
      await new ParticipantRepository(tx).lockByPhonesOrRefs(
        batch.map((r) => r.participant.phone),
        batch.flatMap((r) => (r.participant.externalRef !== undefined ? [r.participant.externalRef] : [])),
      ),
    );
    const outcomes: RowOutcome[] = [];
    const toCreate: Array<{ index: number; input: AddParticipantInput }> = [];
    // In file order, against the people as the earlier rows of the batch have left them (a row may free a number
    // that a later row then takes), exactly as one row after another would find them.
    for (const [index, { participant: row }] of batch.entries()) {
      const named = namedKeyWorker(row, context.staff, context.keyWorkers.known(row.keyWorkerEmail));
      if ('kind' in named) {
        outcomes.push(named);
        continue;
      }
      const match = matchImportedRow(row, context.staff, onRecord.withRef(row.externalRef), onRecord.withPhone(row.phone));
      if (match.kind === 'rejected') outcomes.push(match);
      else if (match.kind === 'new') {
        toCreate.push({ index, input: this.newParticipant(row, named.keyWorker, context.staff) });
        outcomes.push({ kind: 'created' });
      } else {
        const diff = importedChanges(match.person, row, named.keyWorker, context.now, this.deps.timeZone);
        if (diff.fields.length === 0) outcomes.push({ kind: 'unchanged' });
        else {
          const { outcome, updated } = await this.update(tx, match.person, diff, context);
          onRecord.replace(match.person, updated);
          outcomes.push(outcome);
        }
      }
    }
    const added = await this.deps.addParticipant.writeMany(
      tx,
      toCreate.map((c) => c.input),
      context.now,
    );
    toCreate.forEach(({ index }, k) => (outcomes[index] = { kind: 'created', welcome: added[k]?.welcome }));
    return outcomes;
  }

  /** One row in a savepoint of its own, looking its people up afresh: a row that fails rolls back only itself. */
  private async writeOneRow(tx: Tx, row: ImportedParticipant, context: BatchContext): Promise<RowOutcome> {
    await sql`savepoint import_row`.execute(tx);
    try {
      const outcome = await this.decideAndWriteRow(tx, row, context);
      // A rejected row may have written nothing yet, but rolling back costs no more than releasing.
      if (outcome.kind === 'rejected') await sql`rollback to savepoint import_row`.execute(tx);
      await sql`release savepoint import_row`.execute(tx);
      return outcome;
    } catch (error) {
      // Someone else took the number or the CRM id between our look-up and our write.
      const rejected: RowOutcome | undefined =
        error instanceof DuplicatePhoneError
          ? { kind: 'rejected', field: 'phone', message: ALREADY_REGISTERED }
          : error instanceof DuplicateExternalRefError
            ? { kind: 'rejected', field: 'external_ref', message: ALREADY_REGISTERED }
            : undefined;
      if (!rejected) throw error;
      await sql`rollback to savepoint import_row`.execute(tx);
      await sql`release savepoint import_row`.execute(tx);
      return rejected;
    }
  }

  private async decideAndWriteRow(tx: Tx, row: ImportedParticipant, context: BatchContext): Promise<RowOutcome> {
    const named = namedKeyWorker(row, context.staff, context.keyWorkers.known(row.keyWorkerEmail));
    if ('kind' in named) return named;
    const participants = new ParticipantRepository(tx);
    const byRef = row.externalRef !== undefined ? await participants.findByExternalRef(row.externalRef) : undefined;
    const match = matchImportedRow(row, context.staff, byRef, await participants.findByPhone(row.phone));
    if (match.kind === 'rejected') return match;
    if (match.kind === 'new') {
      const added = await this.deps.addParticipant.write(tx, this.newParticipant(row, named.keyWorker, context.staff), context.now);
      return { kind: 'created', welcome: added.welcome };
    }
    const locked = (await participants.lockForUpdate(match.person.id)) ?? match.person;
    const diff = importedChanges(locked, row, named.keyWorker, context.now, this.deps.timeZone);
    if (diff.fields.length === 0) return { kind: 'unchanged' };
    return (await this.update(tx, locked, diff, context)).outcome;
  }

  private newParticipant(row: ImportedParticipant, keyWorker: StaffIdentity | undefined, staff: StaffIdentity): AddParticipantInput {
    return {
      firstName: row.firstName,
      lastName: row.lastName ?? null,
      phone: row.phone,
      channel: row.channel ?? 'sms',
      language: row.language ?? 'en',
      keyWorkerId: keyWorker?.id ?? (staff.role === 'key_worker' ? staff.id : null),
      team: keyWorker?.team ?? staff.team,
      referredAt: row.referredAt !== undefined ? startOfDay(row.referredAt, this.deps.timeZone) : null,
      consent: { contact: row.consent === true, basis: IMPORT_CONSENT_BASIS },
      externalRef: row.externalRef ?? null,
      createdBy: staff,
      source: 'csv_import',
    };
  }

  /** A changed person (locked by the caller): the row, `participant.updated`, and a welcome or handover when due. */
  private async update(tx: Tx, before: ParticipantRow, diff: RowChanges, context: BatchContext): Promise<{ outcome: RowOutcome; updated: ParticipantRow }> {
    const { changes, fields, newKeyWorker } = diff;
    const updated = (await new ParticipantRepository(tx).update(before.id, changes)) ?? before;
    await new CaseRecordRepository(tx).append({
      participantId: before.id,
      type: 'participant.updated',
      at: context.now,
      data: { updatedBy: context.staff.id, fields, source: 'csv_import' },
      sourceKey: `updated-${randomUUID()}`,
    });
    // Nothing is ever sent to someone without consent; someone who has just given it is welcomed, as a new person is.
    if (!updated.consent_contact) return { outcome: { kind: 'updated' }, updated };
    const welcome = changes.consent?.contact ? await this.deps.addParticipant.startWelcome(tx, updated, context.now) : undefined;
    const queuedMessageIds = newKeyWorker
      ? await handOverParticipant(tx, {
          participant: updated,
          role: 'key_worker',
          from: before.key_worker_id,
          to: newKeyWorker,
          reason: null,
          keyWorkerName: newKeyWorker.name,
          programmeName: this.deps.programmeName,
          now: context.now,
        })
      : [];
    return { outcome: { kind: 'updated', welcome, queuedMessageIds }, updated };
  }
}

/** A write that another writer's row got in the way of: worth doing again a row at a time. */
function isWriteClash(error: unknown): boolean {
  return (
    error instanceof DuplicatePhoneError ||
    error instanceof DuplicateExternalRefError ||
    (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK_DETECTED)
  );
}

/** The people a batch names, by phone and by CRM id, kept up to date as the batch's own rows change them. */
class PeopleOnRecord {
  private readonly byPhone = new Map<string, ParticipantRow>();
  private readonly byRef = new Map<string, ParticipantRow>();

  constructor(people: readonly ParticipantRow[]) {
    for (const person of people) this.add(person);
  }

  withPhone(phone: string): ParticipantRow | undefined {
    return this.byPhone.get(phone);
  }

  withRef(ref: string | undefined): ParticipantRow | undefined {
    return ref === undefined ? undefined : this.byRef.get(ref);
  }

  replace(before: ParticipantRow, after: ParticipantRow): void {
    if (before.phone !== null && this.byPhone.get(before.phone)?.id === before.id) this.byPhone.delete(before.phone);
    if (before.external_ref !== null && this.byRef.get(before.external_ref)?.id === before.id) this.byRef.delete(before.external_ref);
    this.add(after);
  }

  private add(person: ParticipantRow): void {
    if (person.phone !== null) this.byPhone.set(person.phone, person);
    if (person.external_ref !== null) this.byRef.set(person.external_ref, person);
  }
}

/**
 * Each email is looked up once per file; only key workers can be named. Looked up in the batch's transaction: the
 * embedded database has one connection, which that transaction holds.
 */
export class KeyWorkersByEmail {
  private readonly found = new Map<string, StaffIdentity | undefined>();

  async load(tx: Tx, emails: readonly string[]): Promise<void> {
    for (const email of new Set(emails)) {
      if (this.found.has(email)) continue;
      const staff = await new StaffRepository(tx).findByEmail(email);
      this.found.set(email, staff?.role === 'key_worker' ? staff : undefined);
    }
  }

  /** A key worker looked up by `load`; undefined for no email, or one that is no key worker's. */
  known(email: string | undefined): StaffIdentity | undefined {
    return email === undefined ? undefined : this.found.get(email);
  }
}
