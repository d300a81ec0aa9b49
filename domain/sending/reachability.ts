/** Streams a participant can mute one by one (STOP stops them all). */
export const STREAMS = ['reminders', 'dna_follow_up', 'check_ins', 'campaigns', 'pulses'] as const;
export type Stream = (typeof STREAMS)[number];

/** What decides whether a scheduled message may go to someone at all. */
export interface Reachability {
  erased: boolean;
  hasPhone: boolean;
  consent: boolean;
  optedOut: boolean;
  wrongNumber: boolean;
  mutedStreams: readonly string[];
}

export type Unreachable = 'erased' | 'no_consent' | 'opted_out' | 'wrong_number' | 'muted';

/**
 * Why a message of these streams may not go to this person now, or null when it may. Checked by every scheduled
 * sender at the moment it fires (reminders, check-ins, campaigns), so a change since it was planned always wins.
 */
export function whyUnreachable(person: Reachability, streams: readonly Stream[]): Unreachable | null {
  if (person.erased || !person.hasPhone) return 'erased';
  if (!person.consent) return 'no_consent';
  if (person.optedOut) return 'opted_out';
  if (person.wrongNumber) return 'wrong_number';
  if (streams.some((stream) => person.mutedStreams.includes(stream))) return 'muted';
  return null;
}

/** The same reason in words, as reminders record it ("reminders muted"). */
export function describeUnreachable(reason: Unreachable, stream: Stream): string {
  switch (reason) {
    case 'erased':
      return 'participant erased';
    case 'no_consent':
      return 'no consent';
    case 'opted_out':
      return 'opted out';
    case 'wrong_number':
      return 'wrong number';
    case 'muted':
      return `${stream} muted`;
  }
}
