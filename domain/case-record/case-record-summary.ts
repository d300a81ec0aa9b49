import type { JsonObject } from './case-record.types.js';
import { EVENT_TITLES } from './event-titles.js';

/** One event in a few plain words for a spreadsheet reader (the data itself goes beside it as JSON). */
export function caseRecordSummary(type: string, data: JsonObject): string {
  const text = (key: string): string | undefined => {
    const value = data[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const quoted = (key: string) => (text(key) ? `“${text(key)}”` : undefined);
  const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(': ');
  const title = EVENT_TITLES[type] ?? type;
  switch (type) {
    case 'message.inbound':
    case 'message.outbound':
      return join(title, quoted('body'));
    case 'message.status':
      return join(title, text('status'));
    case 'appointment.created':
    case 'appointment.rescheduled':
      return join(title, [text('title'), text('startsAt'), text('location')].filter(Boolean).join(', ') || undefined);
    case 'appointment.cancelled':
      return join(title, text('reason'));
    case 'dna.reason':
      return join(title, [text('category')?.replaceAll('_', ' '), quoted('words')].filter(Boolean).join(', ') || undefined);
    case 'checkin.response':
      return join(title, checkInAnswer(data));
    case 'pulse.response':
      return join(title, data.answered === false ? `${text('questionId') ?? 'question'} not answered` : `${text('questionId') ?? 'question'} ${String(data.score)}`);
    case 'alert.raised':
    case 'alert.acknowledged':
    case 'alert.escalated':
      return join(title, [text('type')?.replaceAll('_', ' '), text('note')].filter(Boolean).join(', ') || undefined);
    case 'job.started':
      return join(title, [text('employer'), text('startDate')].filter(Boolean).join(', from ') || undefined);
    case 'job.left':
      return join(title, text('reason'));
    default:
      return join(title, quoted('reply') ?? quoted('words') ?? quoted('text'));
  }
}

function checkInAnswer(data: JsonObject): string | undefined {
  const question = typeof data.question === 'string' ? data.question : undefined;
  if (data.answer === 'left_job') return 'has left their job';
  if (question === 'still_in_work') return data.answer === 'yes' ? 'still in work' : 'still in work? not answered';
  if (question === 'how') return typeof data.rating === 'string' ? `going ${data.rating}` : 'how it is going: in their own words';
  if (question === 'call') return data.answer === 'yes' ? 'would like a call' : data.answer === 'no' ? 'no call needed' : 'call? not answered';
  return question;
}

