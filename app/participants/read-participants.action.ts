import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Db } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import { participantInCaseload } from '../participant-in-caseload.js';

/** What staff read of the participants in their caseload; reading writes nothing. */
export class ReadParticipants {
  constructor(private readonly deps: { db: Db }) {}

  /** The caseload (admin: everyone; team lead: the team's; in-work team: people in work in its team; …). */
  async list(staff: StaffIdentity) {
    return new ParticipantRepository(this.deps.db).list(caseloadOf(staff));
  }

  /** One participant with their open alerts, next appointment, latest job with its check-ins, and confidence. */
  async one(staff: StaffIdentity, id: string, now: Date) {
    const { db } = this.deps;
    const participant = await participantInCaseload(db, staff, id);
    const openAlerts = await new AlertRepository(db).list({ kind: 'all' }, { status: 'open', participantId: participant.id });
    const [nextAppointment] = await new AppointmentRepository(db).listUpcoming(participant.id, now);
    const latestJob = await new JobStartRepository(db).latest(participant.id);
    const job = latestJob ? { job: latestJob, checkIns: await new CheckInRepository(db).listForJob(latestJob.id) } : null;
    const scores = await new QuestionSessionRepository(db).scores(participant.id);
    return { participant, openAlerts, nextAppointment, job, scores };
  }

  /** The case record, oldest first. */
  async record(staff: StaffIdentity, id: string) {
    const participant = await participantInCaseload(this.deps.db, staff, id);
    return new CaseRecordRepository(this.deps.db).listForParticipant(participant.id);
  }

  /** The conversation, in and out, oldest first. */
  async messages(staff: StaffIdentity, id: string) {
    const participant = await participantInCaseload(this.deps.db, staff, id);
    return new MessageRepository(this.deps.db).listForParticipant(participant.id);
  }

  /** Every appointment, soonest first, each with its reminders. */
  async appointments(staff: StaffIdentity, id: string) {
    const participant = await participantInCaseload(this.deps.db, staff, id);
    const appointments = await new AppointmentRepository(this.deps.db).listForParticipant(participant.id);
    const reminders = new ReminderRepository(this.deps.db);
    return Promise.all(appointments.map(async (appointment) => ({ appointment, reminders: await reminders.listForAppointment(appointment.id) })));
  }

  /** Subject access request: everything held about one person. */
  async everything(staff: StaffIdentity, id: string) {
    const { db } = this.deps;
    const participant = await participantInCaseload(db, staff, id);
    const [events, messages, alerts, appointments, jobs, sessions] = await Promise.all([
      new CaseRecordRepository(db).listForParticipant(participant.id),
      new MessageRepository(db).listForParticipant(participant.id),
      new AlertRepository(db).list({ kind: 'all' }, { participantId: participant.id }),
      new AppointmentRepository(db).listForParticipant(participant.id),
      new JobStartRepository(db).listForParticipant(participant.id),
      new QuestionSessionRepository(db).listForParticipant(participant.id),
    ]);
    const checkIns = new CheckInRepository(db);
    const jobsWithCheckIns = [];
    for (const job of jobs) jobsWithCheckIns.push({ job, checkIns: await checkIns.listForJob(job.id) });
    return { participant, events, messages, alerts, appointments, jobs: jobsWithCheckIns, sessions };
  }
}
