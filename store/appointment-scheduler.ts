import { randomUUID } from 'node:crypto';
import type { ReminderPolicy } from '../domain/appointment.types.js';
import { nextAllowedTime } from '../domain/quiet-hours.js';
import { planReminders } from '../domain/reminder-schedule.js';
import {
  appointmentCancelledMessage,
  appointmentChangedMessage,
} from '../domain/reminder-wording.js';
import type { EventType, JsonObject } from '../domain/case-record.types.js';
import { AppointmentRepository, type AppointmentChanges, type NewAppointment } from './appointment.repository.js';
import { applyWriteback } from './case-record-writer.js';
import { CaseRecordRepository } from './case-record.repository.js';
import type { Tx } from './database.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { ReminderRepository } from './reminder.repository.js';
import type { AppointmentRow, FollowUpRow, ParticipantRow, ReminderRow } from './schema.js';
import { StaffRepository } from './staff.repository.js';
import { TeamPolicyRepository } from './team-policy.repository.js';
import { sourceKeys } from '../domain/job-keys.js';

export interface SchedulingContext {
  now: Date;
  timeZone: string;
  programmeName: string;
  staffId: string;
}

/** What the caller does after the commit: add these reminder jobs, send these messages. */
export interface ScheduleResult {
  appointment: AppointmentRow;
  reminders: ReminderRow[];
  /** Jobs of earlier versions that will never fire now (removing them only saves Redis memory). */
  obsoleteJobIds: string[];
  queuedMessageIds: string[];
  /** A did-not-attend follow-up just started: its first step's job is the caller's to add. */
  followUp?: FollowUpRow;
}

/**
 * Appointment changes and their reminders, inside the caller's transaction. Every change is a new version whose
 * reminders get new job ids (`appt-{id}-v{version}-{offset}`); older reminders are closed in the database, and
 * the firing job re-checks the version anyway, so no reminder of an old version is ever sent.
 */
export class AppointmentScheduler {
  constructor(
    private readonly tx: Tx,
    private readonly ctx: SchedulingContext,
  ) {}

  async book(participant: ParticipantRow, input: Omit<NewAppointment, 'participantId' | 'createdBy'>): Promise<ScheduleResult> {
    const appointment = await new AppointmentRepository(this.tx).create({
      ...input,
      participantId: participant.id,
      createdBy: this.ctx.staffId,
    });
    const reminders = await this.plan(appointment, participant);
    await this.event(appointment, 'appointment.created', sourceKeys.appointmentCreated(appointment.id), createdData(appointment, this.ctx.staffId));
    return { appointment, reminders, obsoleteJobIds: [], queuedMessageIds: [] };
  }

  /**
   * Many bookings in a handful of statements (an import from a CRM, a clinic's whole week): the same rows, plans
   * and events as `book`, written together. The caller has locked the participants.
   */
  async bookMany(
    bookings: ReadonlyArray<{ participant: ParticipantRow; input: Omit<NewAppointment, 'participantId' | 'createdBy'> }>,
  ): Promise<ScheduleResult[]> {
    const policies = new Map<string, Awaited<ReturnType<TeamPolicyRepository['get']>>>();
    for (const { participant } of bookings) {
      const key = participant.team ?? '';
      if (!policies.has(key)) policies.set(key, await new TeamPolicyRepository(this.tx).get(participant.team));
    }
    const appointments = await new AppointmentRepository(this.tx).createMany(
      bookings.map(({ participant, input }) => ({ ...input, id: randomUUID(), participantId: participant.id, createdBy: this.ctx.staffId })),
    );
    const teamOf = new Map(bookings.map(({ participant }) => [participant.id, participant.team ?? '']));
    const reminders = await new ReminderRepository(this.tx).savePlans(
      appointments.map((appointment) => {
        const policy = policies.get(teamOf.get(appointment.participant_id) ?? '') as ReminderPolicy;
        return {
          appointmentId: appointment.id,
          participantId: appointment.participant_id,
          version: appointment.version,
          plan: planReminders({
            startsAt: appointment.starts_at,
            offsets: appointment.reminder_offsets ?? policy.defaultOffsets,
            policy,
            now: this.ctx.now,
            timeZone: this.ctx.timeZone,
          }),
        };
      }),
    );
    await new CaseRecordRepository(this.tx).appendMany(
      appointments.map((appointment) => ({
        participantId: appointment.participant_id,
        type: 'appointment.created' as const,
        at: this.ctx.now,
        appointmentId: appointment.id,
        data: createdData(appointment, this.ctx.staffId),
        sourceKey: sourceKeys.appointmentCreated(appointment.id),
      })),
    );
    const byAppointment = Map.groupBy(reminders, (r) => r.appointment_id);
    return appointments.map((appointment) => ({
      appointment,
      reminders: byAppointment.get(appointment.id) ?? [],
      obsoleteJobIds: [],
      queuedMessageIds: [],
    }));
  }

