import type { StaffIdentity } from '../../domain/caseload.js';
import { planCheckIns } from '../../domain/in-work/check-in-schedule.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Tx } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { InvalidFieldError } from '../action-errors.js';
import { stopCheckIns, type InWorkDeps, type JobWithCheckIns } from './in-work-schedule.js';
import { participantInCaseload } from '../participant-in-caseload.js';

export interface JobStartInput {
  startDate: string;
  employer: string | null;
  hoursPerWeek: number | null;
}

/**
 * POST /api/participants/:id/job-start: in-work check-ins are scheduled from that date (weeks from the team policy).
 * An in-work adviser named here is introduced by name in their first check-in, not by a separate message.
 */
export class StartJob {
  constructor(private readonly deps: InWorkDeps) {}

  async execute(staff: StaffIdentity, participantId: string, input: JobStartInput & { inWorkAdviserId?: string | undefined }): Promise<JobWithCheckIns> {
    const { db, clock, timeZone, queues, logger } = this.deps;
    const adviser = input.inWorkAdviserId ? await new StaffRepository(db).findActiveById(input.inWorkAdviserId) : undefined;
    if (input.inWorkAdviserId && adviser?.role !== 'in_work_team') throw new InvalidFieldError('inWorkAdviserId', 'is not in an in-work team');
    const now = clock.now();
    const started = await db.transaction().execute(async (tx) => {
      const participant = await participantInCaseload(tx, staff, participantId, { lock: true });
      const current = adviser ? await new ParticipantRepository(tx).update(participant.id, { inWorkAdviserId: adviser.id }) : participant;
      const job = { startDate: input.startDate, employer: input.employer, hoursPerWeek: input.hoursPerWeek };
      return startJob(tx, current ?? participant, job, { now, timeZone, staffId: staff.id });
    });
    const scheduled = started.checkIns.filter((c) => c.status === 'scheduled' && c.send_at).map((c) => ({ id: c.id, sendAt: c.send_at as Date }));
    await queues.enqueueCheckIns(scheduled, now).catch((error: unknown) => logger.warn({ err: error }, 'check-ins not enqueued; the sweep will add them'));
    return started;
  }
}

export interface JobStartContext {
  now: Date;
  timeZone: string;
  staffId: string | null;
}

/**
 * A job start and its in-work check-ins, planned from the team policy at the moment it is recorded, in the caller's
 * transaction (the participant already locked). A job start recorded again replaces the earlier one's schedule.
 */
export async function startJob(
  tx: Tx,
  participant: ParticipantRow,
  input: JobStartInput,
  ctx: JobStartContext,
): Promise<JobWithCheckIns> {
  const { now, timeZone } = ctx;
  const { created: job, replaced } = await new JobStartRepository(tx).start({ participantId: participant.id, ...input, createdBy: ctx.staffId }, now);
  if (replaced) await stopCheckIns(tx, replaced.id, 'a new job start was recorded');
  const policy = await new TeamPolicyRepository(tx).get(participant.team);
  const checkIns = await new CheckInRepository(tx).savePlan(job.id, participant.id, planCheckIns({ startDate: input.startDate, policy, now, timeZone }));
  await new CaseRecordRepository(tx).append({
    participantId: participant.id,
    type: 'job.started',
    at: now,
    data: {
      jobStartId: job.id,
      startDate: job.start_date,
      employer: job.employer,
      hoursPerWeek: job.hours_per_week,
      recordedBy: ctx.staffId,
      checkInWeeks: checkIns.filter((c) => c.status === 'scheduled').map((c) => c.week),
    },
    sourceKey: sourceKeys.jobStarted(job.id),
  });
  return { job, checkIns };
}
