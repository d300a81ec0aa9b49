import type { Session } from './api-types.js';
import { staffDescription } from './components/labels.js';
import { h } from './dom.js';

export interface NavigationItem {
  path: string;
  text: string;
  count?: number;
}

/** Campaigns are the in-work team's (and admins'). */
export const runsCampaigns = (session: Session): boolean => session.staff.role === 'in_work_team' || session.staff.role === 'admin';
/** Staff accounts are the admins'. */
export const managesStaff = (session: Session): boolean => session.staff.role === 'admin';

/** Who sees which page: campaigns and staff by role (above); the sandbox exists only in sandbox mode. */
export function navigationFor(session: Session, openAlerts: number | undefined): NavigationItem[] {
  return [
    { path: '/caseload', text: 'Caseload' },
    { path: '/alerts', text: 'Alerts', ...(openAlerts !== undefined && { count: openAlerts }) },
    ...(runsCampaigns(session) ? [{ path: '/campaigns', text: 'Campaigns' }] : []),
    { path: '/settings', text: 'Team settings' },
    { path: '/import-export', text: 'Import and export' },
    ...(managesStaff(session) ? [{ path: '/staff', text: 'Staff' }] : []),
    ...(session.sandbox ? [{ path: '/sandbox', text: 'Sandbox' }] : []),
  ];
}

/** Our own header (never the GOV.UK one): the product, the programme, who is signed in. */
export function header(session: Session | undefined, onSignOut: () => void, notice: HTMLElement | null = null): HTMLElement {
  return h(
    'header',
    { class: 'app-header' },
    h(
      'div',
      { class: 'govuk-width-container app-header__container' },
      h(
        'div',
        null,
        h('p', { class: 'app-header__product' }, h('a', { href: '/caseload', class: 'app-header__product-link' }, 'Engagement bot')),
        session ? h('span', { class: 'app-header__programme' }, session.programmeName) : null,
      ),
      session
        ? h(
            'div',
            { class: 'app-header__account' },
            h('span', null, staffDescription(session.staff)),
            h(
              'button',
              { type: 'button', class: 'govuk-button govuk-button--inverse app-header__sign-out', on: { click: onSignOut } },
              'Sign out',
            ),
          )
        : null,
    ),
    notice,
  );
}

export function sandboxBanner(): HTMLElement {
  return h(
    'div',
    { class: 'app-sandbox-banner' },
    h('div', { class: 'govuk-width-container' }, 'Sandbox mode: nothing is sent to anyone. Replies go to the sandbox outbox.'),
  );
}

/** GOV.UK Frontend's breakpoint between a phone and a tablet (40.0625em). */
const WIDE = '(min-width: 40.0625em)';

/** The sections, as GOV.UK's service navigation: a row on wider screens, behind a "Menu" button on a phone. */
export function navigation(items: NavigationItem[], currentPath: string): HTMLElement {
  const toggle = h(
    'button',
    { type: 'button', class: 'govuk-service-navigation__toggle', 'aria-controls': 'navigation', 'aria-expanded': 'false', hidden: true },
    'Menu',
  );
  const list = h(
    'ul',
    { class: 'govuk-service-navigation__list', id: 'navigation' },
    items.map((item) => {
      const current = currentPath === item.path || currentPath.startsWith(`${item.path}/`) || (item.path === '/caseload' && currentPath.startsWith('/participants/'));
      const label = [
        item.text,
        item.count
          ? h('span', { class: 'app-nav-count' }, String(item.count), h('span', { class: 'govuk-visually-hidden' }, ' open'))
          : null,
      ];
      return h(
        'li',
        { class: `govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}` },
        h(
          'a',
          { class: 'govuk-service-navigation__link', href: item.path, 'aria-current': current ? 'page' : undefined },
          current ? h('strong', { class: 'govuk-service-navigation__active-fallback' }, label) : label,
        ),
      );
    }),
  );
  const wide = window.matchMedia(WIDE);
  const fit = () => {
    const expanded = toggle.getAttribute('aria-expanded') === 'true';
    toggle.hidden = wide.matches;
    list.hidden = !wide.matches && !expanded;
  };
  toggle.addEventListener('click', () => {
    toggle.setAttribute('aria-expanded', String(toggle.getAttribute('aria-expanded') !== 'true'));
    fit();
  });
  wide.addEventListener('change', fit);
  fit();
  return h(
    'section',
    { class: 'govuk-service-navigation', 'aria-label': 'Dashboard sections' },
    h(
      'div',
      { class: 'govuk-width-container' },
      h('div', { class: 'govuk-service-navigation__container' }, h('nav', { 'aria-label': 'Menu', class: 'govuk-service-navigation__wrapper' }, toggle, list)),
    ),
  );
}

export function footer(): HTMLElement {
  return h(
    'footer',
    { class: 'app-footer' },
    h(
      'div',
      { class: 'govuk-width-container' },
      h('p', { class: 'govuk-body-s govuk-!-margin-bottom-0' }, 'Engagement bot. ', h('a', { class: 'govuk-link', href: '/api/openapi.json' }, 'API documentation (OpenAPI)')),
    ),
  );
}

export function successBanner(message: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert', 'aria-labelledby': 'flash-title', 'data-flash': '' },
    h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: 'flash-title' }, 'Success')),
    h('div', { class: 'govuk-notification-banner__content' }, h('p', { class: 'govuk-notification-banner__heading' }, message)),
  );
}
