import { describe, it, expect, vi, beforeEach } from 'vitest';
import type { ParticipantContext, TurnInput } from '../domain/conversation/conversation.types.js';
import type { KeyWorkerAvailability } from '../domain/time/key-worker-availability.js';
import type { RiskCategory, RiskScreen } from '../domain/safeguarding/risk-category.js';
import { safeguardingDialog } from './safeguarding.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

// The screen decides the category (domain/safeguarding has its own tests); here it is told what it found, so each
// script reads as "they said this, the screen saw that, the bot answered so" whatever the screen's rules are today.
const screened = vi.hoisted(() => ({ as: null as RiskScreen | null }));
vi.mock('../domain/safeguarding/screen.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../domain/safeguarding/screen.js')>();
  return { screenForRisk: (text: string) => screened.as ?? real.screenForRisk(text) };
});

function screenSaw(categories: RiskCategory[], words: string): RiskScreen {
  const flags = categories.map((category) => ({ category, rule: `${category}-rule`, words }));
  return { risk: true, category: categories[0] ?? null, categories, flags, reason: flags.map((f) => `${f.category}: ${f.rule} "${f.words}"`).join('; ') };
}

/** Wednesday 4 March 2026, 11am: a working day. */
const NOW = new Date('2026-03-04T11:00:00.000Z');
const sam = participantContext({ programmeName: 'Restart' });
const turn = (text: string, extra: Partial<TurnInput> = {}, participant: Partial<ParticipantContext> = {}): TurnInput => ({
  text,
  participant: { ...sam, ...participant },
  memory: { awaiting: 'reminder-reply' },
  now: NOW,
  appointments: [],
  dnaFollowUp: null,
  ...extra,
});

const OPENING = 'Restart: we are sorry things are so hard.';
const TOLD = 'We have told your key worker Priya.';

beforeEach(() => {
  screened.as = null;
});

describe('safeguarding dialog: the right help for each concern, in working hours', () => {
  it.each([
    // participant says, the screen saw, bot replies
    ['I want to end it all', ['suicide'], 'Please call Samaritans free on 116 123, any time, day or night. If you are in danger now, call 999. You can also text SHOUT to 85258.'],
    ['been cutting again', ['self_harm'], 'You can call Samaritans free on 116 123, any time, day or night. If you are badly hurt or in danger now, call 999. You can also text SHOUT to 85258.'],
    ['he chokes me when he drinks', ['domestic_abuse'], 'You can call the National Domestic Abuse Helpline free on 0808 2000 247, any time. If you are in danger now, call 999. If you cannot speak, call 999 on a mobile and press 55.'],
    ['he forced me last night', ['sexual_violence'], 'You can call the Rape Crisis support line free on 0808 500 2222, any time, day or night. If you are in danger now, call 999.'],
    ['my stepdad hits my little boy', ['child_at_risk'], 'If a child is in danger now, call 999. A child or young person can call Childline free on 0800 1111, any time. If you are worried about a child, you can call the NSPCC on 0808 800 5000.'],
    ['the man I work for keeps my passport and my wages', ['exploitation'], 'You can call the Modern Slavery and Exploitation Helpline free on 08000 121 700, any time. If you are in danger now, call 999.'],
    ['got kicked out, sleeping in the park tonight', ['homeless_tonight'], 'Please call your local council now and say you have nowhere to sleep tonight. After hours, use the emergency number on its website. If you are in danger, call 999.'],
    ["I'm going to batter him", ['violence'], 'If you or someone else is in danger now, call 999. If it is not an emergency, you can call the police on 101.'],
  ] as const)('%j (%s)', (says, categories, help) => {
    screened.as = screenSaw([...categories], says);
    expect(safeguardingDialog(turn(says))?.replies).toEqual([{ kind: 'crisis', text: `${OPENING} ${help} ${TOLD}` }]);
  });

  it('several concerns: the most urgent in full, then the others’ numbers', () => {
    screened.as = screenSaw(['domestic_abuse', 'homeless_tonight'], 'he threw me out and I have nowhere to go tonight');
    expect(safeguardingDialog(turn('he threw me out and I have nowhere to go tonight'))?.replies[0]?.text).toBe(
      `${OPENING} You can call the National Domestic Abuse Helpline free on 0808 2000 247, any time. If you are in danger now, call 999. If you cannot speak, call 999 on a mobile and press 55. Nowhere to sleep tonight? Call your local council. ${TOLD}`,
    );
  });

  it('in Welsh for someone who reads Welsh', () => {
    screened.as = screenSaw(['domestic_abuse'], 'mae e’n fy nharo i');
    expect(safeguardingDialog(turn('mae e’n fy nharo i', {}, { language: 'cy' }))?.replies[0]?.text).toBe(
      "Restart: mae'n ddrwg gennym fod pethau mor anodd. Gallwch ffonio Byw Heb Ofn am ddim ar 0808 80 10 800, unrhyw bryd. Os ydych mewn perygl nawr, ffoniwch 999. Os na allwch siarad, ffoniwch 999 o'ch symudol a phwyso 55. Rydym wedi dweud wrth eich gweithiwr allweddol Priya.",
    );
  });
});

