import { normaliseMobile } from './phone.js';

/** Whether a stored work phone (E.164) can take a text, such as an escalation: only a mobile can. */
export function canTakeTexts(e164: string): boolean {
  return normaliseMobile(e164).ok;
}
