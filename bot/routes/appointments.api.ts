import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import { AppointmentScheduler, type ScheduleResult } from '../../store/appointment-scheduler.js';
import type { Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import type { AppointmentRow, ParticipantRow } from '../../store/schema.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { participantInCaseload } from './participant-in-caseload.js';
import { z } from 'zod';
import {
  MAX_BULK_APPOINTMENTS,
  appointmentSchema,
  bulkAppointmentsBody,
  attendanceBody,
  cancelAppointmentBody,
  createAppointmentBody,
  errorSchema,
  patchAppointmentBody,
} from './api-schemas.js';
import { appointmentJson } from './presenters.js';

export function appointmentRoutes(deps: ApiDeps): ApiRoute[] {
  const { db, clock, config, queues, logger } = deps;
  const schedulerFor = (tx: Tx, staff: StaffIdentity) =>
    new AppointmentScheduler(tx, {
      now: clock.now(),
      timeZone: config.PROGRAMME_TIMEZONE,
      programmeName: config.PROGRAMME_NAME,
      staffId: staff.id,
    });

  /** Locks the appointment (in the caller's caseload) and its participant. */
  const lockAppointment = async (tx: Tx, staff: StaffIdentity, id: string): Promise<{ appointment: AppointmentRow; participant: ParticipantRow }> => {
    const appointment = await new AppointmentRepository(tx).findInCaseload(id, caseloadOf(staff), true);
    const participant = appointment && (await new ParticipantRepository(tx).lockForUpdate(appointment.participant_id));
    if (!appointment || !participant) throw notFound('No such appointment in your caseload');
    return { appointment, participant };
  };

  /** After the commit: reminder jobs in, obsolete ones out, notices to the sender. Redis trouble loses nothing. */
  const afterCommit = async (result: Omit<ScheduleResult, 'appointment'>) => {
    const now = clock.now();
    const scheduled = result.reminders
      .filter((r) => r.status === 'scheduled' && r.send_at)
      .map((r) => ({ id: r.id, jobId: r.job_id, sendAt: r.send_at as Date }));
    await Promise.all([
      queues.enqueueReminders(scheduled, now),
      result.followUp?.next_at
        ? queues.enqueueFollowUps([{ id: result.followUp.id, step: result.followUp.step, at: result.followUp.next_at }], now)
        : undefined,
      queues.removeReminderJobs(result.obsoleteJobIds),
      queues.enqueueSends(result.queuedMessageIds),
    ]).catch((error: unknown) => logger.warn({ err: error }, 'scheduling jobs not enqueued; the sweep will add them'));
  };

  const answer = async (result: ScheduleResult, status = 200) => {
    await afterCommit(result);
    const reminders = await new ReminderRepository(db).listForAppointment(result.appointment.id);
    return { status, body: appointmentJson(result.appointment, reminders) };
  };

  const futureOrThrow = (startsAt: Date, path: string) => {
    if (startsAt <= clock.now()) {
      throw new ApiError(400, 'validation_failed', 'The appointment must be in the future', { fields: [{ path, message: 'is in the past' }] });
    }
  };

  const mustBeOpen = (appointment: AppointmentRow) => {
    if (appointment.status === 'cancelled') throw new ApiError(409, 'conflict', 'This appointment was cancelled');
  };

  return [
    route({
      method: 'post',
      path: '/api/participants/:id/appointments',
      summary: 'Book an appointment; reminders are scheduled by the team policy (or reminderOffsets)',
      body: createAppointmentBody,
      responses: {
        201: { description: 'Booked, with its reminders', schema: appointmentSchema },
        400: { description: 'Invalid (for example in the past)', schema: errorSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const participantId = uuidParam(params, 'id');
        const startsAt = new Date(body.startsAt);
        futureOrThrow(startsAt, 'startsAt');
        const result = await db.transaction().execute(async (tx) => {
          const participant = await participantInCaseload(tx, staff, participantId, { lock: true });
          return schedulerFor(tx, staff).book(participant, {
            title: body.title,
            location: body.location ?? null,
            startsAt,
            mandatory: body.mandatory,
            reminderOffsets: body.reminderOffsets ?? null,
          });
        });
        return answer(result, 201);
      },
    }),
    route({
      method: 'post',
      path: '/api/appointments/bulk',
      summary: `Book up to ${MAX_BULK_APPOINTMENTS} appointments at once (an import): all or none`,
      body: bulkAppointmentsBody,
      responses: {
        201: { description: 'Booked, each with its reminders', schema: z.object({ appointments: z.array(appointmentSchema) }) },
        400: { description: 'Invalid (for example in the past)', schema: errorSchema },
        404: { description: 'A participant is not in your caseload', schema: errorSchema },
      },
      async handle({ staff, body }) {
        body.appointments.forEach((a, i) => futureOrThrow(new Date(a.startsAt), `appointments.${i}.startsAt`));
        const results = await db.transaction().execute(async (tx) => {
          const ids = body.appointments.map((a) => a.participantId);
          const participants = new Map((await new ParticipantRepository(tx).lockManyInCaseload(ids, caseloadOf(staff))).map((p) => [p.id, p]));
          if (ids.some((id) => !participants.has(id))) throw notFound('A participant is not in your caseload');
          return schedulerFor(tx, staff).bookMany(
            body.appointments.map((a) => ({
              participant: participants.get(a.participantId) as ParticipantRow,
              input: {
                title: a.title,
                location: a.location ?? null,
                startsAt: new Date(a.startsAt),
                mandatory: a.mandatory,
                reminderOffsets: a.reminderOffsets ?? null,
              },
            })),
          );
        });
        await afterCommit({ reminders: results.flatMap((r) => r.reminders), obsoleteJobIds: [], queuedMessageIds: [] });
        return { status: 201, body: { appointments: results.map((r) => appointmentJson(r.appointment, r.reminders)) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/appointments/:id',
      summary: 'One appointment with the reminders of its current version',
      responses: { 200: { description: 'The appointment', schema: appointmentSchema }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const appointment = await new AppointmentRepository(db).findInCaseload(uuidParam(params, 'id'), caseloadOf(staff));
        if (!appointment) throw notFound('No such appointment in your caseload');
        return { status: 200, body: appointmentJson(appointment, await new ReminderRepository(db).listForAppointment(appointment.id)) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/appointments/:id',
      summary: 'Change an appointment: a new version, old reminders never fire, the participant is told',
      body: patchAppointmentBody,
      responses: {
        200: { description: 'Changed', schema: appointmentSchema },
        400: { description: 'Invalid', schema: errorSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
        409: { description: 'Cancelled already', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const id = uuidParam(params, 'id');
        const startsAt = body.startsAt ? new Date(body.startsAt) : undefined;
        if (startsAt) futureOrThrow(startsAt, 'startsAt');
        const result = await db.transaction().execute(async (tx) => {
          const { appointment, participant } = await lockAppointment(tx, staff, id);
          mustBeOpen(appointment);
          return schedulerFor(tx, staff).reschedule(appointment, participant, {
            ...(startsAt && { startsAt }),
            ...(body.title !== undefined && { title: body.title }),
            ...(body.location !== undefined && { location: body.location }),
            ...(body.mandatory !== undefined && { mandatory: body.mandatory }),
            ...(body.reminderOffsets !== undefined && { reminderOffsets: body.reminderOffsets }),
          });
        });
        return answer(result);
      },
    }),
    route({
      method: 'post',
      path: '/api/appointments/:id/cancel',
      summary: 'Cancel: the participant is told and no reminder fires afterwards',
      body: cancelAppointmentBody,
      responses: {
        200: { description: 'Cancelled', schema: appointmentSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
        409: { description: 'Cancelled already', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const id = uuidParam(params, 'id');
        const result = await db.transaction().execute(async (tx) => {
          const { appointment, participant } = await lockAppointment(tx, staff, id);
          mustBeOpen(appointment);
          return schedulerFor(tx, staff).cancel(appointment, participant, body.reason ?? null);
        });
        return answer(result);
      },
    }),
    route({
      method: 'post',
      path: '/api/appointments/:id/attendance',
      summary: 'Record whether the participant attended',
      body: attendanceBody,
      responses: {
        200: { description: 'Recorded', schema: appointmentSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
        409: { description: 'Cancelled', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const id = uuidParam(params, 'id');
        const result = await db.transaction().execute(async (tx) => {
          const { appointment, participant } = await lockAppointment(tx, staff, id);
          mustBeOpen(appointment);
          return schedulerFor(tx, staff).recordAttendance(appointment, participant, body.outcome);
        });
        return answer(result);
      },
    }),
  ];
}
