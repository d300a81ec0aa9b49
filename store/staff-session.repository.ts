import type { StaffIdentity } from '../domain/caseload.js';
import type { Executor } from './database.js';

/** `staff_sessions` (migration 0009): the dashboard's sign-in sessions, by the hash of their secret. */
export interface StaffSessionsTable {
  id_hash: string;
  staff_id: string;
  token_fingerprint: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export interface OpenSession {
  idHash: string;
  staffId: string;
  tokenFingerprint: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ActiveSession {
  staff: StaffIdentity;
  /** The staff member's current token hash: a session outlives neither its token nor its staff row. */
  staffTokenHash: string;
  tokenFingerprint: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export class StaffSessionRepository {
  constructor(private readonly executor: Executor) {}

  private get db() {
    return this.executor.withTables<{ staff_sessions: StaffSessionsTable }>();
  }

  async open(session: OpenSession): Promise<void> {
    await this.db
      .insertInto('staff_sessions')
      .values({
        id_hash: session.idHash,
        staff_id: session.staffId,
        token_fingerprint: session.tokenFingerprint,
        created_at: session.createdAt,
        last_seen_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session and who it belongs to, if it has not yet passed its absolute expiry. */
  async findLive(idHash: string, now: Date): Promise<ActiveSession | undefined> {
    const row = await this.db
      .selectFrom('staff_sessions')
      .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
      .select([
        'staff.id',
        'staff.name',
        'staff.role',
        'staff.team',
        'staff.token_hash',
        'staff_sessions.token_fingerprint',
        'staff_sessions.last_seen_at',
        'staff_sessions.expires_at',
      ])
      .where('staff_sessions.id_hash', '=', idHash)
      .where('staff_sessions.expires_at', '>', now)
      .where('staff.deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      staff: { id: row.id, name: row.name, role: row.role, team: row.team },
      staffTokenHash: row.token_hash,
      tokenFingerprint: row.token_fingerprint,
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.db.updateTable('staff_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  }

  async close(idHash: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
  }

  /** Every session of one member of staff (switched off): returns how many ended. */
  async closeAllFor(staffId: string): Promise<number> {
    const result = await this.db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Sessions past their absolute expiry, or idle since before `idleBefore`, are of no use to anyone. */
  async deleteExpired(now: Date, idleBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The staff member's token hash now, which a new session is tied to. */
  async currentTokenHash(staffId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('staff').select('token_hash').where('id', '=', staffId).executeTakeFirst();
    return row?.token_hash;
  }
}
