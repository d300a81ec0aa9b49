import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_TOLERANCE_MS,
  decideAfterLookup,
  findInterruptedSend,
  isSafeToLookUp,
  MAX_RECONCILE_LOOKUPS,
  minimumSafeWaitMs,
  RECONCILE_GIVE_UP_AFTER_MS,
  RECONCILE_SAFE_WAIT_MS,
  type InterruptedSend,
  type ProviderMessage,
  type ReconcileState,
} from './send-reconcile.js';

const CLAIMED = new Date('2026-03-04T10:00:00.700Z');
const SEND: InterruptedSend = { to: '+447700900123', body: 'See you at 10am tomorrow.', sender: { from: '+447700900001' }, claimedAt: CLAIMED };
const at = (ms: number) => new Date(CLAIMED.getTime() + ms);

function listed(overrides: Partial<ProviderMessage> = {}): ProviderMessage {
  return {
    sid: 'SM00000000000000000000000000000001',
    direction: 'outbound-api',
    to: SEND.to,
    from: '+447700900001',
    messagingServiceSid: null,
    body: SEND.body,
    status: 'sent',
    errorCode: null,
    // Twilio's dates have whole seconds: the same second as the claim reads as before it.
    dateCreated: new Date('2026-03-04T10:00:00Z'),
    ...overrides,
  };
}

describe('finding a cut send in Twilio’s list', () => {
  it('matches the same text to the same number from our sender, created in the claim’s second', () => {
    expect(findInterruptedSend(SEND, [listed()], new Set())?.sid).toBe(listed().sid);
  });

  it.each([
    ['another text', { body: 'See you at 11am tomorrow.' }],
    ['another number', { to: '+447700900124' }],
    ['the same number on WhatsApp', { to: 'whatsapp:+447700900123' }],
    ['another sender', { from: '+447700900002' }],
    ['an inbound message', { direction: 'inbound' }],
    ['created before the claim, beyond the clock tolerance', { dateCreated: new Date(CLAIMED.getTime() - CLOCK_SKEW_TOLERANCE_MS - 1000) }],
    ['without a creation date', { dateCreated: null }],
  ])('does not match %s', (_case, overrides) => {
    expect(findInterruptedSend(SEND, [listed(overrides)], new Set())).toBeUndefined();
  });

  it('never matches a sid we already hold for another row', () => {
    expect(findInterruptedSend(SEND, [listed()], new Set([listed().sid]))).toBeUndefined();
  });

  it('matches on the Messaging Service when we send through one, whichever number it picked', () => {
    const send: InterruptedSend = { ...SEND, sender: { messagingServiceSid: 'MG00000000000000000000000000000001' } };
    const viaService = listed({ from: '+447700900999', messagingServiceSid: 'MG00000000000000000000000000000001' });
    expect(findInterruptedSend(send, [viaService], new Set())?.sid).toBe(viaService.sid);
    expect(findInterruptedSend(send, [listed()], new Set())).toBeUndefined();
  });

  it('takes the earliest of several copies', () => {
    const later = listed({ sid: 'SM00000000000000000000000000000002', dateCreated: at(30_000) });
    const earlier = listed({ sid: 'SM00000000000000000000000000000003', dateCreated: at(5_000) });
    expect(findInterruptedSend(SEND, [later, earlier], new Set())?.sid).toBe(earlier.sid);
  });
});

describe('when a cut send may be looked up', () => {
  it('only once the safe wait has passed since the claim', () => {
    expect(isSafeToLookUp(CLAIMED, at(RECONCILE_SAFE_WAIT_MS - 1))).toBe(false);
    expect(isSafeToLookUp(CLAIMED, at(RECONCILE_SAFE_WAIT_MS))).toBe(true);
  });

  it('the default safe wait outlasts the Twilio request timeout with room to spare', () => {
    expect(RECONCILE_SAFE_WAIT_MS).toBeGreaterThanOrEqual(minimumSafeWaitMs(10_000));
    expect(minimumSafeWaitMs(10_000)).toBeGreaterThan(10_000);
  });
});

describe('what to do after the lookup', () => {
  const fresh: ReconcileState = { claimedAt: CLAIMED, failedLookups: 0, resends: 0 };
  const later = at(RECONCILE_SAFE_WAIT_MS);

  it('records what Twilio has, with its sid and status', () => {
    expect(decideAfterLookup(fresh, { kind: 'found', message: listed({ status: 'delivered' }) }, later)).toEqual({
      kind: 'record',
      sid: listed().sid,
      status: 'delivered',
      errorCode: null,
    });
    const queued = decideAfterLookup(fresh, { kind: 'found', message: listed({ status: 'queued' }) }, later);
    expect(queued).toMatchObject({ kind: 'record', status: 'accepted' });
  });

  it('sends once more when Twilio has nothing, and never a second time', () => {
    expect(decideAfterLookup(fresh, { kind: 'absent' }, later)).toEqual({ kind: 'resend' });
    expect(decideAfterLookup({ ...fresh, resends: 1 }, { kind: 'absent' }, later)).toMatchObject({ kind: 'give_up' });
  });

  it('looks again at the next sweep when the lookup fails, then gives up after a bounded number of tries', () => {
    const failed = { kind: 'failed', reason: 'Twilio 503' } as const;
    expect(decideAfterLookup(fresh, failed, later)).toEqual({ kind: 'look_again', reason: 'Twilio 503' });
    expect(decideAfterLookup({ ...fresh, failedLookups: MAX_RECONCILE_LOOKUPS - 2 }, failed, later).kind).toBe('look_again');
    const last = decideAfterLookup({ ...fresh, failedLookups: MAX_RECONCILE_LOOKUPS - 1 }, failed, later);
    expect(last).toMatchObject({ kind: 'give_up' });
    expect(last.kind === 'give_up' && last.reason).toContain('Twilio 503');
  });

  it('gives up on a lookup that still fails a day after the claim', () => {
    expect(decideAfterLookup(fresh, { kind: 'failed', reason: 'down' }, at(RECONCILE_GIVE_UP_AFTER_MS))).toMatchObject({ kind: 'give_up' });
  });

  it('gives up at once on a send that cannot be recognised in the list', () => {
    expect(decideAfterLookup(fresh, { kind: 'unmatchable', reason: 'a template' }, later)).toEqual({ kind: 'give_up', reason: 'a template' });
  });
});
