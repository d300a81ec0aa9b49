/// <reference lib="dom" />
/**
 * The Staff page in Debian's Chromium against the real server, in sandbox mode: only an admin has it in the
 * navigation; adding someone shows their token once (and it works); an unknown phone is shown against its field;
 * changing role, team and phone; a new token (the old one stops); switching someone off with their caseload handed
 * to a colleague (their token stops, the participants move). axe-core checks each state; screenshots go to
 * test-artifacts/dashboard/. Phones: +447700900560–569.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDashboard } from '../../web/build-dashboard.js';
import { ADMIN_TOKEN, TestApp } from '../test-app.js';
import { accessibilityViolations, type Browser, openBrowser, screenshot, signInWithToken, WAIT } from './browser.js';



describe('the Staff page (admins)', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let keyWorker: { id: string; token: string };
  let colleague: { id: string; token: string };

  beforeAll(async () => {
    await buildDashboard(undefined, { ifChanged: true });
    app = await TestApp.start({ mode: 'sandbox', env: { PUBLIC_BASE_URL: 'http://localhost:3978' } });
    keyWorker = await app.createStaff('key_worker', 'Kofi Mensah', 'North');
    colleague = await app.createStaff('key_worker', 'Amara Okafor', 'North');
    await app.createParticipant('+447700900561', keyWorker.token, { firstName: 'Sam' });
    await app.createParticipant('+447700900562', keyWorker.token, { firstName: 'Rhys' });
    browser = await openBrowser();
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const expectAccessible = async () => expect(await accessibilityViolations(page)).toEqual([]);
  const row = (name: string) => page.locator('tr', { has: page.getByRole('rowheader', { name }) });
  const apiStatus = async (token: string) => (await app.api('GET', '/api/participants', undefined, token)).status;

  it('is in the navigation for an admin only', async () => {
    await signInWithToken(page, app.url, keyWorker.token);
    await expect(page.getByRole('link', { name: 'Staff', exact: true }).count()).resolves.toBe(0);
    await page.goto(`${app.url}/staff`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the engagement bot' }).waitFor(WAIT);

    await signInWithToken(page, app.url, ADMIN_TOKEN);
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor(WAIT);
    await row('Kofi Mensah').getByText('Key worker').waitFor(WAIT);
    await expectAccessible();
    await screenshot(page, 'staff-01-list');
  });

  it('adds a member of staff, shows the phone error against its field, then the token once', async () => {
    await page.getByLabel('Name').last().fill('Priya Shah');
    await page.getByLabel('Role').last().selectOption('safeguarding_lead');
    await page.getByLabel('Work email (optional)').fill('priya.shah@example.org');
    await page.getByLabel('Work phone (optional)').fill('+1 415 555 0100');
    await page.getByRole('button', { name: 'Add member of staff' }).click();
    await page.getByRole('alert').getByText('Work phone is not a valid UK phone number').waitFor(WAIT);
    await expectAccessible();

    await page.getByLabel('Work phone (optional)').fill('07700 900560');
    await page.getByRole('button', { name: 'Add member of staff' }).click();
    const token = await page.locator('[data-token]').textContent(WAIT);
    expect(token).toMatch(/^ebt_/);
    await row('Priya Shah').getByText('Safeguarding lead').waitFor(WAIT);
    await expect(row('Priya Shah').getByText('+447700900560').count()).resolves.toBe(1);
    expect(await apiStatus(token as string)).toBe(200);
    await expectAccessible();
    await screenshot(page, 'staff-02-added');
  });

  it('changes role, team and phone', async () => {
    await row('Kofi Mensah').getByRole('button', { name: 'Change' }).click();
    const form = page.locator('form[data-form="change-staff"]');
    await form.getByLabel('Role').selectOption('team_lead');
    await form.getByLabel('Team').fill('North West');
    await form.getByLabel('Work phone').fill('0161 496 0000');
    await expectAccessible();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Kofi Mensah saved.').waitFor(WAIT);
    await row('Kofi Mensah').getByText('Team lead').waitFor(WAIT);
    await expect(row('Kofi Mensah').getByText('North West').count()).resolves.toBe(1);
    await expect(row('Kofi Mensah').getByText('+441614960000').count()).resolves.toBe(1);
    // Back to a key worker, so the caseload below is theirs to hand over.
    await row('Kofi Mensah').getByRole('button', { name: 'Change' }).click();
    await page.locator('form[data-form="change-staff"]').getByLabel('Role').selectOption('key_worker');
    await page.locator('form[data-form="change-staff"]').getByRole('button', { name: 'Save changes' }).click();
    await row('Kofi Mensah').getByText('Key worker').waitFor(WAIT);
  });

  it('issues a new token: the old one stops at once', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await row('Amara Okafor').getByRole('button', { name: 'New token' }).click();
    const token = (await page.locator('[data-token-for="Amara Okafor"] [data-token]').textContent(WAIT)) as string;
    expect(token).not.toBe(colleague.token);
    expect(await apiStatus(colleague.token)).toBe(401);
    expect(await apiStatus(token)).toBe(200);
    colleague = { ...colleague, token };
  });

  it('switches someone off and hands their caseload to a colleague', async () => {
    expect(await apiStatus(keyWorker.token)).toBe(200);
    await row('Kofi Mensah').getByRole('button', { name: 'Change' }).click();
    const form = page.locator('form[data-form="change-staff"]');
    await form.getByLabel('Switch Kofi Mensah off').check();
    await form.getByLabel('Hand their caseload to').selectOption({ label: 'Amara Okafor (Key worker, North)' });
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Kofi Mensah switched off. 2 participants were handed over.').waitFor(WAIT);
    await row('Kofi Mensah').getByText('Switched off').waitFor(WAIT);
    await expect(row('Kofi Mensah').getByRole('button').count()).resolves.toBe(0);
    expect(await apiStatus(keyWorker.token)).toBe(401);
    const theirs = await app.api<Array<{ firstName: string }>>('GET', '/api/participants', undefined, colleague.token);
    expect(theirs.body.map((p) => p.firstName).sort()).toEqual(['Rhys', 'Sam']);
    await expectAccessible();
    await screenshot(page, 'staff-03-switched-off');
    expect(browser.problems).toEqual([]);
  });
});
