import { known, say } from './message-catalogue.js';
import { countSmsSegments, MAX_SEGMENTS, plain } from './sms-fitting.js';

/** How soon a call may be announced: within the hour, five minutes unless the caller says otherwise. */
export const CALL_AHEAD_MINUTES = { min: 1, max: 60, default: 5 } as const;

/**
 * The text a key worker sends just before ringing: who is calling, from which programme, when and from which number,
 * so the call is not from a stranger. One SMS segment where the names allow (a second segment can arrive after the
 * phone has already rung); longer names give way first: the caller's surname, then the participant's name, then the
 * greeting.
 */
export interface CallAheadWording {
  firstName: string;
  /** The member of staff who will ring, as staff typed it. */
  callerName: string;
  programmeName: string;
  language: string;
  /** 1–60. */
  inMinutes: number;
  /** The number they will ring from, as a participant dials it ("0161 496 0000"). */
  callerPhone: string;
}

export function callAheadMessage(w: CallAheadWording): string {
  const fullName = plain(w.callerName);
  const givenName = fullName.split(' ')[0] ?? fullName;
  const firstName = plain(w.firstName);
  const render = (caller: string, withName: boolean, short: boolean) =>
    say(w.language, short ? 'callAhead.ringSoonShort' : 'callAhead.ringSoon', {
      firstName: withName ? firstName : '',
      hasName: withName ? known(firstName) : 'no',
      caller,
      programme: plain(w.programmeName),
      minutes: w.inMinutes,
      callerPhone: w.callerPhone,
    });
  const candidates = [
    render(fullName, true, false),
    render(givenName, true, false),
    render(givenName, false, false),
    render(givenName, false, true),
  ];
  const within = (segments: number) => candidates.find((text) => countSmsSegments(text).segments <= segments);
  return within(1) ?? within(MAX_SEGMENTS) ?? candidates.reduce((shortest, text) => (text.length < shortest.length ? text : shortest));
}
