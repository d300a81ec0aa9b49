import { MIN_LEAD_MS } from '../../domain/appointments/reminder-schedule.js';
import { describeUnreachable } from '../../domain/sending/reachability.js';
import { decideSend } from '../../domain/sending/send-gate.js';
import { reminderMessage } from '../../domain/wording/reminder-wording.js';
import type { Clock } from '../../domain/time/clock.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import { appointmentView } from './appointment-schedule.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import type { Db, Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import type { AppointmentRow, ParticipantRow, ReminderRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { experimentVariantFor } from '../campaigns/experiment-assignment.js';
import { sendGateFacts } from '../sending/send-gate.facts.js';
import { sourceKeys } from '../../domain/job-keys.js';

export interface FireReminderDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  programmeName: string;
  dailyCap: number;
}

export type FireOutcome =
  | { kind: 'sent'; messageIds: string[] }
  | { kind: 'deferred'; until: Date; reason: string }
  | { kind: 'closed'; status: string; reason: string };

/**
 * A reminder's job is due. Everything is checked again against the database at this moment — the appointment's
 * version, cancellation and attendance here, then the send gate (domain/sending/send-gate.ts: reachability, the deadline
 * 15 minutes before the appointment, quiet hours, bank holidays, the daily cap) — so a stale or duplicate job can
 * never send what should not be sent. Sending is handing one outbound row to the
 * sender, in the same transaction that marks the reminder sent.
 */
export class FireReminder {
  constructor(private readonly deps: FireReminderDeps) {}

  async execute(reminderId: string): Promise<FireOutcome> {
    return this.deps.db.transaction().execute(async (tx) => {
      const reminders = new ReminderRepository(tx);
      // The person is locked before their reminder, as every writer does (the API, turns, write-backs): one lock
      // order, so a reminder firing while a key worker changes the appointment can never deadlock.
      const owner = await reminders.findById(reminderId);
      const participant = owner && (await new ParticipantRepository(tx).lockForUpdate(owner.participant_id));
      const reminder = await reminders.lock(reminderId);
      if (!reminder || reminder.status !== 'scheduled') return { kind: 'closed', status: reminder?.status ?? 'missing', reason: 'not waiting' };
      const close = async (status: 'superseded' | 'cancelled' | 'skipped' | 'dropped', reason: string): Promise<FireOutcome> => {
        await reminders.finish(reminder.id, status, { reason });
        return { kind: 'closed', status, reason };
      };

      const appointment = await new AppointmentRepository(tx).findById(reminder.appointment_id);
      if (!appointment || appointment.version !== reminder.version) return close('superseded', 'appointment changed');
      if (appointment.status === 'cancelled') return close('cancelled', 'appointment cancelled');
      if (appointment.attendance) return close('cancelled', 'attendance recorded');

      if (!participant) return close('skipped', 'participant erased');
      const now = this.deps.clock.now();
      const decision = decideSend({
        ...(await sendGateFacts(tx, participant, 'reminder', now, this.deps.timeZone)),
        dueAt: reminder.due_at,
        deadline: new Date(appointment.starts_at.getTime() - MIN_LEAD_MS),
        dailyCap: this.deps.dailyCap,
        conversationWaits: 0,
      });
      if (decision.kind === 'drop') {
        return decision.reason === 'too_late' || decision.reason === 'in_conversation'
          ? close('dropped', decision.reason)
          : close('skipped', describeUnreachable(decision.reason, 'reminders'));
      }
      if (decision.kind === 'defer') {
        await reminders.moveSendAt(reminder.id, decision.until, decision.reason);
        return { kind: 'deferred', until: decision.until, reason: decision.reason };
      }

      return this.send(tx, reminder, appointment, participant, now, decision.overCap);
    });
  }

  private async send(tx: Tx, reminder: ReminderRow, appointment: AppointmentRow, participant: ParticipantRow, now: Date, overCap: boolean): Promise<FireOutcome> {
    const keyWorker = participant.key_worker_id ? await new StaffRepository(tx).findById(participant.key_worker_id) : undefined;
    // A wording experiment covering this person: their variant (drawn once, then kept), committed with the send.
    const experiment = await experimentVariantFor(tx, 'reminder', participant, now);
    const text = reminderMessage(
      {
        firstName: participant.first_name ?? '',
        keyWorkerName: keyWorker?.name ?? null,
        programmeName: this.deps.programmeName,
        language: participant.language,
        timeZone: this.deps.timeZone,
      },
      appointmentView(appointment),
      experiment?.variant,
    );
    const { queuedMessageIds } = await applyWriteback(tx, {
      participantId: participant.id,
      sourceKey: sourceKeys.reminder(reminder.job_id),
      at: now.toISOString(),
      events: [
        {
          type: 'reminder.sent',
          key: 'sent',
          appointmentId: appointment.id,
          data: { reminderId: reminder.id, offset: reminder.offset, version: reminder.version, dueAt: reminder.due_at.toISOString(), ...experiment, ...(overCap && { overCap }) },
        },
      ],
      alerts: [],
      replies: [{ kind: 'reminder', text }],
    });
    await new ReminderRepository(tx).finish(reminder.id, 'sent', {
      sentAt: now,
      ...(queuedMessageIds[0] && { messageId: queuedMessageIds[0] }),
    });
    return { kind: 'sent', messageIds: queuedMessageIds };
  }
}