  async reschedule(before: AppointmentRow, participant: ParticipantRow, changes: AppointmentChanges): Promise<ScheduleResult> {
    const obsoleteJobIds = await this.closeReminders(before.id, 'superseded', `version ${before.version + 1}`);
    const appointment = await new AppointmentRepository(this.tx).reschedule(before.id, changes);
    const reminders = await this.plan(appointment, participant);
    await this.event(appointment, 'appointment.rescheduled', sourceKeys.appointmentRescheduled(appointment.id, appointment.version), {
      version: appointment.version,
      from: { startsAt: before.starts_at.toISOString(), location: before.location, title: before.title },
      to: { startsAt: appointment.starts_at.toISOString(), location: appointment.location, title: appointment.title },
      by: this.ctx.staffId,
    });
    const queuedMessageIds =
      appointment.starts_at > this.ctx.now
        ? await this.tell(participant, sourceKeys.appointmentChangedText(appointment.id, appointment.version), appointmentChangedMessage(await this.wording(participant), view(appointment)))
        : [];
    return { appointment, reminders, obsoleteJobIds, queuedMessageIds };
  }

  async cancel(before: AppointmentRow, participant: ParticipantRow, reason: string | null): Promise<ScheduleResult> {
    const obsoleteJobIds = await this.closeReminders(before.id, 'cancelled', 'appointment cancelled');
    const appointment = await new AppointmentRepository(this.tx).cancel(before.id, reason);
    await this.event(appointment, 'appointment.cancelled', sourceKeys.appointmentCancelled(appointment.id), {
      version: appointment.version,
      reason,
      by: this.ctx.staffId,
    });
    const queuedMessageIds =
      appointment.starts_at > this.ctx.now
        ? await this.tell(participant, sourceKeys.appointmentCancelled(appointment.id), appointmentCancelledMessage(await this.wording(participant), view(appointment)))
        : [];
    return { appointment, reminders: [], obsoleteJobIds, queuedMessageIds };
  }

