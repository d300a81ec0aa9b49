import { sql } from 'kysely';
import type { CaseloadScope } from '../domain/caseload.js';
import { inCaseload } from './caseload-filter.js';
import type { Channel } from '../domain/channel.js';
import type { Reachability } from '../domain/sending/reachability.js';
import type { Executor } from './database.js';
import type { ParticipantRow } from './schema.js';

export interface NewParticipant {
  firstName: string;
  lastName?: string | null;
  phone: string;
  externalRef?: string | null;
  channel: Channel;
  language: string;
  keyWorkerId: string | null;
  team: string | null;
  referredAt: Date | null;
  /** Contact consent (default true): without it the person is on the caseload but is never texted. */
  consentContact?: boolean;
  consentBasis: string | null;
  consentAt: Date | null;
}

export interface ParticipantChanges {
  firstName?: string;
  lastName?: string;
  externalRef?: string;
  referredAt?: Date;
  consent?: { contact: boolean; basis: string | null; at: Date | null };
  phone?: string;
  channel?: Channel;
  language?: string;
  keyWorkerId?: string | null;
  inWorkAdviserId?: string | null;
  team?: string | null;
  mutedStreams?: string[];
}

export class DuplicatePhoneError extends Error {
  constructor() {
    super('A participant with this phone number already exists');
  }
}

export class DuplicateExternalRefError extends Error {
  constructor() {
    super('A participant with this external reference already exists');
  }
}

const EXTERNAL_REF_INDEX = 'participants_external_ref_live';

function duplicateError(error: unknown): Error | undefined {
  if (!isUniqueViolation(error)) return undefined;
  return (error as { constraint?: unknown }).constraint === EXTERNAL_REF_INDEX ? new DuplicateExternalRefError() : new DuplicatePhoneError();
}

const UNIQUE_VIOLATION = '23505';
// An advisory lock key of our own (store/database.ts holds another, around migrations).
const PARTICIPANT_IMPORT_LOCK_KEY = '7346275101290614818';

export class ParticipantRepository {
  constructor(private readonly db: Executor) {}

  async create(p: NewParticipant): Promise<ParticipantRow> {
    return (await this.createMany([p]))[0] as ParticipantRow;
  }

  /**
   * Many people in one statement (a CSV import's batch), returned in the order given. Phones (and CRM ids) must
   * differ from each other and from everyone's on record: the first clash fails the whole statement.
   */
  async createMany(people: readonly NewParticipant[]): Promise<ParticipantRow[]> {
    if (people.length === 0) return [];
    let rows: ParticipantRow[];
    try {
      rows = await this.db
        .insertInto('participants')
        .values(
          people.map((p) => ({
            first_name: p.firstName,
            last_name: p.lastName ?? null,
            phone: p.phone,
            external_ref: p.externalRef ?? null,
            channel: p.channel,
            language: p.language,
            key_worker_id: p.keyWorkerId,
            team: p.team,
            referred_at: p.referredAt,
            consent_contact: p.consentContact ?? true,
            consent_basis: p.consentBasis,
            consent_at: p.consentAt,
          })),
        )
        .returningAll()
        .execute();
    } catch (error) {
      throw duplicateError(error) ?? error;
    }
    // RETURNING promises no order: the phone, unique among the people on record, says which row is whose.
    const byPhone = new Map(rows.map((row) => [row.phone, row]));
    return people.map((p) => byPhone.get(p.phone) as ParticipantRow);
  }

  async findById(id: string, scope: CaseloadScope = { kind: 'all' }): Promise<ParticipantRow | undefined> {
    return this.scoped(scope).where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
  }

  async findByPhone(phone: string): Promise<ParticipantRow | undefined> {
    return this.db
      .selectFrom('participants')
      .selectAll()
      .where('phone', '=', phone)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
  }

