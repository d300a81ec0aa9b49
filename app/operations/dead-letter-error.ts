/**
 * Why a dead letter failed, as an admin may read it: one line, short, and with anything that looks like a phone
 * number taken out (Twilio's and our own error texts can quote one).
 */
export function describeDeadLetterError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return withoutNumbers(text.replace(/\s+/g, ' ').trim()).slice(0, 300);
}

export function withoutNumbers(text: string): string {
  return text.replace(/\+?\d[\d ()-]{6,}\d/g, '[number]');
}
