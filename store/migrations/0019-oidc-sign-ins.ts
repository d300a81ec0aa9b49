import { type Kysely, sql } from 'kysely';

/**
 * Organisation sign-ins under way: one row from the moment we send a browser to the identity provider until it
 * comes back (or ten minutes pass). The row is deleted as it is used, so a callback replayed with the same `state`
 * finds nothing. Only the SHA-256 of `state` is the key; the nonce and PKCE verifier never leave the server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_pending_sign_ins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('oidc_pending_sign_ins_created').on('oidc_pending_sign_ins').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_pending_sign_ins').ifExists().execute();
}