  /**
   * Attendance. A did-not-attend starts the gentle follow-up (first message as soon as quiet hours allow) and
   * raises `dna_threshold` when the person's missed appointments in the team's window reach its threshold. Any
   * attendance ends follow-ups still running for earlier appointments.
   */
  async recordAttendance(before: AppointmentRow, participant: ParticipantRow, outcome: 'attended' | 'did_not_attend'): Promise<ScheduleResult> {
    const obsoleteJobIds = await this.closeReminders(before.id, 'cancelled', 'attendance recorded');
    const appointment = await new AppointmentRepository(this.tx).setAttendance(before.id, outcome);
    await this.event(
      appointment,
      outcome === 'attended' ? 'appointment.attended' : 'appointment.did_not_attend',
      sourceKeys.attendance(appointment.id, outcome),
      { version: appointment.version, by: this.ctx.staffId },
    );
    const followUps = new FollowUpRepository(this.tx);
    await followUps.endActiveFor(participant.id, 'stopped', 'new attendance recorded', 'dna');
    if (outcome === 'attended') return { appointment, reminders: [], obsoleteJobIds, queuedMessageIds: [] };

    const policy = await new TeamPolicyRepository(this.tx).get(participant.team);
    const followUp = await followUps.start({
      kind: 'dna',
      participantId: participant.id,
      appointmentId: appointment.id,
      days: policy.dnaFollowUpDays,
      startedAt: this.ctx.now,
      nextAt: nextAllowedTime(this.ctx.now, policy, this.ctx.timeZone),
    });
    const since = new Date(this.ctx.now.getTime() - policy.dnaWindowDays * 24 * 3600_000);
    const missed = await new AppointmentRepository(this.tx).countDnasSince(participant.id, since);
    if (missed >= policy.dnaAlertThreshold) {
      await applyWriteback(this.tx, {
        participantId: participant.id,
        sourceKey: sourceKeys.appointmentDidNotAttend(appointment.id),
        at: this.ctx.now.toISOString(),
        events: [],
        alerts: [
          {
            type: 'dna_threshold',
            key: 'threshold',
            data: { appointmentId: appointment.id, missed, threshold: policy.dnaAlertThreshold, windowDays: policy.dnaWindowDays },
          },
        ],
        replies: [],
      });
    }
    return { appointment, reminders: [], obsoleteJobIds, queuedMessageIds: [], followUp };
  }

  /** Closes the reminders still waiting and returns their job ids. */
  private async closeReminders(appointmentId: string, status: 'superseded' | 'cancelled', reason: string): Promise<string[]> {
    const reminders = new ReminderRepository(this.tx);
    const waiting = (await reminders.listForAppointment(appointmentId)).filter((r) => r.status === 'scheduled');
    await reminders.closeScheduled(appointmentId, status, reason);
    return waiting.map((r) => r.job_id);
  }

  private async plan(appointment: AppointmentRow, participant: ParticipantRow): Promise<ReminderRow[]> {
    const policy = await new TeamPolicyRepository(this.tx).get(participant.team);
    const plan = planReminders({
      startsAt: appointment.starts_at,
      offsets: appointment.reminder_offsets ?? policy.defaultOffsets,
      policy,
      now: this.ctx.now,
      timeZone: this.ctx.timeZone,
    });
    return new ReminderRepository(this.tx).savePlan(appointment.id, participant.id, appointment.version, plan);
  }

  private async event(appointment: AppointmentRow, type: EventType, sourceKey: string, data: JsonObject): Promise<void> {
    await new CaseRecordRepository(this.tx).append({
      participantId: appointment.participant_id,
      type,
      at: this.ctx.now,
      appointmentId: appointment.id,
      data,
      sourceKey,
    });
  }

  private async tell(participant: ParticipantRow, sourceKey: string, text: string): Promise<string[]> {
    const { queuedMessageIds } = await applyWriteback(this.tx, {
      participantId: participant.id,
      sourceKey,
      at: this.ctx.now.toISOString(),
      events: [],
      alerts: [],
      replies: [{ kind: 'notice', text }],
    });
    return queuedMessageIds;
  }

  private async wording(participant: ParticipantRow) {
    const keyWorker = participant.key_worker_id ? await new StaffRepository(this.tx).findById(participant.key_worker_id) : undefined;
    return {
      firstName: participant.first_name ?? '',
      keyWorkerName: keyWorker?.name ?? null,
      programmeName: this.ctx.programmeName,
      language: participant.language,
      timeZone: this.ctx.timeZone,
    };
  }
}

function createdData(appointment: AppointmentRow, staffId: string): JsonObject {
  return {
    title: appointment.title,
    startsAt: appointment.starts_at.toISOString(),
    location: appointment.location,
    mandatory: appointment.mandatory,
    version: appointment.version,
    by: staffId,
  };
}

export function view(appointment: AppointmentRow) {
  return {
    title: appointment.title,
    location: appointment.location,
    startsAt: appointment.starts_at,
    mandatory: appointment.mandatory,
  };
}
