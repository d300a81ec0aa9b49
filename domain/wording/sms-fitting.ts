import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * Building texts that fit: staff-typed values made safe for GSM-7, and the first of several wordings (fullest
 * first) that fits in `MAX_SEGMENTS` SMS segments. Shared by every participant-facing template.
 */

/** Every participant-facing message fits in this many SMS segments. */
export const MAX_SEGMENTS = 2;

interface Names {
  firstName: string;
  keyWorkerName: string | null;
  programmeName: string;
}

/**
 * How many SMS segments a text takes, and in which encoding, as Twilio counts them (without Smart Encoding):
 * one character outside GSM-7 makes the whole text UCS-2, which more than halves what fits in a segment.
 */
export function countSmsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; segments: number } {
  const message = new SegmentedMessage(text);
  return { encoding: message.getEncodingName() === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: message.segmentsCount };
}

/**
 * A value typed by staff, made safe for GSM-7: one curly quote or long dash would turn the whole SMS into
 * UCS-2 and more than double its segments. Letters are left alone (a name is spelt as its owner spells it).
 */
export function plain(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .trim();
}

/** Joins each candidate's sentences (skipping empty ones) and returns the first that fits in `MAX_SEGMENTS`, else the shortest. */
export function firstThatFits(candidates: readonly (readonly string[])[]): string {
  const texts = candidates.map((parts) => parts.filter((part) => part !== '').join(' '));
  const fitting = texts.find((text) => countSmsSegments(text).segments <= MAX_SEGMENTS);
  if (fitting !== undefined) return fitting;
  return texts.reduce((shortest, text) => (text.length < shortest.length ? text : shortest));
}

/** "Priya at Restart", or "your key worker at Restart": names a person where we can, always the programme. */
export function keyWorkerOrTeam(ctx: Pick<Names, 'keyWorkerName' | 'programmeName'>): string {
  const keyWorker = plain(ctx.keyWorkerName ?? '');
  return `${keyWorker === '' ? 'your key worker' : keyWorker} at ${plain(ctx.programmeName)}`;
}

/** ", Sam" after a greeting, or nothing when we have no name. */
export function comma(ctx: Pick<Names, 'firstName'>): string {
  const name = plain(ctx.firstName);
  return name === '' ? '' : `, ${name}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
