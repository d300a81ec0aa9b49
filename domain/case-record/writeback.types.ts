import type { AlertDraft, EventDraft } from './case-record.types.js';
import type { Channel } from '../channel.js';
import type { ConsentChange, Reply } from '../conversation/conversation.types.js';

/**
 * Everything one unit of work (a turn, a status callback, a send) wants on the case record.
 * Applying it twice changes nothing: every row it makes is keyed by `sourceKey` and the draft's own key.
 */
export interface WritebackPayload {
  participantId: string;
  sourceKey: string;
  at: string;
  events: EventDraft[];
  alerts: AlertDraft[];
  replies: Reply[];
  /** Replies to a text go back on the channel it came in on; otherwise the participant's own channel. */
  replyChannel?: Channel;
  consent?: ConsentChange;
}
