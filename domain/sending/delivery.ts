/** What a failed send means for the person, whichever way Twilio told us (API answer or status callback). */
export type DeliveryFailureKind = 'retryable' | 'opted_out' | 'bad_number' | 'whatsapp_window' | 'permanent';

export interface DeliveryFailure {
  kind: DeliveryFailureKind;
  code?: number | undefined;
  message: string;
  /** No answer, but the request may have reached the provider: looked up there before any second try. */
  maybeSent?: boolean | undefined;
}

/** Sends given up after this many tries at a retryable failure. */
export const MAX_SEND_ATTEMPTS = 8;

/** Kinds that may still reach someone who has opted out: the confirmation, crisis signposting, a HELP answer. */
export function mayReachOptedOut(kind: string): boolean {
  return kind === 'opt_out_confirmation' || kind === 'crisis' || kind === 'service';
}

/** How a message leaves us: the transport (Twilio or the sandbox outbox) behind one interface. */
export interface OutboundSend {
  to: string;
  channel: 'sms' | 'whatsapp';
  body: string;
  statusCallback?: string | undefined;
  /** An approved WhatsApp template (Content SID) to send instead of free text. */
  contentSid?: string | undefined;
  contentVariables?: Record<string, string> | undefined;
}

export interface MessageTransport {
  send(message: OutboundSend): Promise<{ sid: string; status: string }>;
}

/** When WhatsApp refuses a free-form message outside its 24-hour window (63016). */
export type WhatsAppFallback = { kind: 'template'; contentSid: string } | { kind: 'sms' } | { kind: 'none' };

/**
 * A message's text as the value of a template variable: WhatsApp refuses a variable with line breaks, tabs or more
 * than four spaces in a row (Twilio 63013, https://www.twilio.com/docs/api/errors/63013), so each run of white
 * space becomes one space.
 */
export function templateVariableText(body: string): string {
  return body.replace(/\s+/gu, ' ').trim();
}

/** WhatsApp allows free-form messages for 24 hours after the person last wrote to us. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How a WhatsApp message goes: free text inside the window; outside it, the approved template or SMS
 * (https://www.twilio.com/docs/whatsapp/key-concepts#the-24-hour-window-or-24-hour-session). With neither
 * configured it goes as free text and a 63016 failure raises `undeliverable`.
 */
export function whatsappRoute(lastInboundAt: Date | undefined, now: Date, fallback: WhatsAppFallback): 'free_text' | 'template' | 'sms' {
  if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < WHATSAPP_WINDOW_MS) return 'free_text';
  if (fallback.kind === 'template') return 'template';
  if (fallback.kind === 'sms') return 'sms';
  return 'free_text';
}
