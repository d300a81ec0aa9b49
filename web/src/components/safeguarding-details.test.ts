import { describe, expect, it } from 'vitest';
import { safeguardingDetails } from './safeguarding-details.js';

describe('what a safeguarding alert tells the key worker', () => {
  it('the concern in plain words, the others after it, and each rule with the words that matched', () => {
    expect(
      safeguardingDetails({
        category: 'domestic_abuse',
        categories: ['domestic_abuse', 'homeless_tonight'],
        reason: 'domestic_abuse: partner-violence "he chokes me"; homeless_tonight: nowhere-tonight "nowhere to sleep tonight"',
        flags: [
          { category: 'domestic_abuse', rule: 'partner-violence', words: 'he chokes me' },
          { category: 'homeless_tonight', rule: 'nowhere-tonight', words: 'nowhere to sleep tonight' },
        ],
      }),
    ).toEqual([
      ['Concern', 'Domestic abuse (also: Nowhere safe to sleep tonight)'],
      ['Why it was raised', 'Domestic abuse: partner violence, “he chokes me”; Nowhere safe to sleep tonight: nowhere tonight, “nowhere to sleep tonight”'],
    ]);
  });

  it('names the statistical second opinion for what it is', () => {
    expect(safeguardingDetails({ category: 'suicide', categories: ['suicide'], flags: [{ category: 'suicide', rule: 'classifier', words: 'cant do this anymore' }] })).toEqual([
      ['Concern', 'Suicide or wanting to end their life'],
      ['Why it was raised', 'Suicide or wanting to end their life: the statistical second opinion, “cant do this anymore”'],
    ]);
  });

  it('falls back to the one-line reason when there are no flags', () => {
    expect(safeguardingDetails({ category: 'violence', categories: ['violence'], reason: 'violence: phrase "batter him"' })).toEqual([
      ['Concern', 'Violence'],
      ['Why it was raised', 'violence: phrase "batter him"'],
    ]);
  });

  it('an alert from before the categories (categories with "abuse", matched phrases) still reads sensibly', () => {
    expect(safeguardingDetails({ categories: ['abuse'], matched: ['he hits me'] })).toEqual([
      ['Concern', 'Abuse'],
      ['Words that raised it', '“he hits me”'],
    ]);
    expect(safeguardingDetails({ categories: ['suicide', 'abuse'], matched: ['end it all', 'he hits me'] })).toEqual([
      ['Concern', 'Suicide or wanting to end their life (also: Abuse)'],
      ['Words that raised it', '“end it all”, “he hits me”'],
    ]);
  });

  it('ignores what it cannot read', () => {
    expect(safeguardingDetails({ category: 42, categories: 'suicide', flags: [{ category: 'suicide' }, null], matched: [1, 2] })).toEqual([]);
  });
});
