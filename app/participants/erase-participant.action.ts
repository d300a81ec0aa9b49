import { AlertRepository } from '../../store/alert.repository.js';
import { BotStateRepository } from '../../store/bot-state.repository.js';
import { CampaignRepository } from '../../store/campaign.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import { WritebackRepository } from '../../store/writeback.repository.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { participantInCaseload } from '../participant-in-caseload.js';

/** DELETE /api/participants/:id: erasure of someone in the caller's caseload (see `eraseParticipant`). */
export class EraseParticipant {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async execute(staff: StaffIdentity, id: string): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      await participantInCaseload(tx, staff, id);
      await eraseParticipant(tx, id, this.deps.clock.now(), staff.id);
    });
  }
}

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
  // In work: where they work and what they answered go, and nothing still waiting is sent.
  await new JobStartRepository(tx).eraseForParticipant(participantId);
  await new CheckInRepository(tx).cancelScheduledForParticipant(participantId, 'participant erased');
  await new QuestionSessionRepository(tx).eraseForParticipant(participantId);
  await new CampaignRepository(tx).skipPendingForParticipant(participantId, 'erased');
  await new CaseRecordRepository(tx).append({
    participantId,
    type: 'participant.erased',
    at,
    data: { erasedBy },
    sourceKey: sourceKeys.participantErased(participantId),
  });
  return true;
}
