import { type Kysely, sql } from 'kysely';

/**
 * The channel an outbound message stands in for: `whatsapp` on an SMS sent because WhatsApp's 24 hours had passed
 * (chosen before sending, or as the fallback of a message WhatsApp refused with 63016). Kept on the row so a retry
 * or a resend still records how it went.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages add column instead_of text check (instead_of in ('whatsapp'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages drop column if exists instead_of`.execute(db);
}
