import type { JsonObject, JsonValue } from './case-record.types.js';

/**
 * Fields of alert and event data that hold what a participant wrote, word for word: free text passed to the key
 * worker, check-in and pulse answers, DNA reasons, reminder replies, wrong-number replies, and the words a
 * safeguarding rule matched (`flags[].words`, and `matched` on alerts raised before the layered screen).
 */
export const PARTICIPANT_WORD_FIELDS = ['text', 'words', 'matched', 'reply', 'preferred'] as const;

/**
 * Types whose `reason` is the participant's own words. Elsewhere a reason is a code (`struggling`), a fixed phrase
 * or staff's words, and stays.
 */
export const WORD_REASON_TYPES = ['appointment.cancel_requested', 'cancel_requested'] as const;

const WORD_FIELDS = new Set<string>(PARTICIPANT_WORD_FIELDS);
const REASON_TYPES = new Set<string>(WORD_REASON_TYPES);

/**
 * Alert or event data once its retention has passed: every participant's word removed, at any depth (an
 * `alert.raised` event may carry a copy of its alert's data). A safeguarding `reason` becomes the same list of
 * `category: rule` without the words; categories, rule names, scores, counts and outcomes stay. Applying it twice
 * changes nothing more.
 */
export function withoutParticipantWords(type: string, data: JsonObject): JsonObject {
  return scrubObject(data, type);
}

function scrubObject(object: JsonObject, inheritedType: string): JsonObject {
  const type = typeof object.type === 'string' ? object.type : inheritedType;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (WORD_FIELDS.has(key)) continue;
    if (key === 'reason') {
      const reason = reasonWithoutWords(object, type, value);
      if (reason !== undefined) result.reason = reason;
      continue;
    }
    result[key] = scrubValue(value, type);
  }
  return result;
}

function scrubValue(value: JsonValue, type: string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, type));
  if (value !== null && typeof value === 'object') return scrubObject(value, type);
  return value;
}

/** A screen's reason is rebuilt from its flags (or categories); a reason in the person's own words goes. */
function reasonWithoutWords(object: JsonObject, type: string, reason: JsonValue): JsonValue | undefined {
  if (Array.isArray(object.flags)) {
    const parts = object.flags.flatMap((flag) =>
      flag !== null && typeof flag === 'object' && !Array.isArray(flag) && typeof flag.category === 'string'
        ? [typeof flag.rule === 'string' ? `${flag.category}: ${flag.rule}` : flag.category]
        : [],
    );
    return [...new Set(parts)].join('; ');
  }
  if (type === 'safeguarding') {
    return Array.isArray(object.categories) ? object.categories.filter((c) => typeof c === 'string').join('; ') : undefined;
  }
  if (REASON_TYPES.has(type)) return undefined;
  return reason;
}
