import { type Kysely, sql } from 'kysely';

/**
 * Two more roles: a team lead (sees and acts on the whole team's caseload) and a safeguarding lead (every
 * safeguarding alert of the programme, and the escalations). The role check from 0001 (PostgreSQL named it
 * `staff_role_check`) is replaced by a wider one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff drop constraint if exists staff_role_check`.execute(db);
  await sql`alter table staff add constraint staff_role_check
    check (role in ('key_worker', 'in_work_team', 'team_lead', 'safeguarding_lead', 'admin'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff drop constraint if exists staff_role_check`.execute(db);
  await sql`alter table staff add constraint staff_role_check check (role in ('key_worker', 'in_work_team', 'admin'))`.execute(db);
}
