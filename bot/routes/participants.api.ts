import { AddParticipant } from '../../app/participants/add-participant.action.js';
import { ChangeParticipant } from '../../app/participants/change-participant.action.js';
import { EraseParticipant } from '../../app/participants/erase-participant.action.js';
import { ImportParticipants } from '../../app/imports/import-participants.action.js';
import { ReadParticipants } from '../../app/participants/read-participants.action.js';
import { keyWorkerFor } from '../../app/staff/staff-in-role.js';
import { StopFollowUps } from '../../app/appointments/stop-follow-ups.action.js';
import { normaliseMobile } from '../../domain/phone.js';
import { ApiError } from './api-error.js';
import { z } from 'zod';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { answerImport } from './csv-import-answer.js';
import {
  createParticipantBody,
  errorSchema,
  eventSchema,
  importQuery,
  importReport,
  participantDetail,
  participantSchema,
  patchParticipantBody,
} from './api-schemas.js';
import type { ApiDeps } from './api-deps.js';
import { alertJson, appointmentJson, confidenceJson, eventJson, jobJson, participantJson } from './presenters.js';

/** A few thousand CRM rows are a few hundred kilobytes; 20,000 wide ones stay well under this. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const DEFAULT_CONSENT_BASIS = 'Agreed to be contacted by text when joining the programme';

export function participantRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const addParticipant = new AddParticipant({ clock, timeZone: config.PROGRAMME_TIMEZONE, queues, logger });
  const importParticipants = new ImportParticipants({
    db,
    clock,
    timeZone: config.PROGRAMME_TIMEZONE,
    programmeName: config.PROGRAMME_NAME,
    queues,
    logger,
  });
  const changeParticipant = new ChangeParticipant({ db, clock, programmeName: config.PROGRAMME_NAME, queues, logger });
  const eraseParticipant = new EraseParticipant({ db, clock });
  const stopFollowUps = new StopFollowUps({ db });
  const readParticipants = new ReadParticipants({ db });

  return [
    route({
      method: 'post',
      path: '/api/participants',
      summary: 'Add a participant who has agreed to be texted',
      body: createParticipantBody,
      responses: {
        201: { description: 'Created', schema: participantSchema },
        400: { description: 'Invalid (for example not a mobile number)', schema: errorSchema },
        409: { description: 'That phone number already belongs to a participant', schema: errorSchema },
      },
      async handle({ staff, body }) {
        const phone = mobileOrThrow(body.phone);
        const keyWorkerId = body.keyWorkerId ?? (staff.role === 'key_worker' ? staff.id : null);
        const keyWorker = keyWorkerId ? await keyWorkerFor(db, keyWorkerId, staff) : undefined;
        const created = await addParticipant.execute(db, {
          firstName: body.firstName,
          phone,
          channel: body.channel,
          language: body.language ?? 'en',
          keyWorkerId,
          team: keyWorker?.team ?? staff.team,
          referredAt: body.referredAt ? new Date(body.referredAt) : null,
          consent: { contact: true, basis: body.consent.basis ?? DEFAULT_CONSENT_BASIS },
          ...(body.contactConfirmed && { contactConfirmed: true }),
          createdBy: staff,
          source: 'api',
        });
        return { status: 201, body: participantJson(created, clock.now()) };
      },
    }),
    route({
      method: 'post',
      path: '/api/participants/import',
      summary: 'Bring in participants from the programme’s CRM as CSV; ?dryRun=true checks without writing',
      roles: ['key_worker', 'admin'],
      upload: {
        mediaType: 'text/csv',
        maxBytes: MAX_IMPORT_BYTES,
        description:
          'A header row, then one participant a row. Columns: first_name and phone (required), last_name, channel (sms|whatsapp), ' +
          'language (en|cy), consent (yes|no), referred_at (YYYY-MM-DD or DD/MM/YYYY), external_ref, key_worker_email. ' +
          'UTF-8 (with or without a byte-order mark) or Windows-1252; comma or semicolon separated',
      },
      query: importQuery,
      responses: {
        200: { description: 'What was (or, in a dry run, would be) created, updated, left unchanged and rejected', schema: importReport },
        400: { description: 'Not a participants CSV: a required column is missing (named in details.missingColumns), or the CSV is malformed', schema: errorSchema },
        403: { description: 'Only key workers (into their own caseload) and admins import', schema: errorSchema },
        413: { description: 'The file is too large or has too many rows', schema: errorSchema },
        415: { description: 'The body is not text/csv', schema: errorSchema },
      },
      handle: ({ staff, query, upload }) =>
        answerImport(() => importParticipants.execute({ csv: upload ?? Buffer.alloc(0), dryRun: query.dryRun, staff })),
    }),
    route({
      method: 'get',
      path: '/api/participants',
      summary: "The caller's caseload (admin: everyone; team lead: the team's; in-work team: people in work in its team; safeguarding lead: people with a safeguarding alert)",
      responses: { 200: { description: 'Participants', schema: z.array(participantSchema) } },
      async handle({ staff }) {
        const rows = await readParticipants.list(staff);
        return { status: 200, body: rows.map((row) => participantJson(row, clock.now())) };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants/:id',
      summary: 'One participant with opt-out state and open alerts',
      responses: { 200: { description: 'The participant', schema: participantDetail }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const now = clock.now();
        const found = await readParticipants.one(staff, uuidParam(params, 'id'), now);
        const next = found.nextAppointment;
        const nextAppointment = next
          ? { id: next.id, title: next.title, location: next.location, startsAt: next.startsAt.toISOString(), mandatory: next.mandatory }
          : null;
        const job = found.job ? jobJson(found.job.job, found.job.checkIns, now, config.PROGRAMME_TIMEZONE) : null;
        const confidence = confidenceJson(found.scores);
        return { status: 200, body: { ...participantJson(found.participant, now), nextAppointment, openAlerts: found.openAlerts.map(alertJson), job, confidence } };
      },
    }),
    route({
      method: 'patch',
      path: '/api/participants/:id',
      summary: 'Change phone, channel, language, key worker or muted streams',
      body: patchParticipantBody,
      responses: {
        200: { description: 'Updated', schema: participantSchema },
        400: { description: 'Invalid', schema: errorSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
        409: { description: 'That phone number already belongs to a participant', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const phone = body.phone !== undefined ? mobileOrThrow(body.phone) : undefined;
        const updated = await changeParticipant.execute(staff, uuidParam(params, 'id'), { ...body, phone }, Object.keys(body));
        return { status: 200, body: participantJson(updated, clock.now()) };
      },
    }),
    route({
      method: 'del',
      path: '/api/participants/:id',
      summary: 'Erase: personal data and message bodies removed everywhere, counts kept',
      responses: { 204: { description: 'Erased' }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        await eraseParticipant.execute(staff, uuidParam(params, 'id'));
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants/:id/export',
      summary: 'Subject access request: everything held about one person (record, messages, alerts, appointments)',
      responses: {
        200: { description: 'All personal data held about the participant, as JSON' },
        404: { description: 'Not in your caseload', schema: errorSchema },
      },
      async handle({ staff, params }) {
        const { participant: row, events, messages, alerts, appointments, jobs, sessions } = await readParticipants.everything(staff, uuidParam(params, 'id'));
        const jobsWithCheckIns = jobs.map(({ job, checkIns }) => jobJson(job, checkIns, clock.now(), config.PROGRAMME_TIMEZONE));
        return {
          status: 200,
          headers: { 'Content-Disposition': `attachment; filename="participant-${row.id}.json"` },
          body: {
            exportedAt: clock.now().toISOString(),
            participant: participantJson(row, clock.now()),
            appointments: appointments.map((a) => appointmentJson(a, [])),
            messages: messages.map((m) => ({
              id: m.id,
              direction: m.direction,
              channel: m.channel,
              body: m.body,
              kind: m.kind,
              status: m.status,
              at: m.created_at.toISOString(),
            })),
            caseRecord: events.map(eventJson),
            alerts: alerts.map(alertJson),
            jobs: jobsWithCheckIns,
            checkInsAndPulses: sessions.map((q) => ({
              id: q.id,
              kind: q.kind,
              instrumentId: q.instrument_id,
              campaignId: q.campaign_id,
              week: q.week,
              status: q.status,
              answers: q.answers,
              askedAt: q.asked_at.toISOString(),
              respondedAt: q.responded_at ? q.responded_at.toISOString() : null,
            })),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/participants/:id/follow-ups/stop',
      summary: 'Stop any did-not-attend follow-up still running for this participant (the key worker has it in hand)',
      responses: {
        200: { description: 'How many were stopped', schema: z.object({ stopped: z.number().int() }) },
        404: { description: 'Not in your caseload', schema: errorSchema },
      },
      async handle({ staff, params }) {
        return { status: 200, body: { stopped: await stopFollowUps.execute(staff, uuidParam(params, 'id')) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants/:id/record',
      summary: 'The case record, oldest first',
      responses: { 200: { description: 'Events', schema: z.object({ events: z.array(eventSchema) }) }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const events = await readParticipants.record(staff, uuidParam(params, 'id'));
        return { status: 200, body: { events: events.map(eventJson) } };
      },
    }),
  ];
}

function mobileOrThrow(input: string): string {
  const result = normaliseMobile(input);
  if (result.ok) return result.e164;
  throw new ApiError(400, 'validation_failed', `The phone number ${result.reason}`, {
    fields: [{ path: 'phone', message: result.reason }],
  });
}
