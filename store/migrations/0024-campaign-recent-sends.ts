import { type Kysely, sql } from 'kysely';

/** A campaign message that runs late looks up its campaign's sends around now (CampaignRepository.countAround, sentSince). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index campaign_recipients_sent on campaign_recipients (campaign_id, sent_at) where status = 'sent'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists campaign_recipients_sent`.execute(db);
}
