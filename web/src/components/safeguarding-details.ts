import { riskCategoryName, sentenceCase } from './labels.js';

/** One row of an alert's details: a label and its plain-words value. */
export type DetailRow = readonly [label: string, value: string];

/**
 * What a safeguarding alert tells the key worker: the concern in plain words (the most urgent first) and why it was
 * raised: each rule and the words that matched. Alerts from before the risk categories carry `categories` (with
 * `abuse`) and `matched` phrases instead, and still read sensibly.
 */
export function safeguardingDetails(data: Record<string, unknown>): DetailRow[] {
  const categories = strings(data.categories);
  const first = typeof data.category === 'string' ? data.category : categories[0];
  const rows: DetailRow[] = [];
  if (first !== undefined) {
    const others = categories.filter((category) => category !== first).map(riskCategoryName);
    rows.push(['Concern', others.length > 0 ? `${riskCategoryName(first)} (also: ${others.join(', ')})` : riskCategoryName(first)]);
  }
  const flags = Array.isArray(data.flags) ? data.flags.filter(isFlag) : [];
  if (flags.length > 0) {
    rows.push(['Why it was raised', flags.map((flag) => `${riskCategoryName(flag.category)}: ${ruleName(flag.rule)}, “${flag.words}”`).join('; ')]);
  } else if (typeof data.reason === 'string' && data.reason !== '') {
    rows.push(['Why it was raised', data.reason]);
  }
  const matched = strings(data.matched);
  if (matched.length > 0) rows.push(['Words that raised it', matched.map((words) => `“${words}”`).join(', ')]);
  return rows;
}

interface Flag {
  category: string;
  rule: string;
  words: string;
}

function isFlag(value: unknown): value is Flag {
  if (typeof value !== 'object' || value === null) return false;
  const flag = value as Record<string, unknown>;
  return typeof flag.category === 'string' && typeof flag.rule === 'string' && typeof flag.words === 'string';
}

/** `intent-to-end-life` → "intent to end life"; `classifier` says what it is. */
function ruleName(rule: string): string {
  if (rule === 'classifier') return 'the statistical second opinion';
  return sentenceCase(rule.replace(/-/g, ' ')).toLowerCase();
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