  /**
   * The people on record (not erased) with any of these phones or CRM ids, locked for this transaction in id order
   * (as lockManyInCaseload locks, so two bulk writers never deadlock): one query for a batch of imported rows.
   */
  async lockByPhonesOrRefs(phones: readonly string[], externalRefs: readonly string[]): Promise<ParticipantRow[]> {
    if (phones.length === 0 && externalRefs.length === 0) return [];
    return this.db
      .selectFrom('participants')
      .selectAll()
      .where('erased_at', 'is', null)
      .where((eb) => eb.or([...(phones.length > 0 ? [eb('phone', 'in', [...phones])] : []), ...(externalRefs.length > 0 ? [eb('external_ref', 'in', [...externalRefs])] : [])]))
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  /** The person on record with this CRM id, whoever's caseload they are on (the caller decides what to say). */
  async findByExternalRef(externalRef: string): Promise<ParticipantRow | undefined> {
    return this.db
      .selectFrom('participants')
      .selectAll()
      .where('external_ref', '=', externalRef)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
  }

  async list(scope: CaseloadScope): Promise<ParticipantRow[]> {
    return this.scoped(scope).where('erased_at', 'is', null).orderBy('first_name').orderBy('id').execute();
  }

  async update(id: string, changes: ParticipantChanges): Promise<ParticipantRow | undefined> {
    try {
      return await this.db
        .updateTable('participants')
        .set({
          // A new number is a fresh start: the wrong-number mark belonged to the old one.
          ...(changes.firstName !== undefined && { first_name: changes.firstName }),
          ...(changes.lastName !== undefined && { last_name: changes.lastName }),
          ...(changes.externalRef !== undefined && { external_ref: changes.externalRef }),
          ...(changes.referredAt !== undefined && { referred_at: changes.referredAt }),
          ...(changes.consent !== undefined && {
            consent_contact: changes.consent.contact,
            consent_basis: changes.consent.basis,
            consent_at: changes.consent.at,
          }),
          ...(changes.phone !== undefined && { phone: changes.phone, wrong_number_at: null }),
          ...(changes.channel !== undefined && { channel: changes.channel }),
          ...(changes.language !== undefined && { language: changes.language }),
          ...(changes.keyWorkerId !== undefined && { key_worker_id: changes.keyWorkerId }),
          ...(changes.inWorkAdviserId !== undefined && { in_work_adviser_id: changes.inWorkAdviserId }),
          ...(changes.team !== undefined && { team: changes.team }),
          ...(changes.mutedStreams !== undefined && { muted_streams: JSON.stringify(changes.mutedStreams) }),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .where('erased_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      throw duplicateError(error) ?? error;
    }
  }

  /** STOP on any channel stops every stream: opt-out belongs to the person, not the channel. */
  async setOptedOut(id: string, optedOut: boolean, at: Date): Promise<void> {
    await this.db
      .updateTable('participants')
      .set({ opted_out: optedOut, opted_out_at: optedOut ? at : null, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** Someone at the number said it is not the participant's: nothing more is sent until the phone changes. */
  async markWrongNumber(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('participants')
      .set({ wrong_number_at: at, updated_at: at })
      .where('id', '=', id)
      .where('wrong_number_at', 'is', null)
      .execute();
  }

  /** The in-work adviser has been introduced to them by name (a handover message or their first check-in). */
  async markAdviserIntroduced(id: string, adviserId: string): Promise<void> {
    await this.db.updateTable('participants').set({ introduced_adviser_id: adviserId }).where('id', '=', id).execute();
  }

  /**
   * Participant imports take turns, a batch at a time, until this transaction ends: two imports would otherwise
   * wait on each other's new, uncommitted numbers in opposite orders (a deadlock), and the second one's look-ups
   * see what the first has committed.
   */
  async takeImportTurn(): Promise<void> {
    await sql`select pg_advisory_xact_lock(${PARTICIPANT_IMPORT_LOCK_KEY})`.execute(this.db);
  }

  /** Locks the row so concurrent writers of one person's record take turns. */
  async lockForUpdate(id: string): Promise<ParticipantRow | undefined> {
    return this.db.selectFrom('participants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** Locks many people in one statement, in id order so two bulk writers never deadlock. */
  async lockManyInCaseload(ids: readonly string[], scope: CaseloadScope): Promise<ParticipantRow[]> {
    if (ids.length === 0) return [];
    return this.scoped(scope)
      .where('id', 'in', [...new Set(ids)])
      .where('erased_at', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  /** Everyone a member of staff looks after (as key worker or in-work adviser), locked in id order. */
  async lockHeldBy(staffId: string): Promise<ParticipantRow[]> {
    return this.db
      .selectFrom('participants')
      .selectAll()
      .where((eb) => eb.or([eb('key_worker_id', '=', staffId), eb('in_work_adviser_id', '=', staffId)]))
      .where('erased_at', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  /** Erasure: personal data goes, the row (and so anonymous counts) stays. */
  async erase(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('participants')
      .set({
        first_name: null,
        last_name: null,
        phone: null,
        external_ref: null,
        referred_at: null,
        muted_streams: '[]',
        erased_at: at,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  private scoped(scope: CaseloadScope) {
    return this.db.selectFrom('participants').selectAll().where(inCaseload(scope));
  }

}

/** The parts of a participant row that decide whether a scheduled message may reach them. */
export function reachabilityOf(row: ParticipantRow): Reachability {
  return {
    erased: row.erased_at !== null,
    hasPhone: row.phone !== null,
    consent: row.consent_contact,
    optedOut: row.opted_out,
    wrongNumber: row.wrong_number_at !== null,
    mutedStreams: row.muted_streams,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
