import { createHash } from 'node:crypto';

/**
 * Every BullMQ job id and every idempotency source key, built in one place. A job id makes adding the same work twice
 * a no-op (the sweep re-adds from the database under the same ids); a source key makes writing the same case-record
 * entry or outbound message twice a no-op. BullMQ rejects ids containing `:`, so none has one.
 */

// Job ids.
export const turnJobId = (twilioSid: string) => `inbound-${twilioSid}`;
/**
 * One job for the texts one acknowledgement stored together, which adds each text's own turn job (`turnJobId`) in
 * the workers. Keyed by its texts (a hash of their MessageSids in order), so the same group added twice is one job.
 */
export const turnBatchJobId = (twilioSids: readonly string[]) => `inbound-batch-${createHash('sha1').update(twilioSids.join('\n')).digest('hex')}`;
export const writebackJobId = (writebackId: string) => `writeback-${writebackId}`;
export const sendJobId = (messageId: string) => `send-${messageId}`;
/** One escalation per alert, whoever adds it (the write-back, the sweep) and however often. */
export const escalationJobId = (alertId: string) => `escalate-${alertId}`;
/** One id per lane head and attempt: re-adding it (the feeder, the sweep) is a no-op until that attempt is made. */
export const crmDeliveryJobId = (job: { sinkId: string; participantId: string; eventId: string; attempts: number }) =>
  `crm-${job.sinkId}-${job.participantId}-e${job.eventId}-a${job.attempts}`;
/** ISO durations have no `:`, so the offset goes in as it is. */
export const reminderJobId = (appointmentId: string, version: number, offset: string) => `appt-${appointmentId}-v${version}-${offset}`;
export const checkInJobId = (checkInId: string) => `checkin-${checkInId}`;
export const followUpJobId = (followUpId: string, step: number) => `followup-${followUpId}-step${step}`;
/** One job per campaign, participant and plan (a resume re-plans under a new epoch). */
export const campaignJobId = (campaignId: string, participantId: string, epoch: number) => `campaign-${campaignId}-${participantId}-e${epoch}`;
export const campaignFanoutJobId = (campaignId: string, epoch: number) => `campaign-fanout-${campaignId}-e${epoch}`;

/** Source keys of case-record entries and outbound messages: one per thing that happened. */
export const sourceKeys = {
  participantCreated: (participantId: string) => `created-${participantId}`,
  contactConfirmed: (participantId: string) => `contact-confirmed-${participantId}`,
  participantErased: (participantId: string) => `erased-${participantId}`,
  appointmentCreated: (appointmentId: string) => `appt-${appointmentId}-created`,
  appointmentDidNotAttend: (appointmentId: string) => `appt-${appointmentId}-dna`,
  appointmentRescheduled: (appointmentId: string, version: number) => `appt-${appointmentId}-v${version}-rescheduled`,
  /** The text telling the person their appointment changed (one per version). */
  appointmentChangedText: (appointmentId: string, version: number) => `appt-${appointmentId}-v${version}-changed`,
  appointmentCancelled: (appointmentId: string) => `appt-${appointmentId}-cancelled`,
  attendance: (appointmentId: string, outcome: string) => `appt-${appointmentId}-attendance-${outcome}`,
  /** One `referral_stalled` per person, ever. */
  referralStalled: (participantId: string) => `referral-${participantId}`,
  jobStarted: (jobStartId: string) => `job-started-${jobStartId}`,
  jobLeft: (jobStartId: string) => `job-left-${jobStartId}`,
  /** A turn's outcome: the inbound message's Twilio sid, or its row id when it has none (the sandbox). */
  inbound: (twilioSidOrMessageId: string) => `inbound-${twilioSidOrMessageId}`,
  outbound: (messageId: string) => `outbound-${messageId}`,
  deliveryStatus: (messageSid: string, status: string) => `status-${messageSid}-${status}`,
  /** A message sent again after a failure (a dead letter replayed), or on another channel (a WhatsApp fallback). */
  resend: (messageId: string) => `resend-${messageId}`,
  /** What a failed send raised (an alert, a fallback) on the case record. */
  deliveryFailure: (messageId: string) => `delivery-${messageId}`,
  fallback: (messageId: string) => `fallback-${messageId}`,
  reminder: (reminderJobId: string) => `reminder-${reminderJobId}`,
  checkIn: (checkInId: string) => `checkin-${checkInId}`,
  followUpStep: (followUpId: string, step: number) => `followup-${followUpId}-step${step}`,
  followUpEnd: (followUpId: string) => `followup-${followUpId}-end`,
  campaignMessage: (campaignId: string, participantId: string) => `campaign-${campaignId}-${participantId}`,
  alert: (alertId: string) => `alert-${alertId}`,
  alertAcknowledged: (alertId: string) => `alert-ack-${alertId}`,
  alertEscalated: (alertId: string) => `alert-escalated-${alertId}`,
  escalationText: (alertId: string, phone: string) => `escalation-${alertId}-${phone}`,
  /** One entry of a write-back, under the write-back's own key. */
  writebackEvent: (writebackKey: string, type: string, key: string) => `${writebackKey}/${type}/${key}`,
  writebackReply: (writebackKey: string, index: number) => `${writebackKey}/reply/${index}`,
} as const;
