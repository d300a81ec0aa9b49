import { CO_OCCURRENCE_RULES } from '../../domain/safeguarding/co-occurrence-rules.js';
import { CONCEPT_RULES } from '../../domain/safeguarding/concept-rules.js';
import { WELSH_CONCEPT_RULES } from '../../domain/safeguarding/concept-rules.cy.js';
import { IDIOM_GUARDS } from '../../domain/safeguarding/idiom-guards.js';
import { INDIRECT_DISCLOSURE_RULES } from '../../domain/safeguarding/indirect-disclosure-rules.js';
import { INTENT_AND_PLACE_RULES } from '../../domain/safeguarding/intent-and-place-rules.js';
import { screenForRisk } from '../../domain/safeguarding/screen.js';
import { readTokens } from '../../domain/safeguarding/token-reading.js';
import { compileItem, compilePattern, findMatches, indexMessage, itemFitsAnywhere } from '../../domain/safeguarding/token-pattern.js';

/**
 * `npx tsx bench/safeguarding-model/why.ts "<text>" …`: for tuning by hand, what the screen decided and why — its
 * flags, the tokens as the rules read them (with their concepts), and the rules that met their words but were ruled
 * out by an exception (`unlessWith`, the words that ruled them out) or lacked what they need (`onlyWith`), and the
 * guards that set words aside. Exceptions are written in the tokens' forms: "she's" is read as "she", "don't" as
 * "do not". Never run it on the holdout's or reserve's texts.
 */
const alternativesIn = (alternatives: string | undefined, tokens: ReturnType<typeof readTokens>, index: ReturnType<typeof indexMessage>) =>
  (alternatives ?? '').split('|').filter((alternative) => alternative !== '' && itemFitsAnywhere(compileItem(alternative), tokens, index));

for (const text of process.argv.slice(2)) {
  const screen = screenForRisk(text);
  const tokens = readTokens(text);
  const index = indexMessage(tokens);
  console.log(`${screen.risk ? 'RISK' : 'ok'}  ${text}`);
  if (screen.risk) console.log(`  flags: ${screen.reason}`);
  console.log(`  tokens: ${tokens.map((token) => (token.concepts.size > 0 ? `${token.word}{${[...token.concepts].join(',')}}` : token.word)).join(' ')}`);
  const report = (kind: string, rule: { name: string; unlessWith?: string; onlyWith?: string }) => {
    const ruledOut = alternativesIn(rule.unlessWith, tokens, index);
    const lacking = rule.onlyWith !== undefined && alternativesIn(rule.onlyWith, tokens, index).length === 0;
    if (ruledOut.length > 0 || lacking) console.log(`  ${kind} "${rule.name}": ${ruledOut.length > 0 ? `ruled out by ${ruledOut.join(', ')}` : 'lacks its onlyWith'}`);
  };
  for (const rule of [...CONCEPT_RULES, ...WELSH_CONCEPT_RULES]) if (findMatches(compilePattern(rule.pattern), tokens).length > 0) report('rule', rule);
  for (const rule of [...CO_OCCURRENCE_RULES, ...INDIRECT_DISCLOSURE_RULES, ...INTENT_AND_PLACE_RULES]) {
    if (rule.together.every((item) => itemFitsAnywhere(compileItem(item), tokens, index))) report('co-occurrence', rule);
  }
  for (const guard of IDIOM_GUARDS) {
    const matches = findMatches(compilePattern(guard.pattern), tokens);
    const denied = alternativesIn(guard.deniedBy, tokens, index);
    for (const match of matches) {
      console.log(`  guard "${guard.name}": ${tokens.slice(match.start, match.end).map((token) => token.word).join(' ')}${denied.length > 0 ? ` (denied by ${denied.join(', ')})` : ''}`);
    }
  }
}
