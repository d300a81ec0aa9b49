/**
 * Twilio message statuses and the order they may advance in.
 *
 * Status callbacks arrive out of order and more than once (each is retried independently), so the stored status
 * only ever moves forwards. See https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
 */
export const MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'receiving',
  'received',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
  'partially_delivered',
] as const;

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Terminal outcomes share one rank: whichever arrives first stands (a late `failed` never replaces `delivered`).
 * `read` ranks above them all: it is proof the message reached the phone.
 */
const STATUS_RANK: Readonly<Record<MessageStatus, number>> = {
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  receiving: 2,
  sent: 3,
  received: 4,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  partially_delivered: 4,
  read: 5,
};

const TERMINAL_RANK = 4;

export function isMessageStatus(value: string): value is MessageStatus {
  return Object.hasOwn(STATUS_RANK, value);
}

export function statusRank(status: MessageStatus): number {
  return STATUS_RANK[status];
}

/** True once nothing but `read` can follow. */
export function isFinalStatus(status: MessageStatus): boolean {
  return STATUS_RANK[status] >= TERMINAL_RANK;
}

/**
 * Whether a status callback saying `next` should replace the stored `current` status.
 * No stored status: always. Same rank (including the same status repeated): never; the first one wins.
 */
export function shouldAdvance(current: MessageStatus | null | undefined, next: MessageStatus): boolean {
  if (current === null || current === undefined) return true;
  return STATUS_RANK[next] > STATUS_RANK[current];
}
