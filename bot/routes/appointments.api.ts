import {
  AppointmentCancelledError,
  AppointmentInPastError,
  AppointmentNotFoundError,
} from '../../app/appointments/appointment-changes.js';
import type { ScheduleResult } from '../../app/appointments/appointment-schedule.js';
import { BookAppointment } from '../../app/appointments/book-appointment.action.js';
import { BookAppointments, BookingInPastError } from '../../app/appointments/book-appointments.action.js';
import { CancelAppointment } from '../../app/appointments/cancel-appointment.action.js';
import { ImportAppointments } from '../../app/imports/import-appointments.action.js';
import { ReadAppointments } from '../../app/appointments/read-appointments.action.js';
import { RecordAttendance } from '../../app/appointments/record-attendance.action.js';
import { RescheduleAppointment } from '../../app/appointments/reschedule-appointment.action.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { answerImport } from './csv-import-answer.js';
import { z } from 'zod';
import {
  MAX_BULK_APPOINTMENTS,
  appointmentSchema,
  bulkAppointmentsBody,
  attendanceBody,
  cancelAppointmentBody,
  createAppointmentBody,
  errorSchema,
  importQuery,
  importReport,
  patchAppointmentBody,
} from './api-schemas.js';
import { appointmentJson } from './presenters.js';

/** The same limit as the participants import: a year of a large programme's appointments stays well under it. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The appointment actions' refusals as the contract's answers. */
function asApiError(error: unknown, startsAtPath = 'startsAt'): unknown {
  if (error instanceof AppointmentNotFoundError) return notFound(error.message);
  if (error instanceof AppointmentCancelledError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof BookingInPastError) return asApiError(new AppointmentInPastError(), `appointments.${error.index}.startsAt`);
  if (error instanceof AppointmentInPastError) {
    return new ApiError(400, 'validation_failed', error.message, { fields: [{ path: startsAtPath, message: 'is in the past' }] });
  }
  return error;
}

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asApiError(error);
  }
}

export function appointmentRoutes(deps: ApiDeps): ApiRoute[] {
  const { db, clock, config, queues, logger } = deps;
  const actionDeps = { clock, timeZone: config.PROGRAMME_TIMEZONE, programmeName: config.PROGRAMME_NAME, queues, logger };
  const bookAppointment = new BookAppointment(actionDeps);
  const rescheduleAppointment = new RescheduleAppointment(actionDeps);
  const cancelAppointment = new CancelAppointment(actionDeps);
  const recordAttendance = new RecordAttendance(actionDeps);
  const importAppointments = new ImportAppointments({ ...actionDeps, db });
  const bookAppointmentsInBulk = new BookAppointments(actionDeps);
  const readAppointments = new ReadAppointments({ db });

  const answer = async (result: ScheduleResult, status = 200) => {
    const reminders = await readAppointments.reminders(result.appointment.id);
    return { status, body: appointmentJson(result.appointment, reminders) };
  };

  const futureOrThrow = (startsAt: Date, path: string) => {
    if (startsAt <= clock.now()) throw asApiError(new AppointmentInPastError(), path);
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
        const booking = { title: body.title, location: body.location ?? null, startsAt, mandatory: body.mandatory, reminderOffsets: body.reminderOffsets ?? null };
        const result = await answering(() => bookAppointment.execute(db, { staff, participantId, booking }));
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
        const bookings = body.appointments.map((a) => ({
          participantId: a.participantId,
          booking: { title: a.title, location: a.location ?? null, startsAt: new Date(a.startsAt), mandatory: a.mandatory, reminderOffsets: a.reminderOffsets ?? null },
        }));
        const results = await answering(() => bookAppointmentsInBulk.execute(db, staff, bookings));
        return { status: 201, body: { appointments: results.map((r) => appointmentJson(r.appointment, r.reminders)) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/appointments/import',
      summary: 'Bring in appointments from the programme’s CRM as CSV; ?dryRun=true checks without writing or sending',
      roles: ['key_worker', 'admin'],
      upload: {
        mediaType: 'text/csv',
        maxBytes: MAX_IMPORT_BYTES,
        description:
          'A header row, then one appointment a row. Columns: external_ref (the participant’s), appointment_ref (the CRM’s id for the ' +
          'appointment), starts_at (ISO 8601 with offset, or DD/MM/YYYY HH:MM in UK time) and title (required), location, mandatory (yes|no), ' +
          'reminder_offsets (e.g. "P1D PT2H"), cancelled (yes). A known appointment_ref with a new time is a reschedule. ' +
          'UTF-8 (with or without a byte-order mark) or Windows-1252; comma or semicolon separated',
      },
      query: importQuery,
      responses: {
        200: { description: 'What was (or, in a dry run, would be) booked, changed, left unchanged and rejected', schema: importReport },
        400: { description: 'Not an appointments CSV: a required column is missing (named in details.missingColumns), or the CSV is malformed', schema: errorSchema },
        403: { description: 'Only key workers (their own caseload) and admins import', schema: errorSchema },
        413: { description: 'The file is too large or has too many rows', schema: errorSchema },
        415: { description: 'The body is not text/csv', schema: errorSchema },
      },
      handle: ({ staff, query, upload }) =>
        answerImport(() => importAppointments.execute({ csv: upload ?? Buffer.alloc(0), dryRun: query.dryRun, staff })),
    }),
    route({
      method: 'get',
      path: '/api/appointments/:id',
      summary: 'One appointment with the reminders of its current version',
      responses: { 200: { description: 'The appointment', schema: appointmentSchema }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const { appointment, reminders } = await answering(() => readAppointments.one(staff, uuidParam(params, 'id')));
        return { status: 200, body: appointmentJson(appointment, reminders) };
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
        const appointmentId = uuidParam(params, 'id');
        const startsAt = body.startsAt ? new Date(body.startsAt) : undefined;
        if (startsAt) futureOrThrow(startsAt, 'startsAt');
        const changes = {
          ...(startsAt && { startsAt }),
          ...(body.title !== undefined && { title: body.title }),
          ...(body.location !== undefined && { location: body.location }),
          ...(body.mandatory !== undefined && { mandatory: body.mandatory }),
          ...(body.reminderOffsets !== undefined && { reminderOffsets: body.reminderOffsets }),
        };
        return answer(await answering(() => rescheduleAppointment.execute(db, { staff, appointmentId, changes })));
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
        const appointmentId = uuidParam(params, 'id');
        return answer(await answering(() => cancelAppointment.execute(db, { staff, appointmentId, reason: body.reason ?? null })));
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
        return answer(await answering(() => recordAttendance.execute(db, { staff, appointmentId: id, outcome: body.outcome })));
      },
    }),
  ];
}
