/// <reference lib="dom" />
/**
 * The dashboard's import and export page in Debian's Chromium against the real server: a key worker checks a
 * participants CSV (a preview of the counts and the problems by row, nothing saved), imports it, tries the
 * appointments choice, and downloads the case record and the outcomes report for a date range. Each state is
 * checked with axe-core and saved as a screenshot. Phones: +447700900780–789.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../web/build-dashboard.js';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import { TestApp } from '../test-app.js';
import { accessibilityViolations, type Browser, openBrowser, screenshot, signInWithToken, WAIT } from './browser.js';


const CASELOAD = [
  'First Name,Last Name,Phone,Consent,External Ref,Notes',
  'Zara,Khan,07700 900781,no,CRM-781,first',
  'Yusuf,=SUM(A1),07700 900782,no,CRM-782,',
  'Xin,Li,01632 960000,no,CRM-783,a landline',
].join('\r\n');

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe('import and export in the dashboard', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let priya: { id: string; token: string };
  const participants = async () => app.db.selectFrom('participants').select(['first_name', 'external_ref']).orderBy('external_ref').execute();
  const appointments = async () => app.db.selectFrom('appointments').select(['title', 'external_ref']).orderBy('external_ref').execute();

  beforeAll(async () => {
    await buildDashboard(undefined, { ifChanged: true });
    app = await TestApp.start({ mode: 'sandbox', env: { PUBLIC_BASE_URL: 'http://localhost:3978' } });
    priya = await app.createStaff('key_worker', 'Priya', 'Leeds');
    browser = await openBrowser();
    page = browser.page;
    await signInWithToken(page, app.url, priya.token);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('checks a participants file first: the counts and the problems by row, and nothing saved', async () => {
    await page.getByRole('link', { name: 'Import and export' }).click();
    await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor(WAIT);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('alert').getByText('Choose a CSV file').waitFor(WAIT);

    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(CASELOAD) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'Check before importing participants' }).waitFor(WAIT);
    const counts = page.getByRole('table', { name: 'What the import would do' });
    await expect(counts.getByRole('row', { name: /Would be added/ }).innerText()).resolves.toMatch(/Would be added\s+2/);
    await expect(counts.getByRole('row', { name: /Would be rejected/ }).innerText()).resolves.toMatch(/Would be rejected\s+1/);
    const problems = page.getByRole('table', { name: /Problems by row/ });
    await expect(problems.getByRole('row').nth(1).innerText()).resolves.toMatch(/^4\s+phone\s+.*number/);
    await page.getByText('Columns we do not use, left out: Notes').waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, 'import-01-dry-run');
    expect(await participants()).toEqual([]);
  });

  it('imports the file it checked, and shows what it did', async () => {
    await page.getByRole('button', { name: 'Import participants' }).click();
    await page.getByRole('heading', { name: 'Imported participants' }).waitFor(WAIT);
    await expect(page.getByRole('table', { name: 'What the import did' }).getByRole('row', { name: /Added/ }).innerText()).resolves.toMatch(/Added\s+2/);
    await expectAccessible(page);
    await screenshot(page, 'import-02-imported');
    expect(await participants()).toEqual([
      { first_name: 'Zara', external_ref: 'CRM-781' },
      { first_name: 'Yusuf', external_ref: 'CRM-782' },
    ]);
  });

  it('imports appointments the same way: a dry run with the problems per row, then the booking', async () => {
    await page.getByLabel('Appointments').check();
    const nextWeek = localCalendarDate(new Date(Date.now() + 7 * 86_400_000), 'Europe/London').split('-').reverse().join('/');
    const file = ['external_ref,appointment_ref,starts_at,title', `CRM-781,APPT-1,${nextWeek} 10:00,Review`, 'CRM-999,APPT-2,31/02/2027 10:00,Review'].join('\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'appointments.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'Check before importing appointments' }).waitFor(WAIT);
    const counts = page.getByRole('table', { name: 'What the import would do' });
    await expect(counts.getByRole('row', { name: /Would be added/ }).innerText()).resolves.toMatch(/Would be added\s+1/);
    const problems = page.getByRole('table', { name: /Problems by row/ });
    await expect(problems.getByRole('row').nth(1).innerText()).resolves.toMatch(/^3\s+/);
    await expectAccessible(page);
    expect(await appointments()).toEqual([]);

    await page.getByRole('button', { name: 'Import appointments' }).click();
    await page.getByRole('heading', { name: 'Imported appointments' }).waitFor(WAIT);
    expect(await appointments()).toEqual([{ title: 'Review', external_ref: 'APPT-1' }]);
  });

  it('downloads the case record and the outcomes report for a date range, and says when the range is wrong', async () => {
    const today = localCalendarDate(new Date(), 'Europe/London');
    await page.getByLabel('From').fill('2026-12-31');
    await page.getByLabel('To (included)').fill('2026-01-01');
    await page.getByRole('button', { name: 'Download the case record (CSV)' }).click();
    await page.getByRole('alert').getByText('The first day must be on or before the last day').waitFor(WAIT);
    await expectAccessible(page);

    await page.getByLabel('From').fill(today);
    await page.getByLabel('To (included)').fill(today);
    const [caseRecord] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the case record (CSV)' }).click()]);
    expect(caseRecord.suggestedFilename()).toBe(`case-record-caseload-${today}-to-${today}.csv`);
    const rows = parse(await readFile(await caseRecord.path()), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => r.external_ref))).toEqual(new Set(['CRM-781', 'CRM-782']));
    expect(rows.find((r) => r.external_ref === 'CRM-782')?.last_name).toBe("'=SUM(A1)");

    const [outcomes] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the outcomes report (CSV)' }).click()]);
    expect(outcomes.suggestedFilename()).toBe(`outcomes-caseload-${today}-to-${today}.csv`);
    const people = parse(await readFile(await outcomes.path()), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(people.map((p) => p.first_name).sort()).toEqual(['Yusuf', 'Zara']);
    await screenshot(page, 'import-03-export');
    expect(browser.problems).toEqual([]);
  });
});
