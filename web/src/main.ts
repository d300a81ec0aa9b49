import { ApiClient } from './api-client.js';
import type { Alert, Session } from './api-types.js';
import { h, replaceChildren } from './dom.js';
import { useTimeZone } from './format.js';
import { footer, header, managesStaff, navigation, navigationFor, runsCampaigns, sandboxBanner, successBanner } from './layout.js';
import type { Page, PageContext, PageFactory } from './page.js';
import { alertsPage } from './pages/alerts.page.js';
import { campaignsPage } from './pages/campaigns.page.js';
import { caseloadPage } from './pages/caseload.page.js';
import { importExportPage } from './pages/import-export.page.js';
import { notFoundPage } from './pages/not-found.page.js';
import { participantPage } from './pages/participant.page.js';
import { sandboxPage } from './pages/sandbox.page.js';
import { settingsPage } from './pages/settings.page.js';
import { signInPage } from './pages/sign-in.page.js';
import { staffPage } from './pages/staff.page.js';

/** The dashboard: one page app on the public API, signed in with a session cookie. */

interface Route {
  pattern: RegExp;
  page: PageFactory;
  when?: (session: Session) => boolean;
}

const ROUTES: Route[] = [
  { pattern: /^\/caseload$/, page: caseloadPage },
  { pattern: /^\/participants\/(?<id>[0-9a-f-]{36})$/, page: participantPage },
  { pattern: /^\/alerts$/, page: alertsPage },
  { pattern: /^\/campaigns$/, page: campaignsPage, when: runsCampaigns },
  { pattern: /^\/settings$/, page: settingsPage },
  { pattern: /^\/import-export$/, page: importExportPage },
  { pattern: /^\/staff$/, page: staffPage, when: managesStaff },
  { pattern: /^\/sandbox$/, page: sandboxPage, when: (s) => s.sandbox },
];

/** Marks history entries the dashboard made, as opposed to the browser's own for #fragment links. */
const PAGE_STATE = { dashboard: true };
const api = new ApiClient();
const root = document.getElementById('app') as HTMLElement;
let session: Session | undefined;
let current: Page | undefined;
let pendingFlash: string | undefined;
let renderCount = 0;
let openAlerts: number | undefined;
/** The session ran out (or was ended elsewhere) while the dashboard was open. */
let sessionEnded = false;
/** True once the user has moved within the dashboard (not on the first page load). */
let navigated = false;

function navigate(path: string, options: { replace?: boolean } = {}): void {
  navigated = true;
  if (options.replace) history.replaceState(PAGE_STATE, '', path);
  else history.pushState(PAGE_STATE, '', path);
  void render();
}

async function signOut(): Promise<void> {
  try {
    await api.delete('/api/session');
  } finally {
    session = undefined;
    api.useSession(undefined);
    pendingFlash = 'You have signed out.';
    navigate('/sign-in', { replace: true });
  }
}

async function refreshAlertsCount(): Promise<void> {
  if (!session) return;
  try {
    openAlerts = (await api.get<Alert[]>('/api/alerts?status=open')).length;
  } catch {
    openAlerts = undefined;
  }
  const nav = root.querySelector('.govuk-service-navigation');
  if (nav && session) nav.replaceWith(navigation(navigationFor(session, openAlerts), location.pathname));
}

async function render(): Promise<void> {
  const render = ++renderCount;
  current?.dispose?.();
  current = undefined;
  const path = location.pathname.replace(/\/+$/, '') || '/';

  if (!session) {
    const page = await signInPage({
      api,
      sessionEnded,
      onSignedIn: (signedIn) => {
        session = signedIn;
        api.useSession(signedIn);
        useTimeZone(signedIn.timeZone);
        sessionEnded = false;
        const next = new URLSearchParams(location.search).get('next');
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/caseload', { replace: true });
      },
    });
    if (path !== '/sign-in') history.replaceState(PAGE_STATE, '', `/sign-in${path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`}`);
    show(page, undefined);
    return;
  }
  if (path === '/' || path === '/sign-in') {
    navigate('/caseload', { replace: true });
    return;
  }

  const signedIn = session;
  const route = ROUTES.find((r) => r.pattern.test(path) && (r.when?.(signedIn) ?? true));
  const params = route ? (route.pattern.exec(path)?.groups ?? {}) : {};
  const context: PageContext = {
    api,
    session: signedIn,
    params: { ...params },
    query: new URLSearchParams(location.search),
    navigate,
    flash: (message) => {
      pendingFlash = message;
    },
    refreshNavigation: () => void refreshAlertsCount(),
  };
  showLoading(signedIn);
  let page: Page;
  try {
    page = await (route ? route.page(context) : notFoundPage(context));
  } catch (error) {
    if (!session) return; // signed out while loading: the sign-in page is already showing
    page = errorPage(error);
  }
  if (render !== renderCount) {
    page.dispose?.();
    return;
  }
  show(page, signedIn);
  void refreshAlertsCount();
}

function showLoading(signedIn: Session): void {
  const main = root.querySelector('main');
  if (main) main.setAttribute('aria-busy', 'true');
  else show({ title: 'Loading', content: h('p', { class: 'app-loading' }, 'Loading…') }, signedIn);
}

function show(page: Page, signedIn: Session | undefined): void {
  current = page;
  document.title = `${page.title} – Engagement bot`;
  const flash = pendingFlash;
  pendingFlash = undefined;
  const main = h(
    'main',
    { class: 'govuk-main-wrapper', id: 'main-content' },
    flash ? successBanner(flash) : null,
    page.content,
  );
  replaceChildren(
    root,
    header(signedIn, () => void signOut(), signedIn?.sandbox ? sandboxBanner() : null),
    signedIn ? navigation(navigationFor(signedIn, openAlerts), location.pathname) : null,
    h('div', { class: 'govuk-width-container' }, main),
    footer(),
  );
  // After moving within the dashboard, focus goes to the new page's heading (where a full page load would put a
  // screen reader); on the first load the browser's own order stands, so the skip link comes first.
  const heading = main.querySelector('h1');
  if (heading && navigated && page.title !== 'Loading') {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  document.body.dataset.page = page.title;
}

function errorPage(error: unknown): Page {
  const message = error instanceof Error ? error.message : 'Something went wrong';
  return {
    title: 'Something went wrong',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Sorry, there is a problem'),
      h('p', { class: 'govuk-body' }, message),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/caseload' }, 'Go to your caseload')),
    ),
  };
}

// Links inside the dashboard change the page without a reload; everything else behaves as a normal link.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || link.hasAttribute('download') || link.target || url.pathname.startsWith('/api/') || url.pathname.startsWith('/auth/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) {
    // An in-page link (the skip link): move focus to its target too, not only the scroll position.
    const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
    return;
  }
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => {
  // Following an in-page link (#main-content) adds a history entry of the browser's own (no state): not a new page.
  if (location.hash && history.state === null) return;
  navigated = true;
  void render();
});

api.onSessionEnded(() => {
  if (!session) return;
  session = undefined;
  api.useSession(undefined);
  pendingFlash = undefined;
  sessionEnded = true;
  void render();
});

async function start(): Promise<void> {
  try {
    session = await api.request<Session>('GET', '/api/session', undefined, { quietOn401: true });
    api.useSession(session);
    useTimeZone(session.timeZone);
  } catch {
    session = undefined;
  }
  await render();
}

void start();
