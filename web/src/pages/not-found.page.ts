import { h } from '../dom.js';
import type { Page, PageContext } from '../page.js';

export async function notFoundPage(_context: PageContext, message = 'If you typed the web address, check it is correct.'): Promise<Page> {
  return {
    title: 'Page not found',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Page not found'),
      h('p', { class: 'govuk-body' }, message),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/caseload' }, 'Go to your caseload')),
    ),
  };
}
