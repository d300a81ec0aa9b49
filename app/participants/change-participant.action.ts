import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Channel } from '../../domain/channel.js';
import type { Clock } from '../../domain/time/clock.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import type { JobQueues } from '../../workers/queues.js';
import { NotFoundError } from '../action-errors.js';
import { handOverParticipant } from './hand-over-participant.action.js';
import { participantInCaseload } from '../participant-in-caseload.js';
import { keyWorkerFor, staffInRole } from '../staff/staff-in-role.js';

export interface ParticipantChangeInput {
  /** E.164, already checked to be a mobile. */
  phone?: string | undefined;
  channel?: Channel | undefined;
  language?: string | undefined;
  keyWorkerId?: string | undefined;
  inWorkAdviserId?: string | undefined;
  handoverReason?: string | undefined;
  mutedStreams?: string[] | undefined;
}

export interface ChangeParticipantDeps {
  db: Db;
  clock: Clock;
  programmeName: string;
  queues: Pick<JobQueues, 'enqueueSends'>;
  logger: Logger;
}

/**
 * PATCH /api/participants/:id: phone, channel, language, key worker, in-work adviser, muted streams. A new person
 * looking after them is introduced once, by name, with the reason; every edit is its own `participant.updated`.
 */
export class ChangeParticipant {
  constructor(private readonly deps: ChangeParticipantDeps) {}

  /** `fields`: the names the caller sent, as the record keeps them. */
  async execute(staff: StaffIdentity, id: string, input: ParticipantChangeInput, fields: string[]): Promise<ParticipantRow> {
    const { db, clock, programmeName, queues, logger } = this.deps;
    const keyWorker = input.keyWorkerId ? await keyWorkerFor(db, input.keyWorkerId, staff) : undefined;
    const adviser = input.inWorkAdviserId ? await staffInRole(db, input.inWorkAdviserId, 'in_work_team', 'inWorkAdviserId') : undefined;
    const now = clock.now();
    const { updated, queuedMessageIds } = await db.transaction().execute(async (tx) => {
      const before = await participantInCaseload(tx, staff, id);
      const row = await new ParticipantRepository(tx).update(id, {
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.channel !== undefined && { channel: input.channel }),
        ...(input.language !== undefined && { language: input.language }),
        ...(keyWorker && { keyWorkerId: keyWorker.id, team: keyWorker.team }),
        ...(adviser && { inWorkAdviserId: adviser.id }),
        ...(input.mutedStreams !== undefined && { mutedStreams: input.mutedStreams }),
      });
      if (!row) throw new NotFoundError('No such participant in your caseload');
      const handovers = [
        ...(keyWorker && keyWorker.id !== before.key_worker_id ? [{ person: keyWorker, role: 'key_worker' as const }] : []),
        ...(adviser && adviser.id !== before.in_work_adviser_id ? [{ person: adviser, role: 'in_work_adviser' as const }] : []),
      ];
      const queued: string[] = [];
      for (const { person, role } of handovers) {
        queued.push(
          ...(await handOverParticipant(tx, {
            participant: row,
            role,
            from: role === 'key_worker' ? before.key_worker_id : before.in_work_adviser_id,
            to: person,
            reason: input.handoverReason ?? null,
            keyWorkerName: keyWorker?.name ?? null,
            programmeName,
            now,
          })),
        );
      }
      await new CaseRecordRepository(tx).append({
        participantId: id,
        type: 'participant.updated',
        at: now,
        data: { updatedBy: staff.id, fields },
        // Each edit is its own source: two PATCHes are two events.
        sourceKey: `updated-${randomUUID()}`,
      });
      return { updated: row, queuedMessageIds: queued };
    });
    await queues.enqueueSends(queuedMessageIds).catch((error: unknown) => logger.warn({ err: error }, 'handover not enqueued; the sweep will send it'));
    return updated;
  }
}
