import { describe, expect, it } from 'vitest';
import type { KeyWorkerAvailability } from '../time/key-worker-availability.js';
import { say } from './message-catalogue.js';
import { CRISIS_MAX_SEGMENTS, riskHelpMessage } from './risk-help-wording.js';
import { RISK_CATEGORIES, type RiskCategory } from '../safeguarding/risk-category.js';
import { countSmsSegments } from './sms-fitting.js';
import type { WordingContext } from './wording.js';

const LONDON = 'Europe/London';
const sam: WordingContext = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Restart', language: 'en' };
const cerys: WordingContext = { ...sam, firstName: 'Cerys', language: 'cy' };
const AT_WORK: KeyWorkerAvailability = { atWorkNow: true };
/** Wednesday 4 March 2026, 10pm. */
const WEDNESDAY_NIGHT = new Date('2026-03-04T22:00:00Z');
const help = (categories: RiskCategory[], ctx = sam, keyWorker: KeyWorkerAvailability = AT_WORK, now = WEDNESDAY_NIGHT) => riskHelpMessage(ctx, categories, keyWorker, now, LONDON);

describe('the right help for each concern', () => {
  it.each([
    // concern, numbers it gives (English), numbers it must not give
    ['suicide', ['Samaritans free on 116 123, any time', 'call 999', 'text SHOUT to 85258'], ['0808']],
    ['self_harm', ['Samaritans free on 116 123, any time', 'badly hurt or in danger now, call 999', 'text SHOUT to 85258'], ['0808']],
    ['domestic_abuse', ['National Domestic Abuse Helpline free on 0808 2000 247, any time', 'call 999', 'call 999 on a mobile and press 55'], ['116 123']],
    ['sexual_violence', ['Rape Crisis support line free on 0808 500 2222, any time', 'call 999'], ['116 123']],
    ['child_at_risk', ['If a child is in danger now, call 999', 'Childline free on 0800 1111, any time', 'worried about a child, you can call the NSPCC on 0808 800 5000'], ['116 123']],
    ['exploitation', ['Modern Slavery and Exploitation Helpline free on 08000 121 700, any time', 'call 999'], ['116 123']],
    ['homeless_tonight', ['call your local council now and say you have nowhere to sleep tonight', 'After hours, use the emergency number on its website', 'call 999'], ['116 123']],
    ['violence', ['danger now, call 999', 'call the police on 101'], ['116 123', '0808']],
  ] as const)('%s', (category, gives, never) => {
    const text = help([category]);
    expect(text.startsWith('Restart: we are sorry things are so hard. ')).toBe(true);
    for (const words of gives) expect(text).toContain(words);
    for (const words of never) expect(text).not.toContain(words);
    expect(text.endsWith('We have told your key worker Priya.')).toBe(true);
  });

  it('in Welsh, domestic abuse and sexual violence get Wales’s own 24/7 line, Byw Heb Ofn (Live Fear Free)', () => {
    for (const category of ['domestic_abuse', 'sexual_violence'] as const) {
      const text = help([category], cerys);
      expect(text).toContain('Byw Heb Ofn am ddim ar 0808 80 10 800, unrhyw bryd');
      expect(text).not.toContain('0808 2000 247');
      expect(text).not.toContain('0808 500 2222');
    }
    expect(help(['domestic_abuse'], cerys)).toContain('ffoniwch 999 o\'ch symudol a phwyso 55');
  });

  it('in Welsh, Samaritans with their Welsh-language evening line as well as the round-the-clock number', () => {
    expect(help(['suicide'], cerys)).toBe(
      "Restart: mae'n ddrwg gennym fod pethau mor anodd. Ffoniwch y Samariaid am ddim ar 116 123, unrhyw bryd, ddydd neu nos (yn Gymraeg 7yh-11yh: 0808 164 0123). Os ydych mewn perygl nawr, ffoniwch 999. Neu tecstiwch SHOUT i 85258. Rydym wedi dweud wrth eich gweithiwr allweddol Priya.",
    );
  });

  it('without a named key worker it still says who it is from and that their key worker knows', () => {
    const text = help(['violence'], { ...sam, keyWorkerName: null });
    expect(text.startsWith('Restart: ')).toBe(true);
    expect(text.endsWith('We have told your key worker.')).toBe(true);
  });
});