describe('safeguarding dialog: in and out of working hours', () => {
  const suicideHelp = 'Please call Samaritans free on 116 123, any time, day or night. If you are in danger now, call 999. You can also text SHOUT to 85258.';
  it.each([
    // when they text, what the turn knows of the key worker, bot replies
    ['Wednesday 11am', NOW, { atWorkNow: true }, `${OPENING} ${suicideHelp} ${TOLD}`],
    ['Wednesday 10pm', new Date('2026-03-04T22:00:00Z'), { atWorkNow: false, backAt: new Date('2026-03-05T09:00:00Z') }, `${OPENING} ${suicideHelp} ${TOLD} They will be back at 9am tomorrow.`],
    ['Friday 6pm', new Date('2026-03-06T18:00:00Z'), { atWorkNow: false, backAt: new Date('2026-03-09T09:00:00Z') }, `${OPENING} ${suicideHelp} ${TOLD} They will be back at 9am on Monday.`],
    ['Wednesday 11am, no working hours given', NOW, undefined, `${OPENING} ${suicideHelp} ${TOLD}`],
  ] as const)('%s', (_when, now, availability: KeyWorkerAvailability | undefined, reply) => {
    const input = turn('I want to kill myself', { now, ...(availability && { keyWorkerAvailability: availability }) });
    expect(safeguardingDialog(input)?.replies).toEqual([{ kind: 'crisis', text: reply }]);
  });

  it('in Welsh out of hours', () => {
    const input = turn('I want to kill myself', { now: new Date('2026-03-06T18:00:00Z'), keyWorkerAvailability: { atWorkNow: false, backAt: new Date('2026-03-09T09:00:00Z') } }, { language: 'cy' });
    expect(safeguardingDialog(input)?.replies[0]?.text.endsWith('Rydym wedi dweud wrth eich gweithiwr allweddol Priya. Byddan nhw ar gael eto am 9yb ddydd Llun.')).toBe(true);
  });
});

describe('safeguarding dialog: the alert and who gets help', () => {
  it('an urgent safeguarding alert with the category, every category, the reason and each flag', () => {
    screened.as = screenSaw(['exploitation', 'violence'], 'boss keeps my passport and hit me');
    expect(safeguardingDialog(turn('boss keeps my passport and hit me'))?.alerts).toEqual([
      {
        type: 'safeguarding',
        key: 'safeguarding',
        data: {
          category: 'exploitation',
          categories: ['exploitation', 'violence'],
          reason: 'exploitation: exploitation-rule "boss keeps my passport and hit me"; violence: violence-rule "boss keeps my passport and hit me"',
          flags: [
            { category: 'exploitation', rule: 'exploitation-rule', words: 'boss keeps my passport and hit me' },
            { category: 'violence', rule: 'violence-rule', words: 'boss keeps my passport and hit me' },
          ],
        },
      },
    ]);
  });

  it.each([
    // participant says, opted out?
    ['I want to kill myself', false],
    ['I want to die', true],
    ['STOP I want to end it all', false],
    ['STOP I want to end it all', true],
  ] as const)('%j (opted out: %s) still gets the help, and the memory is kept', (says, optedOut) => {
    const result = safeguardingDialog(turn(says, {}, { optedOut }));
    expect(result?.replies.map((r) => r.kind)).toEqual(['crisis']);
    expect(result?.replies[0]?.text).toContain('116 123');
    expect(result?.alerts.map((a) => a.type)).toEqual(['safeguarding']);
    expect(result?.events).toEqual([]);
    expect(result?.memory).toEqual({ awaiting: 'reminder-reply' });
  });

  it.each(['yes', 'STOP', 'this job is killing me', 'can I change my appointment?', ''])('%j is not for this dialog', (says) => {
    expect(safeguardingDialog(turn(says))).toBeNull();
  });
});
