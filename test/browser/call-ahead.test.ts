/// <reference lib="dom" />
/**
 * "Text before I call" on a participant's page, in Debian's Chromium against the real server in sandbox mode: a key
 * worker sends one, sees what went and finds it on the case record; a refusal (opted out, quiet hours) is said in
 * plain words; the team's phone is kept in Team settings. Phones: participants +447700900921–925, the key worker's work phone +447700900926.
 */
import { TZDate } from '@date-fns/tz';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../web/build-dashboard.js';
import { eventually, TestApp } from '../test-app.js';
import { accessibilityViolations, type Browser, openBrowser, screenshot, signInWithToken, WAIT } from './browser.js';

const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };

/** "HH:mm" in London, `minutes` from now. */
const londonClock = (minutes: number) => {
  const local = new TZDate(Date.now() + minutes * 60_000, 'Europe/London');
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
};

describe('text before I call, in the browser', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let priya: { id: string; token: string };
  let sam: { id: string };
  let lee: { id: string };

  beforeAll(async () => {
    await buildDashboard(undefined, { ifChanged: true });
    app = await TestApp.start({ mode: 'sandbox', env: { PUBLIC_BASE_URL: 'http://localhost:3978', PROGRAMME_NAME: 'Working Well' } });
    priya = await app.createStaff('key_worker', 'Priya', 'North');
    await app.db.updateTable('staff').set({ phone: '+447700900926' }).where('id', '=', priya.id).execute();
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, priya.token)).status).toBe(200);
    sam = await app.createParticipant('07700 900921', priya.token, { firstName: 'Sam' });
    lee = await app.createParticipant('07700 900922', priya.token, { firstName: 'Lee' });
    expect((await app.api('POST', '/api/sandbox/inbound', { from: '+447700900922', body: 'STOP' }, priya.token)).status).toBe(200);
    await eventually(async () => (await app.api<{ optedOut: boolean }>('GET', `/api/participants/${lee.id}`, undefined, priya.token)).body.optedOut, 10_000, 'the opt-out');
    browser = await openBrowser();
    page = browser.page;
    await signInWithToken(page, app.url, priya.token);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const callAheadForm = () => page.getByRole('form', { name: 'Text before I call' });

  it('team settings keep the team’s phone, refusing one that is not a UK number', async () => {
    await page.getByRole('link', { name: 'Team settings' }).click();
    await page.getByRole('heading', { name: 'Team settings', level: 1 }).waitFor(WAIT);
    await page.getByLabel('Team phone number').fill('+1 212 555 0100');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByText('Team phone number is not a valid UK phone number').waitFor(WAIT);
    await page.getByLabel('Team phone number').fill('0161 496 0000');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor(WAIT);
    await expect(page.getByLabel('Team phone number').inputValue()).resolves.toBe('+441614960000');
    expect(await accessibilityViolations(page)).toEqual([]);
    const policy = await app.api<{ phone: string | null; quietHours: unknown }>('GET', '/api/reminder-policy', undefined, priya.token);
    expect(policy.body).toMatchObject({ phone: '+441614960000', quietHours: null });
  });

  it('sends one text naming the key worker and their work phone, shows it, and puts it on the case record', async () => {
    await page.goto(`${app.url}/participants/${sam.id}`);
    await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor(WAIT);
    await expect(callAheadForm().getByLabel('When will you ring?').inputValue()).resolves.toBe('5');
    await callAheadForm().getByLabel('When will you ring?').selectOption({ label: 'In the next 10 minutes' });
    await page.getByRole('button', { name: 'Text before I call' }).click();
    const expected = "Hi Sam, it's Priya from Working Well. I'll ring you in the next 10 minutes from 07700 900926.";
    await page.getByRole('status').getByText(`Text sent to Sam: “${expected}”`).waitFor(WAIT);
    await page.getByText('Texted before a call').first().waitFor(WAIT);
    await page.getByText('Priya said they would ring within 10 minutes from 07700 900926').waitFor(WAIT);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'call-ahead-sent');

    const outbox = await app.api<Array<{ body: string }>>('GET', `/api/sandbox/outbox?participantId=${sam.id}`, undefined, priya.token);
    expect(outbox.body.map((m) => m.body)).toEqual([expected]);
  });

  it('says plainly why nothing was sent to someone who opted out', async () => {
    await page.goto(`${app.url}/participants/${lee.id}`);
    await page.getByRole('heading', { name: 'Lee', level: 1 }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Text before I call' }).click();
    await callAheadForm().getByRole('alert').getByText('No text sent: Lee has opted out of messages. You can still ring them.').waitFor(WAIT);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'call-ahead-opted-out');
  });

  it('in quiet hours says no text goes and leaves the call to the key worker', async () => {
    const quietHours = { start: londonClock(-120), end: londonClock(120) };
    expect((await app.api('PUT', '/api/reminder-policy', { ...POLICY, quietHours }, priya.token)).status).toBe(200);
    await page.goto(`${app.url}/participants/${sam.id}`);
    await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Text before I call' }).click();
    await callAheadForm()
      .getByRole('alert')
      .getByText(`No text sent: it is quiet hours for Sam (${quietHours.start} to ${quietHours.end}). Whether to ring now is your call.`)
      .waitFor(WAIT);
    const outbox = await app.api<unknown[]>('GET', `/api/sandbox/outbox?participantId=${sam.id}`, undefined, priya.token);
    expect(outbox.body).toHaveLength(1);
    expect(browser.problems).toEqual([]);
  });
});
