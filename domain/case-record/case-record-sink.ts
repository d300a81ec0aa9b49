import type { EventType } from './case-record.types.js';

/** The one CRM a programme connects today; the outbox is keyed by sink so more could follow. */
export const CASE_RECORD_SINK_ID = 'default';

/**
 * Sent whatever the sink's `eventTypes` say: an erasure must reach the CRM so it can erase its copy too.
 * (The trigger in store/migrations/0008-case-record-sink.ts applies the same rule when it fills the outbox.)
 */
export const ALWAYS_DELIVERED_EVENT_TYPES: readonly EventType[] = ['participant.erased'];

/** Whether a sink with these `eventTypes` (null: all) takes events of this type. */
export function sinkWantsEvent(eventTypes: readonly string[] | null, type: string): boolean {
  return eventTypes === null || eventTypes.includes(type) || (ALWAYS_DELIVERED_EVENT_TYPES as readonly string[]).includes(type);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Case records are personal data and each delivery is signed with the secret: they go over https. Plain http is
 * only for a receiver on this machine (a relay or a test).
 */
export function isAcceptableSinkUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** What became of one POST to the CRM. */
export type SinkAnswer = { kind: 'answered'; status: number } | { kind: 'no_answer'; reason: string };

export interface SinkRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** How a delivery reaches the CRM (workers/case-record-sink.client.ts over HTTP). */
export type PostToSink = (request: SinkRequest) => Promise<SinkAnswer>;
