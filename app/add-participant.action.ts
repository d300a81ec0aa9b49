import type { Logger } from 'pino';
import type { StaffIdentity } from '../domain/caseload.js';
import type { Channel } from '../domain/channel.js';
import type { Clock } from '../domain/clock.js';
import { nextAllowedTime } from '../domain/quiet-hours.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db, Tx } from '../store/database.js';
import { FollowUpRepository } from '../store/follow-up.repository.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import type { ParticipantRow } from '../store/schema.js';
import { TeamPolicyRepository } from '../store/team-policy.repository.js';
import type { JobQueues } from '../workers/queues.js';
import { sourceKeys } from '../domain/job-keys.js';

export interface AddParticipantInput {
  firstName: string;
  lastName?: string | null;
  /** E.164, already checked to be a mobile. */
  phone: string;
  channel: Channel;
  language: string;
  keyWorkerId: string | null;
  team: string | null;
  referredAt: Date | null;
  /** `contact: false`: on the caseload, never texted (a CRM row without consent). */
  consent: { contact: boolean; basis: string | null };
  externalRef?: string | null;
  /** The key worker confirmed the number in person: no welcome is needed. */
  contactConfirmed?: boolean;
  createdBy: StaffIdentity;
  /** Where the person came from, kept on the case record. */
  source: 'api' | 'csv_import';
}

export interface AddedParticipant {
  participant: ParticipantRow;
  /** The welcome's first step, to hand to the queue once the transaction has committed. */
  welcome: { id: string; step: number; at: Date } | undefined;
}

export interface AddParticipantDeps {
  clock: Clock;
  timeZone: string;
  queues: Pick<JobQueues, 'enqueueFollowUps'>;
  logger: Logger;
}

/**
 * A new participant on a caseload: their row, `participant.created` on the case record and, when they agreed to be
 * texted and nobody has confirmed the number in person, the welcome (as soon as quiet hours allow). The API and the
 * CSV import both add people through here, so an imported person is welcomed exactly as one added by hand.
 */
export class AddParticipant {
  constructor(private readonly deps: AddParticipantDeps) {}

  async execute(db: Db, input: AddParticipantInput): Promise<ParticipantRow> {
    const now = this.deps.clock.now();
    const added = await db.transaction().execute((tx) => this.write(tx, input, now));
    await this.schedule([added], now);
    return added.participant;
  }

  /** Everything in the caller's transaction; nothing is queued until `schedule` runs after it commits. */
  async write(tx: Tx, input: AddParticipantInput, now: Date): Promise<AddedParticipant> {
    const created = await new ParticipantRepository(tx).create({
      firstName: input.firstName,
      lastName: input.lastName ?? null,
      phone: input.phone,
      externalRef: input.externalRef ?? null,
      channel: input.channel,
      language: input.language,
      keyWorkerId: input.keyWorkerId,
      team: input.team,
      referredAt: input.referredAt,
      consentContact: input.consent.contact,
      consentBasis: input.consent.contact ? input.consent.basis : null,
      consentAt: input.consent.contact ? now : null,
    });
    const record = new CaseRecordRepository(tx);
    await record.append({
      participantId: created.id,
      type: 'participant.created',
      at: now,
      data: {
        createdBy: input.createdBy.id,
        channel: created.channel,
        consentBasis: created.consent_basis ?? '',
        ...(input.source !== 'api' && { source: input.source, consentContact: created.consent_contact }),
      },
      sourceKey: sourceKeys.participantCreated(created.id),
    });
    if (!input.consent.contact) return { participant: created, welcome: undefined };
    if (input.contactConfirmed) {
      await record.append({
        participantId: created.id,
        type: 'contact.confirmed',
        at: now,
        data: { by: 'key_worker', staffId: input.createdBy.id },
        sourceKey: sourceKeys.contactConfirmed(created.id),
      });
      return { participant: created, welcome: undefined };
    }
    return { participant: created, welcome: await this.startWelcome(tx, created, now) };
  }

  /** Consent is recorded, so the first text can go: the welcome, as soon as quiet hours allow. */
  async startWelcome(tx: Tx, participant: ParticipantRow, now: Date): Promise<AddedParticipant['welcome']> {
    const policy = await new TeamPolicyRepository(tx).get(participant.team);
    const welcome = await new FollowUpRepository(tx).start({
      kind: 'welcome',
      participantId: participant.id,
      appointmentId: null,
      days: [0, policy.welcomeRetryDays],
      startedAt: now,
      nextAt: nextAllowedTime(now, policy, this.deps.timeZone),
    });
    return welcome.next_at ? { id: welcome.id, step: welcome.step, at: welcome.next_at } : undefined;
  }

  /** After commit: the welcomes go to the queue; if Redis is away, the sweep adds them from the database. */
  async schedule(added: readonly Pick<AddedParticipant, 'welcome'>[], now: Date): Promise<void> {
    const steps = added.flatMap((a) => (a.welcome ? [a.welcome] : []));
    await this.deps.queues
      .enqueueFollowUps(steps, now)
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'welcome not enqueued; the sweep will add it'));
  }
}
