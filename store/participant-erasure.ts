import { AlertRepository } from './alert.repository.js';
import { BotStateRepository } from './bot-state.repository.js';
import { CaseRecordRepository } from './case-record.repository.js';
import type { Tx } from './database.js';
import { MessageRepository } from './message.repository.js';
import { ParticipantRepository } from './participant.repository.js';
import { eraseInWork } from './in-work-erasure.js';
import { WritebackRepository } from './writeback.repository.js';
import { sourceKeys } from '../domain/job-keys.js';

/**
 * UK GDPR erasure in one transaction: names, numbers, message bodies, what events and alerts said, and the
 * conversation memory all go; the rows stay, so counts (messages, DNAs, alerts) remain true. Queued jobs
 * carry only ids, and anything not yet sent is suppressed, so nothing personal is left in Redis either.
 */
export async function eraseParticipant(tx: Tx, participantId: string, at: Date, erasedBy: string): Promise<boolean> {
  const participants = new ParticipantRepository(tx);
  const row = await participants.lockForUpdate(participantId);
  if (!row || row.erased_at) return false;
  await participants.erase(participantId, at);
  await new MessageRepository(tx).eraseForParticipant(participantId);
  await new CaseRecordRepository(tx).eraseForParticipant(participantId);
  await new AlertRepository(tx).eraseForParticipant(participantId);
  await new BotStateRepository(tx).deleteForParticipant(participantId);
  await new WritebackRepository(tx).deleteForParticipant(participantId);
  await eraseInWork(tx, participantId);
  await new CaseRecordRepository(tx).append({
    participantId,
    type: 'participant.erased',
    at,
    data: { erasedBy },
    sourceKey: sourceKeys.participantErased(participantId),
  });
  return true;
}
