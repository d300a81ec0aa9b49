import { ApiProblem } from '../api-client.js';
import type { FieldError } from '../api-types.js';
import { h } from '../dom.js';

export interface ShownError {
  /** The data-field of the form group, or '' for the form as a whole. */
  field: string;
  message: string;
}

/**
 * Shows errors the GOV.UK way: an error summary at the top of the form (focused, so a screen reader reads it), each
 * message linking to its field, and the message again above the field itself.
 */
export function showErrors(form: HTMLFormElement, errors: ShownError[]): void {
  clearErrors(form);
  if (errors.length === 0) return;
  const items = errors.map((error) => {
    const group = error.field ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(error.field)}"]`) : null;
    const control = group?.dataset.firstInput
      ? form.querySelector<HTMLElement>(`#${CSS.escape(group.dataset.firstInput)}`)
      : group?.querySelector<HTMLElement>('input, select, textarea');
    if (group && control) {
      group.classList.add('govuk-form-group--error');
      const messageId = `${control.id}-error`;
      const message = h('p', { class: 'govuk-error-message', id: messageId }, h('span', { class: 'govuk-visually-hidden' }, 'Error: '), error.message);
      const anchor = group.querySelector('fieldset > .govuk-radios, fieldset > .govuk-checkboxes, input, select, textarea, .govuk-checkboxes');
      anchor?.parentElement?.insertBefore(message, anchor);
      const described = control.closest('fieldset') ?? control;
      described.setAttribute('aria-describedby', [described.getAttribute('aria-describedby'), messageId].filter(Boolean).join(' '));
      for (const input of group.querySelectorAll('input:not([type=radio]):not([type=checkbox]), select, textarea')) input.classList.add(errorClassFor(input));
    }
    return h('li', null, control ? h('a', { href: `#${control.id}`, on: { click: focusTarget(control) } }, error.message) : error.message);
  });
  const summary = h(
    'div',
    { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary', tabindex: '-1', 'data-error-summary': '' },
    h(
      'div',
      { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
      h('div', { class: 'govuk-error-summary__body' }, h('ul', { class: 'govuk-list govuk-error-summary__list' }, items)),
    ),
  );
  form.prepend(summary);
  summary.focus();
}

export function clearErrors(form: HTMLFormElement): void {
  form.querySelector('[data-error-summary]')?.remove();
  for (const message of form.querySelectorAll('.govuk-error-message')) {
    const id = message.id;
    for (const described of form.querySelectorAll(`[aria-describedby~="${CSS.escape(id)}"]`)) {
      const rest = (described.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
      if (rest.length > 0) described.setAttribute('aria-describedby', rest.join(' '));
      else described.removeAttribute('aria-describedby');
    }
    message.remove();
  }
  for (const group of form.querySelectorAll('.govuk-form-group--error')) group.classList.remove('govuk-form-group--error');
  for (const input of form.querySelectorAll('.govuk-input--error, .govuk-select--error, .govuk-textarea--error')) {
    input.classList.remove('govuk-input--error', 'govuk-select--error', 'govuk-textarea--error');
  }
}

function errorClassFor(input: Element): string {
  if (input instanceof HTMLSelectElement) return 'govuk-select--error';
  if (input instanceof HTMLTextAreaElement) return 'govuk-textarea--error';
  return 'govuk-input--error';
}

function focusTarget(control: HTMLElement) {
  return (event: Event) => {
    event.preventDefault();
    control.focus();
    control.scrollIntoView({ block: 'center' });
  };
}

/** API field paths (`startsAt`, `quietHours.start`, `defaultOffsets.0`) → the form's field and how to name it. */
export type FieldMap = Record<string, { field: string; label: string }>;

/**
 * Turns an API problem into errors on the form. A path matches its own entry or its nearest parent's
 * (`defaultOffsets.1` → `defaultOffsets`); anything unmapped goes to the top of the form, path and all.
 */
export function errorsFromProblem(error: unknown, fields: FieldMap = {}): ShownError[] {
  if (!(error instanceof ApiProblem)) return [{ field: '', message: error instanceof Error ? error.message : 'Something went wrong' }];
  if (error.fields.length === 0) return [{ field: '', message: error.message }];
  return error.fields.map((f: FieldError) => {
    const segments = f.path.split('.');
    let mapped: { field: string; label: string } | undefined;
    while (segments.length > 0 && !mapped) {
      mapped = fields[segments.join('.')];
      segments.pop();
    }
    return mapped ? { field: mapped.field, message: `${mapped.label} ${f.message}` } : { field: '', message: `${f.path || 'The request'}: ${f.message}` };
  });
}
