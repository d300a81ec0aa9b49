import { sql } from 'kysely';
import type { Tx } from './database.js';

/**
 * Erasure of in-work data: where they work and what they answered go; nothing still waiting is sent (check-ins are
 * cancelled, campaign messages skipped, open questions stopped). Rows stay, so counts (check-ins sent, campaign
 * reach, how many answered) remain true.
 */
export async function eraseInWork(tx: Tx, participantId: string): Promise<void> {
  await tx
    .updateTable('job_starts')
    .set({ employer: null, hours_per_week: null, ended_reason: null, updated_at: sql<Date>`now()` })
    .where('participant_id', '=', participantId)
    .execute();
  await tx
    .updateTable('check_ins')
    .set({ status: 'cancelled', reason: 'participant erased', updated_at: sql<Date>`now()` })
    .where('participant_id', '=', participantId)
    .where('status', '=', 'scheduled')
    .execute();
  await tx
    .updateTable('question_sessions')
    .set({ answers: '{}', status: sql`case when status = 'open' then 'stopped' else status end`, updated_at: sql<Date>`now()` })
    .where('participant_id', '=', participantId)
    .execute();
  await tx
    .updateTable('campaign_recipients')
    .set({ status: 'skipped', reason: 'erased', updated_at: sql<Date>`now()` })
    .where('participant_id', '=', participantId)
    .where('status', '=', 'pending')
    .execute();
}
