import { randomUUID } from 'node:crypto';
import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { normaliseMobile } from '../../domain/phone.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Executor } from '../../store/database.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import { eraseParticipant } from '../../store/participant-erasure.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { ApiError, notFound } from './api-error.js';
import { z } from 'zod';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import {
  createParticipantBody,
  errorSchema,
  eventSchema,
  participantDetail,
  participantSchema,
  patchParticipantBody,
} from './api-schemas.js';
import type { ApiDeps } from './api-deps.js';
import { alertJson, eventJson, participantJson } from './presenters.js';

const DEFAULT_CONSENT_BASIS = 'Agreed to be contacted by text when joining the programme';

export function participantRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  /** Outside the caller's caseload is indistinguishable from absent (never reveal another caseload). */
  const findInCaseload = async (staff: StaffIdentity, id: string, executor: Executor = db): Promise<ParticipantRow> => {
    const row = await new ParticipantRepository(executor).findById(id, caseloadOf(staff));
    if (!row) throw notFound('No such participant in your caseload');
    return row;
  };

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
        const keyWorker = keyWorkerId ? await keyWorkerOrThrow(db, keyWorkerId) : undefined;
        const now = clock.now();
        const row = await db.transaction().execute(async (tx) => {
          const created = await new ParticipantRepository(tx).create({
            firstName: body.firstName,
            phone,
            channel: body.channel,
            language: body.language ?? 'en',
            keyWorkerId,
            team: keyWorker?.team ?? staff.team,
            referredAt: body.referredAt ? new Date(body.referredAt) : null,
            consentBasis: body.consent.basis ?? DEFAULT_CONSENT_BASIS,
            consentAt: now,
          });
          await new CaseRecordRepository(tx).append({
            participantId: created.id,
            type: 'participant.created',
            at: now,
            data: { createdBy: staff.id, channel: created.channel, consentBasis: created.consent_basis ?? '' },
            sourceKey: `created-${created.id}`,
          });
          return created;
        });
        return { status: 201, body: participantJson(row) };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants',
      summary: "The caller's caseload (admin: everyone; in-work team: people in work in its team)",
      responses: { 200: { description: 'Participants', schema: z.array(participantSchema) } },
      async handle({ staff }) {
        const rows = await new ParticipantRepository(db).list(caseloadOf(staff));
        return { status: 200, body: rows.map(participantJson) };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants/:id',
      summary: 'One participant with opt-out state and open alerts',
      responses: { 200: { description: 'The participant', schema: participantDetail }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const row = await findInCaseload(staff, uuidParam(params, 'id'));
        const alerts = await new AlertRepository(db).list({ kind: 'all' }, { status: 'open', participantId: row.id });
        const [next] = await new AppointmentRepository(db).listUpcoming(row.id, clock.now());
        const nextAppointment = next
          ? { id: next.id, title: next.title, location: next.location, startsAt: next.startsAt.toISOString(), mandatory: next.mandatory }
          : null;
        return { status: 200, body: { ...participantJson(row), nextAppointment, openAlerts: alerts.map(alertJson) } };
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
        const id = uuidParam(params, 'id');
        const phone = body.phone !== undefined ? mobileOrThrow(body.phone) : undefined;
        const keyWorker = body.keyWorkerId ? await keyWorkerOrThrow(db, body.keyWorkerId) : undefined;
        const now = clock.now();
        const updated = await db.transaction().execute(async (tx) => {
          await findInCaseload(staff, id, tx);
          const row = await new ParticipantRepository(tx).update(id, {
            ...(phone !== undefined && { phone }),
            ...(body.channel !== undefined && { channel: body.channel }),
            ...(body.language !== undefined && { language: body.language }),
            ...(keyWorker && { keyWorkerId: keyWorker.id, team: keyWorker.team }),
            ...(body.mutedStreams !== undefined && { mutedStreams: body.mutedStreams }),
          });
          if (!row) throw notFound('No such participant in your caseload');
          await new CaseRecordRepository(tx).append({
            participantId: id,
            type: 'participant.updated',
            at: now,
            data: { updatedBy: staff.id, fields: Object.keys(body) },
            // Each edit is its own source: two PATCHes are two events.
            sourceKey: `updated-${randomUUID()}`,
          });
          return row;
        });
        return { status: 200, body: participantJson(updated) };
      },
    }),
    route({
      method: 'del',
      path: '/api/participants/:id',
      summary: 'Erase: personal data and message bodies removed everywhere, counts kept',
      responses: { 204: { description: 'Erased' }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const id = uuidParam(params, 'id');
        await db.transaction().execute(async (tx) => {
          await findInCaseload(staff, id, tx);
          await eraseParticipant(tx, id, clock.now(), staff.id);
        });
        return { status: 204 };
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
        const id = uuidParam(params, 'id');
        const stopped = await db.transaction().execute(async (tx) => {
          await findInCaseload(staff, id, tx);
          return new FollowUpRepository(tx).endActiveFor(id, 'stopped', `stopped by ${staff.id}`);
        });
        return { status: 200, body: { stopped } };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants/:id/record',
      summary: 'The case record, oldest first',
      responses: { 200: { description: 'Events', schema: z.object({ events: z.array(eventSchema) }) }, 404: { description: 'Not in your caseload', schema: errorSchema } },
      async handle({ staff, params }) {
        const row = await findInCaseload(staff, uuidParam(params, 'id'));
        const events = await new CaseRecordRepository(db).listForParticipant(row.id);
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

async function keyWorkerOrThrow(db: Executor, id: string) {
  const staff = await new StaffRepository(db).findById(id);
  if (!staff || staff.role !== 'key_worker') {
    throw new ApiError(400, 'validation_failed', 'keyWorkerId is not a key worker', {
      fields: [{ path: 'keyWorkerId', message: 'is not a key worker' }],
    });
  }
  return staff;
}
