import type { InWorkWordingContext } from '../../domain/wording/in-work-wording.js';
import type { Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';

/**
 * Who an in-work message is from (the in-work adviser, else the key worker), and whether it should introduce them:
 * the first message from a newly assigned adviser names them properly (a handover message counts, and records it);
 * without an adviser, the first in-work message of a job does.
 */
export async function inWorkWording(
  tx: Tx,
  participant: ParticipantRow,
  programmeName: string,
  jobStartId: string | null,
): Promise<{ context: InWorkWordingContext; introduce: boolean; markIntroduced: () => Promise<void> }> {
  const staff = new StaffRepository(tx);
  const adviser = participant.in_work_adviser_id ? await staff.findById(participant.in_work_adviser_id) : undefined;
  const keyWorker = !adviser && participant.key_worker_id ? await staff.findById(participant.key_worker_id) : undefined;
  const context = {
    firstName: participant.first_name ?? '',
    adviserName: adviser?.name ?? keyWorker?.name ?? null,
    programmeName,
    language: participant.language,
  };
  const introduce = adviser
    ? participant.introduced_adviser_id !== adviser.id
    : jobStartId !== null && !(await new QuestionSessionRepository(tx).anyForJob(participant.id, jobStartId));
  return {
    context,
    introduce,
    markIntroduced: async () => {
      if (!adviser || !introduce) return;
      await new ParticipantRepository(tx).markAdviserIntroduced(participant.id, adviser.id);
    },
  };
}
