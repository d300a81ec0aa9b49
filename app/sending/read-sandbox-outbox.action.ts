import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { MessageRow } from '../../store/schema.js';
import { participantInCaseload } from '../participant-in-caseload.js';

const OUTBOX_LIMIT = 500;

/** Sandbox mode: what would have been sent, newest first — to one participant, or to the caller's caseload (admin: all). */
export class ReadSandboxOutbox {
  constructor(private readonly deps: { db: Db }) {}

  async execute(staff: StaffIdentity, participantId: string | undefined): Promise<MessageRow[]> {
    const { db } = this.deps;
    if (participantId) {
      await participantInCaseload(db, staff, participantId);
    } else if (staff.role !== 'admin') {
      const mine = new Set((await new ParticipantRepository(db).list(caseloadOf(staff))).map((p) => p.id));
      const rows = await new MessageRepository(db).listOutbound(undefined, OUTBOX_LIMIT);
      return rows.filter((r) => r.participant_id && mine.has(r.participant_id));
    }
    return new MessageRepository(db).listOutbound(participantId, OUTBOX_LIMIT);
  }
}
