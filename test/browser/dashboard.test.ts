/// <reference lib="dom" />
/**
 * The key-worker dashboard in Debian's Chromium against the real server (PostgreSQL, Redis, workers), in sandbox
 * mode so participants' replies can be played from the page. One story, step by step: sign in, set the team's
 * policy, add someone, book, hear back, deal with alerts, search, try the sandbox, use a phone, sign out. Each page
 * is checked with axe-core and saved as a screenshot in test-artifacts/dashboard/. Phones: +447700900700–719.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDashboard } from '../../web/build-dashboard.js';
import { EscalateSafeguardingAlert } from '../../app/safeguarding/escalate-safeguarding-alert.action.js';
import { ADMIN_TOKEN, eventually, ManualClock, TestApp } from '../test-app.js';
import { accessibilityViolations, type Browser, openBrowser, screenshot, signInWithToken, WAIT } from './browser.js';

// Generous: the machine is shared, and a turn goes through the queue and the workers before the page sees it.

/** A time `minutes` from now as the date and clock time in London (what the booking form asks for). */
function londonInputs(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}


describe('key-worker dashboard in the browser', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let samUrl = '';

  beforeAll(async () => {
    await buildDashboard(undefined, { ifChanged: true });
    // http, like `npm start` on a laptop: the session cookie is then not Secure, which Chromium requires over http.
    app = await TestApp.start({ mode: 'sandbox', env: { PUBLIC_BASE_URL: 'http://localhost:3978' } });
    browser = await openBrowser();
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves its pages under a strict policy of their own (self only, no inline script), and nothing else', async () => {
    for (const path of ['/', '/caseload', '/participants/3f1c6b7e-0000-4000-8000-000000000000', '/alerts', '/sandbox']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    const script = await fetch(`${app.url}/assets/dashboard.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${app.url}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/assets/nothing.js`)).status).toBe(404);
    // The API keeps the server-wide policy.
    expect((await fetch(`${app.url}/api/participants`)).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('signs in with a staff token, and says so when the token is wrong', async () => {
    await page.goto(`${app.url}/caseload`);
    await page.getByRole('heading', { name: 'Sign in to the engagement bot' }).waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Staff token').fill('not-the-right-token-0000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That token was not recognised').waitFor(WAIT);
    await expectAccessible(page);

    await page.getByLabel('Staff token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/caseload');
    await expect(page.getByText('Employment Support').first().isVisible()).resolves.toBe(true);
    // The session cookie is out of the page's reach.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const [cookie] = await browser.context.cookies();
    expect(cookie).toMatchObject({ name: 'eb_session', httpOnly: true, sameSite: 'Strict' });
  });

  it('team settings: turns quiet hours and bank holidays off, so reminders go at once whatever the time', async () => {
    await page.getByRole('link', { name: 'Team settings' }).click();
    await page.getByRole('heading', { name: 'Team settings', level: 1 }).waitFor(WAIT);
    await expect(page.getByLabel('When should reminders go?').inputValue()).resolves.toBe('2 days, 2 hours');
    await page.getByLabel('Missed appointments before an alert').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByText('Missed appointments before an alert must be a whole number').waitFor(WAIT);

    await page.getByLabel('Missed appointments before an alert').fill('4');
    await page.getByLabel('Do not send messages at night (quiet hours)').uncheck();
    await page.getByLabel('Do not send reminders on bank holidays').uncheck();
    await expect(page.getByLabel('Whose bank holidays?').inputValue()).resolves.toBe('england-and-wales');
    await page.getByLabel('Whose bank holidays?').selectOption({ label: 'Scotland' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, '02-team-settings');
    const policy = await app.api<{ quietHours: unknown; skipBankHolidays: boolean; region: string; dnaAlertThreshold: number; defaultOffsets: string[] }>('GET', '/api/reminder-policy');
    expect(policy.body).toMatchObject({ quietHours: null, skipBankHolidays: false, region: 'scotland', dnaAlertThreshold: 4, defaultOffsets: ['P2D', 'PT2H'] });
  });

  it('adds a participant, books an appointment, and hears "yes" back on the thread and the timeline', async () => {
    await page.getByRole('link', { name: 'Caseload', exact: true }).click();
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor(WAIT);
    await page.getByText('Add a participant').click();
    await page.getByLabel('First name').fill('Sam');
    await page.getByLabel('Mobile number').fill('07700 900700');
    await page.getByLabel('They have agreed to be contacted by text message').check();
    await page.getByLabel('I have already checked this number with them in person').check();
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor(WAIT);
    samUrl = page.url();

    // In 40 minutes: both of the team's offsets have passed, so one reminder goes at once.
    const soon = londonInputs(new Date(Date.now() + 40 * 60_000));
    await page.getByLabel('What is the appointment?').fill('Review with your key worker');
    await page.getByLabel('Date', { exact: true }).fill(soon.date);
    await page.getByLabel('Time', { exact: true }).fill(soon.time);
    await page.getByLabel('Where (optional)').fill('Jobcentre, 12 High Street');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByRole('status').getByText('Booked: Review with your key worker').waitFor(WAIT);
    await page.locator('[data-appointment-id]', { hasText: 'Review with your key worker' }).waitFor(WAIT);

    const thread = page.locator('[data-thread]');
    await thread.locator('[data-direction="outbound"]', { hasText: 'Reminder' }).locator('[data-delivery]', { hasText: 'Delivered' }).waitFor(WAIT);
    await page.getByLabel('Reply as Sam').fill('yes');
    await page.getByRole('button', { name: 'Send as Sam' }).click();
    await thread.locator('[data-direction="inbound"]', { hasText: /^Sam said: yes/ }).waitFor(WAIT);
    await page.locator('[data-timeline] [data-event-type="appointment.confirmed"]').waitFor(WAIT);
    await page.locator('[data-timeline] [data-event-type="message.inbound"]', { hasText: '“yes”' }).waitFor(WAIT);
    // The bot's thank-you follows the reply on the thread.
    await thread.locator('[data-direction="inbound"] ~ [data-direction="outbound"]').first().waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, '03-participant');
  });

  it('reschedules and cancels an appointment, and records attendance', async () => {
    const tomorrow = londonInputs(new Date(Date.now() + 26 * 3600_000));
    const book = page.locator('[data-form="book-appointment"]');
    await book.getByLabel('What is the appointment?').fill('CV workshop');
    await book.getByLabel('Date', { exact: true }).fill(tomorrow.date);
    await book.getByLabel('Time', { exact: true }).fill('10:00');
    await book.getByRole('button', { name: 'Book appointment' }).click();
    const workshop = page.locator('[data-appointment-id]', { hasText: 'CV workshop' });
    await workshop.waitFor(WAIT);

    await workshop.getByRole('button', { name: /^Change/ }).click();
    await workshop.locator('[data-form="reschedule"]').getByLabel('Time', { exact: true }).fill('11:30');
    await workshop.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Changed: CV workshop').waitFor(WAIT);
    await workshop.locator('time', { hasText: '11:30am' }).waitFor(WAIT);
    await page.locator('[data-timeline] [data-event-type="appointment.rescheduled"]').waitFor(WAIT);

    await workshop.getByRole('button', { name: /^Cancel appointment/ }).click();
    await workshop.getByLabel('Reason (optional)').fill('Workshop moved online');
    await workshop.getByRole('button', { name: 'Cancel this appointment' }).click();
    await page.getByRole('status').getByText('Cancelled: CV workshop').waitFor(WAIT);
    await page.locator('[data-appointment-id]', { hasText: 'CV workshop' }).getByText('Cancelled', { exact: true }).waitFor(WAIT);
    await page.locator('[data-timeline] [data-event-type="appointment.cancelled"]', { hasText: 'Workshop moved online' }).waitFor(WAIT);

    const review = page.locator('[data-appointment-id]', { hasText: 'Review with your key worker' });
    await review.getByRole('button', { name: /^Attended/ }).click();
    await page.locator('[data-appointment-id]', { hasText: 'Review with your key worker' }).getByText('Attended', { exact: true }).waitFor(WAIT);
    await page.locator('[data-timeline] [data-event-type="appointment.attended"]').waitFor(WAIT);

    // Someone else misses one (a did-not-attend starts a follow-up conversation, which would read Sam's next texts).
    const kit = await app.createParticipant('07700 900703', undefined, { firstName: 'Kit' });
    await page.goto(`${app.url}/participants/${kit.id}`);
    await page.getByRole('heading', { name: 'Kit', level: 1 }).waitFor(WAIT);
    const inAnHour = londonInputs(new Date(Date.now() + 60 * 60_000));
    await book.getByLabel('What is the appointment?').fill('Job club');
    await book.getByLabel('Date', { exact: true }).fill(inAnHour.date);
    await book.getByLabel('Time', { exact: true }).fill(inAnHour.time);
    await book.getByRole('button', { name: 'Book appointment' }).click();
    const club = page.locator('[data-appointment-id]', { hasText: 'Job club' });
    await club.getByRole('button', { name: /^Did not attend/ }).click();
    await page.getByRole('status').getByText('Recorded: Kit did not attend').waitFor(WAIT);
    await page.locator('[data-appointment-id]', { hasText: 'Job club' }).getByText('Did not attend', { exact: true }).waitFor(WAIT);
    await page.locator('[data-timeline] [data-event-type="appointment.did_not_attend"]').waitFor(WAIT);
    await expectAccessible(page);
  });

  it('alerts inbox: safeguarding at the top, acknowledged with a note that lands on the record', async () => {
    await page.goto(samUrl);
    await page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor(WAIT);
    const reply = async (text: string) => {
      await page.getByLabel('Reply as Sam').fill(text);
      await page.getByRole('button', { name: 'Send as Sam' }).click();
      await page.locator('[data-thread] [data-direction="inbound"]', { hasText: text }).waitFor(WAIT);
    };
    await reply('Can someone ring me about my rent?');
    await reply('I want to hurt myself');
    await page.locator('[data-participant-alerts] [data-alert-type="safeguarding"]').waitFor(WAIT);
    await page.locator('[data-participant-alerts] [data-alert-type="message_for_key_worker"]').waitFor(WAIT);

    await page.getByRole('link', { name: /^Alerts/ }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor(WAIT);
    const cards = page.locator('[data-alerts="open"] [data-alert-id]');
    await cards.nth(1).waitFor(WAIT);
    expect(await cards.first().getAttribute('data-alert-type')).toBe('safeguarding');
    await page.locator('[data-urgent]').getByRole('heading', { name: /Urgent: 1 safeguarding alert/ }).waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, '04-alerts');

    const urgent = page.locator('[data-alert-type="safeguarding"]');
    await urgent.getByLabel('Note (optional)').fill('Rang Sam, safety plan agreed, GP informed');
    await urgent.getByRole('button', { name: /^Acknowledge/ }).click();
    await page.getByRole('status').getByText('Acknowledged: Sam’s alert').waitFor(WAIT);
    await page.locator('[data-urgent]').waitFor({ state: 'detached', ...WAIT });
    await expect(cards.count()).resolves.toBe(1);

    await page.getByRole('link', { name: 'Acknowledged', exact: true }).click();
    await page.locator('[data-alerts="acknowledged"] [data-alert-type="safeguarding"]', { hasText: 'Note: Rang Sam, safety plan agreed, GP informed' }).waitFor(WAIT);
    await expectAccessible(page);
    const samId = new URL(samUrl).pathname.split('/').at(-1) as string;
    const record = await app.record(samId);
    expect(record.find((e) => e.type === 'alert.acknowledged')?.data).toMatchObject({ type: 'safeguarding', note: 'Rang Sam, safety plan agreed, GP informed' });
  });

  it('an urgent alert nobody acknowledged says it was escalated, and the link in the text to a contact opens it', async () => {
    const lee = await app.createParticipant('07700 900704', undefined, { firstName: 'Lee' });
    await app.api('POST', '/api/sandbox/inbound', { from: '+447700900704', body: 'I want to hurt myself' });
    const alert = await eventually(
      async () => (await app.api<Array<{ id: string; type: string }>>('GET', `/api/alerts?participantId=${lee.id}`)).body.find((a) => a.type === 'safeguarding'),
      15_000,
      'Lee’s alert',
    );
    // A quarter of an hour on, the escalation runs as its job would (the admin's caseload has no team, so no contacts).
    const later = new ManualClock(new Date(Date.now() + 16 * 60_000));
    const escalate = new EscalateSafeguardingAlert({ db: app.db, clock: later, publicBaseUrl: app.config.PUBLIC_BASE_URL, programmeName: app.config.PROGRAMME_NAME });
    expect(await escalate.execute(alert.id)).toMatchObject({ kind: 'escalated', contacts: 0 });

    await page.goto(`${app.url}/alerts?alert=${alert.id}`);
    const card = page.locator(`[data-alert-id="${alert.id}"]`);
    await card.locator('[data-escalated="0"]').getByText(/within 15 minutes, and the team has no safeguarding contacts set, so nobody was texted/).waitFor(WAIT);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-alert-id]')?.getAttribute('data-alert-id')))
      .toBe(alert.id);
    await expectAccessible(page);
    await screenshot(page, '04b-alert-escalated');
    await card.getByRole('button', { name: /^Acknowledge/ }).click();
    await page.getByRole('status').getByText('Acknowledged: Lee’s alert').waitFor(WAIT);
  });

  it('caseload: next appointment, last reply, alerts and opt-out at a glance; search and filter', async () => {
    const ana = await app.createParticipant('07700 900701', undefined, { firstName: 'Ana' });
    await app.api('POST', '/api/sandbox/inbound', { from: '+447700900701', body: 'STOP' });
    await eventually(async () => (await app.api<{ optedOut: boolean }>('GET', `/api/participants/${ana.id}`)).body.optedOut, 15_000, 'Ana opted out');
    await page.getByRole('link', { name: 'Caseload', exact: true }).click();
    const rows = page.locator('[data-caseload] tbody tr');
    await rows.nth(1).waitFor(WAIT);
    const samRow = page.locator('[data-caseload] tr', { hasText: 'Sam' });
    await samRow.getByText('1 open').waitFor(WAIT);
    await samRow.getByText('“I want to hurt myself”').waitFor(WAIT);
    await page.locator(`[data-participant-id="${ana.id}"]`).getByText('Opted out').waitFor(WAIT);

    await page.getByLabel('Search by name or number').fill('sa');
    await page.getByRole('status').getByText('1 person match').waitFor(WAIT);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Sam')]);
    await page.getByLabel('Search by name or number').fill('');
    await page.getByLabel('Show').selectOption('opted_out');
    await page.locator(`[data-participant-id="${ana.id}"]`).waitFor(WAIT);
    await page.locator('[data-caseload] tr', { hasText: 'Sam' }).waitFor({ state: 'detached', ...WAIT });
    await page.getByLabel('Show').selectOption('all');
    await rows.nth(1).waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, '05-caseload');
  });

  it('sandbox: be the participant and watch the bot answer', async () => {
    await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
    await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor(WAIT);
    await page.getByLabel('Reply as', { exact: true }).selectOption({ label: 'Sam (+447700900700)' });
    await page.getByRole('heading', { name: 'Conversation with Sam' }).waitFor(WAIT);
    const before = await page.locator('[data-thread] [data-direction="outbound"]').count();
    await page.getByLabel('Reply as Sam').fill('HELP');
    await page.getByRole('button', { name: 'Send as Sam' }).click();
    await page.locator('[data-thread] [data-direction="outbound"]').nth(before).waitFor(WAIT);
    await page.locator('[data-thread] [data-direction="outbound"]').nth(before).getByText(/key worker/).waitFor(WAIT);
    await expectAccessible(page);
    await screenshot(page, '06-sandbox');
  });

  it('records a job start, then runs confidence campaigns and watches their progress; replies chart on the person’s page', async () => {
    const jo = await app.createParticipant('07700 900702', undefined, { firstName: 'Jo' });
    await page.goto(`${app.url}/participants/${jo.id}`);
    await page.getByRole('heading', { name: 'Jo', level: 1 }).waitFor(WAIT);
    await page.getByText('Record a job start').click();
    await page.getByLabel('Employer (optional)').fill('Greggs');
    await page.getByLabel('Hours a week (optional)').fill('30');
    await page.getByRole('button', { name: 'Record job start' }).click();
    await page.getByRole('status').getByText('Job start recorded for Jo').waitFor(WAIT);
    await page.locator('[data-job]').getByText('Greggs').waitFor(WAIT);

    const runPulse = async (name: string) => {
      await page.getByRole('link', { name: 'Campaigns' }).click();
      await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor(WAIT);
      const form = page.locator('[data-form="create-campaign"]');
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Confidence questions').check();
      await form.getByLabel('Which questions?').selectOption('job-confidence');
      await form.getByLabel('Everyone in work').check();
      await form.getByRole('button', { name: 'Start campaign' }).click();
      const card = page.locator('[data-campaign-id]', { hasText: name });
      await card.waitFor(WAIT);
      // Live progress: the bar fills as the message goes (polled), to 1 of 1.
      await card.locator('.app-progress', { hasText: 'Sent' }).getByText('1 of 1 (100%)').waitFor(WAIT);
      expect(await card.locator('[data-progress="sent"]').evaluate((el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max])).toEqual([1, 1]);
      return card;
    };
    const replyAsJo = async (text: string) => {
      await page.goto(`${app.url}/participants/${jo.id}`);
      await page.locator('[data-thread] [data-direction="outbound"]', { hasText: 'how sure are you' }).first().waitFor(WAIT);
      await page.getByLabel('Reply as Jo').fill(text);
      await page.getByRole('button', { name: 'Send as Jo' }).click();
    };

    await runPulse('Job confidence, first week');
    await expectAccessible(page);
    await replyAsJo('5');
    await page.locator('[data-confidence="still-in-job-12-months"]').getByText('Latest 5 out of 6.').waitFor(WAIT);

    await runPulse('Job confidence, second week');
    await replyAsJo('2');
    await page.locator('[data-confidence="still-in-job-12-months"]').getByText('Latest 2 out of 6, down 3 since the answer before.').waitFor(WAIT);
    await page.locator('[data-confidence] circle').nth(1).waitFor({ state: 'attached', ...WAIT });
    await expectAccessible(page);
    await screenshot(page, '09-participant-in-work');

    // Replies count on the campaign too, and its responses download as CSV with the session cookie.
    await page.getByRole('link', { name: 'Campaigns' }).click();
    const secondCard = page.locator('[data-campaign-id]', { hasText: 'Job confidence, second week' });
    await secondCard.locator('.app-progress', { hasText: 'Replied' }).getByText('1 of 1 (100%)').waitFor(WAIT);
    const csvLink = secondCard.getByRole('link', { name: /Download responses \(CSV\)/ });
    const csv = await page.request.get(new URL((await csvLink.getAttribute('href')) as string, app.url).toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('Jo');

    // A campaign for tomorrow: pause, resume, then cancel (after saying yes).
    const tomorrow = londonInputs(new Date(Date.now() + 26 * 3600_000));
    const form = page.locator('[data-form="create-campaign"]');
    await form.getByLabel('Name').fill('Week 2 check-in');
    await form.getByLabel('In-work check-in').check();
    await form.getByLabel('Later').check();
    await form.getByLabel('Date', { exact: true }).fill(tomorrow.date);
    await form.getByLabel('Time', { exact: true }).fill('10:00');
    await form.getByRole('button', { name: 'Start campaign' }).click();
    const later = page.locator('[data-campaign-id]', { hasText: 'Week 2 check-in' });
    const inState = (status: string) => page.locator(`[data-campaign-id][data-status="${status}"]`, { hasText: 'Week 2 check-in' });
    await inState('scheduled').locator('.govuk-tag', { hasText: 'Scheduled' }).waitFor(WAIT);
    await later.getByRole('button', { name: /^Pause/ }).click();
    await inState('paused').locator('.govuk-tag', { hasText: 'Paused' }).waitFor(WAIT);
    await later.getByRole('button', { name: /^Resume/ }).click();
    await inState('scheduled').waitFor(WAIT);
    await later.getByRole('button', { name: /^Cancel campaign/ }).click();
    await later.getByRole('button', { name: 'Yes, cancel it' }).click();
    await inState('cancelled').locator('.govuk-tag', { hasText: 'Cancelled' }).waitFor(WAIT);
    await expect(later.getByRole('button', { name: /^(Pause|Resume|Cancel campaign)/ }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, '10-campaigns');
  });

  it('is keyboard-usable: the skip link comes first and leads to the content; focus is visible', async () => {
    await page.getByRole('link', { name: 'Caseload', exact: true }).click();
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor(WAIT);
    await page.goto(`${app.url}/caseload`);
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor(WAIT);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main-content');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // Every control has a visible focus style (GOV.UK's yellow): the search box, as an example.
    await page.getByLabel('Search by name or number').focus();
    const outline = await page.getByLabel('Search by name or number').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('reads well on a phone', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await signInWithToken(phone.page, app.url, ADMIN_TOKEN);
      await phone.page.locator('[data-caseload] tbody tr').nth(1).waitFor(WAIT);
      await expectAccessible(phone.page);
      await screenshot(phone.page, '07-phone-caseload');
      // The sections fold behind a Menu button on a phone.
      await expect(phone.page.getByRole('link', { name: 'Team settings' }).isVisible()).resolves.toBe(false);
      await phone.page.getByRole('button', { name: 'Menu' }).click();
      await phone.page.getByRole('link', { name: 'Team settings' }).click();
      await phone.page.getByRole('heading', { name: 'Team settings', level: 1 }).waitFor(WAIT);
      await expectAccessible(phone.page);
      await phone.page.goto(samUrl);
      await phone.page.getByRole('heading', { name: 'Sam', level: 1 }).waitFor(WAIT);
      await phone.page.locator('[data-thread] [data-direction="inbound"]').first().waitFor(WAIT);
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(phone.page);
      await screenshot(phone.page, '08-phone-participant');
      await screenshot(phone.page, '08-phone-participant-first-screen', { fullPage: false });
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('signs out: the session ends on the server, not just in the browser', async () => {
    const [cookie] = await browser.context.cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor(WAIT);
    await page.getByRole('heading', { name: 'Sign in to the engagement bot' }).waitFor(WAIT);
    expect(await browser.context.cookies()).toEqual([]);
    // The old cookie, replayed, opens nothing.
    const replayed = await fetch(`${app.url}/api/participants`, { headers: { Cookie: `${cookie?.name}=${cookie?.value}` } });
    expect(replayed.status).toBe(401);
    await page.goto(`${app.url}/alerts`);
    await page.getByRole('heading', { name: 'Sign in to the engagement bot' }).waitFor(WAIT);
  });

  it('broke no content-security rule and threw no script error on any page', () => {
    expect(browser.problems).toEqual([]);
  });
});
