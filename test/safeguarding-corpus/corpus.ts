import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RISK_CATEGORIES } from '../../domain/safeguarding/risk-category.js';

/**
 * The evaluation corpus (FORMAT.md): `tuning` the rules are written against and the model trained on; `holdout` and
 * `reserve` never read; `everyday`, ordinary messages only, never tuned on, measures false alarms on everyday life.
 */
export const CORPUS_PARTS = ['tuning', 'holdout', 'reserve', 'everyday'] as const;
export type CorpusPart = (typeof CORPUS_PARTS)[number];

const corpusLine = z.object({
  text: z.string(),
  risk: z.boolean(),
  category: z.enum(RISK_CATEGORIES).nullable(),
  style: z.enum(['plain', 'textspeak', 'misspelt', 'indirect', 'third_person', 'everyday', 'idiom', 'near_miss', 'low_mood']),
  lang: z.enum(['en', 'cy']),
});
export type CorpusMessage = z.infer<typeof corpusLine>;

export function loadCorpus(part: CorpusPart): CorpusMessage[] {
  return loadCorpusFile(new URL(`./${part}.jsonl`, import.meta.url));
}

/** Any file in the corpus's format: a part, a blind round kept unread, a new round before it joins. */
export function loadCorpusFile(path: string | URL): CorpusMessage[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.filter((line) => line.trim().length > 0).map((line) => corpusLine.parse(JSON.parse(line)));
}

export interface Evaluation {
  risk: number;
  benign: number;
  recall: number;
  falseAlarmRate: number;
  recallByCategory: Record<string, { messages: number; recall: number }>;
  recallByStyle: Record<string, { messages: number; recall: number }>;
  falseAlarmsByStyle: Record<string, { messages: number; rate: number }>;
  missed: CorpusMessage[];
  falseAlarms: CorpusMessage[];
}

/** Recall over risk messages (flagged at all, whatever the category) and false alarms over benign ones. */
export function evaluate(messages: readonly CorpusMessage[], flags: (text: string) => boolean): Evaluation {
  const missed: CorpusMessage[] = [];
  const falseAlarms: CorpusMessage[] = [];
  const risk = messages.filter((message) => message.risk);
  const benign = messages.filter((message) => !message.risk);
  for (const message of risk) if (!flags(message.text)) missed.push(message);
  for (const message of benign) if (flags(message.text)) falseAlarms.push(message);
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  const recallBy = (key: 'category' | 'style') => {
    const groups: Record<string, { messages: number; recall: number }> = {};
    for (const value of new Set(risk.map((message) => String(message[key])))) {
      const inGroup = risk.filter((message) => String(message[key]) === value);
      const missedInGroup = missed.filter((message) => String(message[key]) === value);
      groups[value] = { messages: inGroup.length, recall: share(inGroup.length - missedInGroup.length, inGroup.length) };
    }
    return groups;
  };
  const falseAlarmsByStyle: Record<string, { messages: number; rate: number }> = {};
  for (const style of new Set(benign.map((message) => message.style))) {
    const inGroup = benign.filter((message) => message.style === style);
    falseAlarmsByStyle[style] = { messages: inGroup.length, rate: share(falseAlarms.filter((m) => m.style === style).length, inGroup.length) };
  }
  return {
    risk: risk.length,
    benign: benign.length,
    recall: share(risk.length - missed.length, risk.length),
    falseAlarmRate: share(falseAlarms.length, benign.length),
    recallByCategory: recallBy('category'),
    recallByStyle: recallBy('style'),
    falseAlarmsByStyle,
    missed,
    falseAlarms,
  };
}