describe('several concerns at once', () => {
  it('the most urgent in full first, then a short line with the number for each other', () => {
    expect(help(['suicide', 'domestic_abuse'])).toBe(
      'Restart: we are sorry things are so hard. Please call Samaritans free on 116 123, any time, day or night. If you are in danger now, call 999. You can also text SHOUT to 85258. Domestic abuse helpline: 0808 2000 247, free, any time. We have told your key worker Priya.',
    );
  });

  it('never gives the same number twice (suicide and self-harm both mean Samaritans)', () => {
    const text = help(['suicide', 'self_harm']);
    expect(text.match(/116 123/gu)).toHaveLength(1);
    expect(text).toBe(help(['suicide']));
  });

  it('adds the others only while the text fits its SMS budget, and never drops the most urgent help', () => {
    for (const ctx of [sam, cerys, { ...sam, programmeName: 'Connect to Work (Greater Manchester) WHP', keyWorkerName: 'Christopher Montgomery-Smith' }]) {
      for (const first of RISK_CATEGORIES) {
        const all = [first, ...RISK_CATEGORIES.filter((c) => c !== first)];
        const text = help(all, ctx, { atWorkNow: false, backAt: new Date('2026-03-18T09:00:00Z') });
        expect(countSmsSegments(text).segments, text).toBeLessThanOrEqual(CRISIS_MAX_SEGMENTS);
        expect(text, text).toContain(`${say(ctx.language, 'crisis.opening', { programme: ctx.programmeName })} ${say(ctx.language, `crisis.help.${first}`)}`);
      }
    }
  });

  it('with everything flagged in English the reply still carries numbers beyond the first concern', () => {
    const text = help([...RISK_CATEGORIES], sam, AT_WORK);
    for (const number of ['116 123', '0808 2000 247', '0808 500 2222', '0800 1111', '08000 121 700']) expect(text).toContain(number);
  });
});

describe('out of working hours it says when the key worker is back', () => {
  it.each([
    // key worker back at, English, Welsh
    ['2026-03-05T09:00:00Z', 'They will be back at 9am tomorrow.', 'Byddan nhw ar gael eto am 9yb yfory.'],
    ['2026-03-09T09:30:00Z', 'They will be back at 9:30am on Monday.', 'Byddan nhw ar gael eto am 9:30yb ddydd Llun.'],
    ['2026-03-18T09:00:00Z', 'They will be back at 9am on Wed 18 Mar.', 'Byddan nhw ar gael eto am 9yb ar Mer 18 Mawrth.'],
  ])('back %s', (backAt, english, welsh) => {
    const away: KeyWorkerAvailability = { atWorkNow: false, backAt: new Date(backAt) };
    expect(help(['suicide'], sam, away).endsWith(`We have told your key worker Priya. ${english}`)).toBe(true);
    expect(help(['suicide'], cerys, away).endsWith(`Rydym wedi dweud wrth eich gweithiwr allweddol Priya. ${welsh}`)).toBe(true);
  });

  it('early in the morning, back later the same day', () => {
    const early = new Date('2026-03-05T06:30:00Z');
    const away: KeyWorkerAvailability = { atWorkNow: false, backAt: new Date('2026-03-05T09:00:00Z') };
    expect(help(['violence'], sam, away, early).endsWith('They will be back at 9am today.')).toBe(true);
    expect(help(['violence'], cerys, away, early).endsWith('Byddan nhw ar gael eto am 9yb heddiw.')).toBe(true);
  });

  it('says nothing of when when it is not known, and nothing at all in working hours', () => {
    expect(help(['suicide'], sam, { atWorkNow: false, backAt: null })).toBe(help(['suicide'], sam, AT_WORK));
    expect(help(['suicide'])).not.toContain('back');
  });
});
