import type { Logger } from 'pino';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Channel } from '../../domain/channel.js';
import type { Clock } from '../../domain/time/clock.js';
import { nextAllowedTime } from '../../domain/time/quiet-hours.js';
import { CaseRecordRepository, type NewEvent } from '../../store/case-record.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import type { JobQueues } from '../../workers/queues.js';
import { sourceKeys } from '../../domain/job-keys.js';

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
    return (await this.writeMany(tx, [input], now))[0] as AddedParticipant;
  }

  /**
   * Many new people with one statement per table (a CSV import's batch), each written exactly as `write` writes one.
   * Their phones and CRM ids must be free: one that is not fails the whole call (the caller rolls it back).
   */
  async writeMany(tx: Tx, inputs: readonly AddParticipantInput[], now: Date): Promise<AddedParticipant[]> {
    const created = await new ParticipantRepository(tx).createMany(
      inputs.map((input) => ({
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
      })),
    );
    const added = inputs.map((input, i) => ({ input, participant: created[i] as ParticipantRow }));
    const events: NewEvent[] = [];
    for (const { input, participant } of added) {
      events.push({
        participantId: participant.id,
        type: 'participant.created',
        at: now,
        data: {
          createdBy: input.createdBy.id,
          channel: participant.channel,
          consentBasis: participant.consent_basis ?? '',
          ...(input.source !== 'api' && { source: input.source, consentContact: participant.consent_contact }),
        },
        sourceKey: sourceKeys.participantCreated(participant.id),
      });
      if (input.consent.contact && input.contactConfirmed) {
        events.push({
          participantId: participant.id,
          type: 'contact.confirmed',
          at: now,
          data: { by: 'key_worker', staffId: input.createdBy.id },
          sourceKey: sourceKeys.contactConfirmed(participant.id),
        });
      }
    }
    await new CaseRecordRepository(tx).appendMany(events);
    const toWelcome = added.filter(({ input }) => input.consent.contact && !input.contactConfirmed).map(({ participant }) => participant);
    const welcomes = await this.startWelcomes(tx, toWelcome, now);
    return added.map(({ participant }) => ({ participant, welcome: welcomes.get(participant.id) }));
  }

  /** Consent is recorded, so the first text can go: the welcome, as soon as quiet hours allow. */
  async startWelcome(tx: Tx, participant: ParticipantRow, now: Date): Promise<AddedParticipant['welcome']> {
    return (await this.startWelcomes(tx, [participant], now)).get(participant.id);
  }

  /** `startWelcome` for many people: one look at each team's policy, one statement for all the welcomes. */
  async startWelcomes(tx: Tx, participants: readonly ParticipantRow[], now: Date): Promise<Map<string, AddedParticipant['welcome']>> {
    if (participants.length === 0) return new Map();
    const policies = new TeamPolicyRepository(tx);
    const byTeam = new Map<string | null, { days: number[]; nextAt: Date }>();
    for (const team of new Set(participants.map((p) => p.team))) {
      const policy = await policies.get(team);
      byTeam.set(team, { days: [0, policy.welcomeRetryDays], nextAt: nextAllowedTime(now, policy, this.deps.timeZone) });
    }
    const started = await new FollowUpRepository(tx).startWelcomes(
      participants.map((p) => {
        const { days, nextAt } = byTeam.get(p.team) as { days: number[]; nextAt: Date };
        return { participantId: p.id, days, startedAt: now, nextAt };
      }),
    );
    const welcomes = new Map<string, AddedParticipant['welcome']>();
    for (const [participantId, welcome] of started) {
      welcomes.set(participantId, welcome.next_at ? { id: welcome.id, step: welcome.step, at: welcome.next_at } : undefined);
    }
    return welcomes;
  }

  /** After commit: the welcomes go to the queue; if Redis is away, the sweep adds them from the database. */
  async schedule(added: readonly Pick<AddedParticipant, 'welcome'>[], now: Date): Promise<void> {
    const steps = added.flatMap((a) => (a.welcome ? [a.welcome] : []));
    await this.deps.queues
      .enqueueFollowUps(steps, now)
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'welcome not enqueued; the sweep will add it'));
  }
}
