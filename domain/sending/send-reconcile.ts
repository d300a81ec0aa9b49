/**
 * What to do with a send cut mid-call: we claimed the row and asked Twilio, but never heard back, so Twilio may or
 * may not have the message. After a safe wait we look it up in Twilio's Messages list and either record what
 * Twilio has, send it once more, or give up. Twilio has no idempotency key for creating a message
 * (https://www.twilio.com/docs/messaging/api/message-resource), so the lookup is how a send becomes effectively once.
 */
import type { Channel } from '../channel.js';

/**
 * How long after the claim a cut send is looked up. It must exceed everything that can still make the original
 * request land: our request timeout (`TWILIO_REQUEST_TIMEOUT_MS`, 10 s by default, at most 30 s), the moments
 * between claim and request, and Twilio finishing a request whose client has hung up, then Twilio's list catching
 * up. Two minutes is twelve times the default timeout; {@link minimumSafeWaitMs} refuses anything shorter than twice
 * the timeout plus a minute.
 */
export const RECONCILE_SAFE_WAIT_MS = 120_000;

/** Failed lookups (Twilio away) before a cut send is given up as `unconfirmed`. */
export const MAX_RECONCILE_LOOKUPS = 10;

/** A cut send still unresolved this long after its claim is given up as `unconfirmed`, whatever the lookups said. */
export const RECONCILE_GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/** A send Twilio turns out not to have is sent once more, never more. */
export const MAX_RESENDS_AFTER_RECONCILE = 1;

/**
 * Twilio's dates have whole seconds and its clock is not ours: a message it created up to this long before our
 * claim still counts. Sids we already hold are never matched, so the margin cannot take an earlier copy of ours.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 60_000;

/** The shortest safe wait for a transport that gives up on a request after `requestTimeoutMs`. */
export function minimumSafeWaitMs(requestTimeoutMs: number): number {
  return 2 * requestTimeoutMs + 60_000;
}

/** Who a message is sent from: a number (or `whatsapp:` address), or a Messaging Service that picks one. */
export type SenderIdentity = { from: string } | { messagingServiceSid: string };

/** One message in Twilio's Messages list, as much of it as reconciling needs. */
export interface ProviderMessage {
  sid: string;
  direction: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  status: string;
  errorCode: number | null;
  dateCreated: Date | null;
}

export interface SentMessageQuery {
  /** E.164 number. */
  phone: string;
  channel: Channel;
  /** When our attempt was claimed: the list is read from the start of that UTC day. */
  since: Date;
}

/** Looks messages up where they were sent (Twilio's Messages list; nothing in sandbox mode). Throws when it cannot tell. */
export interface SentMessageLookup {
  findSent(query: SentMessageQuery): Promise<ProviderMessage[]>;
  /** Who our messages on this channel go from, as Twilio lists them. */
  senderFor(channel: Channel): SenderIdentity;
}

/** The send we are looking for. */
export interface InterruptedSend {
  /** Twilio's `To` for it: `+44…`, or `whatsapp:+44…`. */
  to: string;
  body: string;
  sender: SenderIdentity;
  claimedAt: Date;
}

/**
 * The message Twilio holds for this send: outbound, to the same address, the same text, from our sender, created
 * at or after the claim (less the clock tolerance), and not a sid we already hold for another row. The earliest
 * such message, if several.
 */
export function findInterruptedSend(
  send: InterruptedSend,
  candidates: readonly ProviderMessage[],
  knownSids: ReadonlySet<string>,
): ProviderMessage | undefined {
  const earliest = Math.floor(send.claimedAt.getTime() / 1000) * 1000 - CLOCK_SKEW_TOLERANCE_MS;
  const matches = candidates.filter(
    (m) =>
      m.direction.startsWith('outbound') &&
      m.to === send.to &&
      m.body === send.body &&
      fromSender(m, send.sender) &&
      m.dateCreated !== null &&
      m.dateCreated.getTime() >= earliest &&
      !knownSids.has(m.sid),
  );
  return matches.sort((a, b) => (a.dateCreated as Date).getTime() - (b.dateCreated as Date).getTime() || a.sid.localeCompare(b.sid))[0];
}

function fromSender(message: ProviderMessage, sender: SenderIdentity): boolean {
  return 'messagingServiceSid' in sender ? message.messagingServiceSid === sender.messagingServiceSid : message.from === sender.from;
}

/** True once a cut send is old enough that its original request cannot still land. */
export function isSafeToLookUp(claimedAt: Date, now: Date, safeWaitMs = RECONCILE_SAFE_WAIT_MS): boolean {
  return now.getTime() - claimedAt.getTime() >= safeWaitMs;
}

export type LookupResult =
  | { kind: 'found'; message: ProviderMessage }
  | { kind: 'absent' }
  | { kind: 'failed'; reason: string }
  /** The send cannot be recognised in the list (an approved template: Twilio lists the rendered text, not ours). */
  | { kind: 'unmatchable'; reason: string };

export type ReconcileStep =
  | { kind: 'record'; sid: string; status: string; errorCode: number | null }
  | { kind: 'resend' }
  | { kind: 'look_again'; reason: string }
  | { kind: 'give_up'; reason: string };

export interface ReconcileState {
  claimedAt: Date;
  /** Lookups that failed before this one. */
  failedLookups: number;
  /** Times this message was already sent again after a lookup found nothing. */
  resends: number;
}

/** What to do after a lookup of a cut send. */
export function decideAfterLookup(state: ReconcileState, lookup: LookupResult, now: Date): ReconcileStep {
  switch (lookup.kind) {
    case 'found':
      return { kind: 'record', sid: lookup.message.sid, status: statusFromTwilio(lookup.message.status), errorCode: lookup.message.errorCode };
    case 'absent':
      return state.resends < MAX_RESENDS_AFTER_RECONCILE
        ? { kind: 'resend' }
        : { kind: 'give_up', reason: `Twilio has no copy after ${state.resends + 1} tries; not sent again` };
    case 'unmatchable':
      return { kind: 'give_up', reason: lookup.reason };
    case 'failed': {
      const tries = state.failedLookups + 1;
      if (tries >= MAX_RECONCILE_LOOKUPS) return { kind: 'give_up', reason: `could not look it up in Twilio (${tries} tries): ${lookup.reason}` };
      if (now.getTime() - state.claimedAt.getTime() >= RECONCILE_GIVE_UP_AFTER_MS) {
        return { kind: 'give_up', reason: `could not look it up in Twilio for a day: ${lookup.reason}` };
      }
      return { kind: 'look_again', reason: lookup.reason };
    }
  }
}

/**
 * Our status for a message Twilio turned out to have. Its own `queued`/`accepted`/`sending` read as `accepted`
 * (ours means "handed over"), later statuses as they are; later callbacks move it on from there.
 */
export function statusFromTwilio(twilioStatus: string): string {
  return ['sent', 'delivered', 'read', 'undelivered', 'failed'].includes(twilioStatus) ? twilioStatus : 'accepted';
}
