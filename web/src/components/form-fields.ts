import { h, uniqueId, type Child } from '../dom.js';

/** GOV.UK Frontend form markup, built as DOM. Each group carries data-field so errors can find it. */

interface Common {
  name: string;
  label: string;
  hint?: string;
  /** A visually bolder label, for a form's only or main question. */
  bold?: boolean;
}

export interface InputSpec extends Common {
  type?: 'text' | 'date' | 'time' | 'number' | 'password' | 'tel' | 'search';
  value?: string;
  widthClass?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'text';
  spellcheck?: boolean;
}

function describedBy(id: string, hint: string | undefined): string | undefined {
  return hint ? `${id}-hint` : undefined;
}

function labelFor(id: string, spec: Common): HTMLLabelElement {
  return h('label', { class: `govuk-label${spec.bold ? ' govuk-label--s' : ''}`, for: id }, spec.label);
}

function hintFor(id: string, hint: string | undefined): Child {
  return hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null;
}

export function inputField(spec: InputSpec): { group: HTMLDivElement; input: HTMLInputElement } {
  const id = uniqueId(spec.name);
  const input = h('input', {
    class: `govuk-input${spec.widthClass ? ` ${spec.widthClass}` : ''}`,
    id,
    name: spec.name,
    type: spec.type ?? 'text',
    value: spec.value ?? '',
    autocomplete: spec.autocomplete,
    inputmode: spec.inputmode,
    spellcheck: spec.spellcheck === false ? 'false' : undefined,
    'aria-describedby': describedBy(id, spec.hint),
  });
  const group = h('div', { class: 'govuk-form-group', 'data-field': spec.name }, labelFor(id, spec), hintFor(id, spec.hint), input);
  return { group, input };
}

export function textareaField(spec: Common & { value?: string; rows?: number }): { group: HTMLDivElement; input: HTMLTextAreaElement } {
  const id = uniqueId(spec.name);
  const input = h('textarea', {
    class: 'govuk-textarea',
    id,
    name: spec.name,
    rows: spec.rows ?? 3,
    'aria-describedby': describedBy(id, spec.hint),
  });
  input.value = spec.value ?? '';
  const group = h('div', { class: 'govuk-form-group', 'data-field': spec.name }, labelFor(id, spec), hintFor(id, spec.hint), input);
  return { group, input };
}

export function selectField(
  spec: Common & { options: Array<{ value: string; text: string }>; value?: string },
): { group: HTMLDivElement; input: HTMLSelectElement } {
  const id = uniqueId(spec.name);
  const input = h(
    'select',
    { class: 'govuk-select', id, name: spec.name, 'aria-describedby': describedBy(id, spec.hint) },
    spec.options.map((o) => h('option', { value: o.value, selected: o.value === spec.value }, o.text)),
  );
  const group = h('div', { class: 'govuk-form-group', 'data-field': spec.name }, labelFor(id, spec), hintFor(id, spec.hint), input);
  return { group, input };
}

/** Radios in a fieldset whose legend is the question. */
export function radiosField(
  spec: Common & { options: Array<{ value: string; text: string; hint?: string }>; value?: string; inline?: boolean },
): { group: HTMLDivElement; inputs: HTMLInputElement[]; value: () => string } {
  const id = uniqueId(spec.name);
  const inputs: HTMLInputElement[] = [];
  const items = spec.options.map((o, i) => {
    const inputId = i === 0 ? id : `${id}-${i + 1}`;
    const input = h('input', {
      class: 'govuk-radios__input',
      id: inputId,
      name: spec.name,
      type: 'radio',
      value: o.value,
      checked: o.value === spec.value,
      'aria-describedby': o.hint ? `${inputId}-item-hint` : undefined,
    });
    inputs.push(input);
    return h(
      'div',
      { class: 'govuk-radios__item' },
      input,
      h('label', { class: 'govuk-label govuk-radios__label', for: inputId }, o.text),
      o.hint ? h('div', { class: 'govuk-hint govuk-radios__hint', id: `${inputId}-item-hint` }, o.hint) : null,
    );
  });
  const group = h(
    'div',
    { class: 'govuk-form-group', 'data-field': spec.name, 'data-first-input': id },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': describedBy(id, spec.hint) },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, spec.label),
      hintFor(id, spec.hint),
      h('div', { class: `govuk-radios${spec.inline ? ' govuk-radios--inline' : ''}`, 'data-module': 'govuk-radios' }, items),
    ),
  );
  return { group, inputs, value: () => inputs.find((i) => i.checked)?.value ?? '' };
}

/** One checkbox, its label the statement being agreed to. */
export function checkboxField(spec: Common & { checked?: boolean; value?: string }): { group: HTMLDivElement; input: HTMLInputElement } {
  const id = uniqueId(spec.name);
  const input = h('input', {
    class: 'govuk-checkboxes__input',
    id,
    name: spec.name,
    type: 'checkbox',
    value: spec.value ?? 'yes',
    checked: spec.checked ?? false,
    'aria-describedby': spec.hint ? `${id}-item-hint` : undefined,
  });
  const group = h(
    'div',
    { class: 'govuk-form-group', 'data-field': spec.name },
    h(
      'div',
      { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
      h(
        'div',
        { class: 'govuk-checkboxes__item' },
        input,
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, spec.label),
        spec.hint ? h('div', { class: 'govuk-hint govuk-checkboxes__hint', id: `${id}-item-hint` }, spec.hint) : null,
      ),
    ),
  );
  return { group, input };
}

/** Many checkboxes in a fieldset (choose people, for example). */
export function checkboxesField(
  spec: Common & { options: Array<{ value: string; text: string; hint?: string }>; values?: string[] },
): { group: HTMLDivElement; values: () => string[] } {
  const id = uniqueId(spec.name);
  const inputs: HTMLInputElement[] = [];
  const items = spec.options.map((o, i) => {
    const inputId = i === 0 ? id : `${id}-${i + 1}`;
    const input = h('input', {
      class: 'govuk-checkboxes__input',
      id: inputId,
      name: spec.name,
      type: 'checkbox',
      value: o.value,
      checked: spec.values?.includes(o.value) ?? false,
    });
    inputs.push(input);
    return h(
      'div',
      { class: 'govuk-checkboxes__item' },
      input,
      h('label', { class: 'govuk-label govuk-checkboxes__label', for: inputId }, o.text),
      o.hint ? h('div', { class: 'govuk-hint govuk-checkboxes__hint' }, o.hint) : null,
    );
  });
  const group = h(
    'div',
    { class: 'govuk-form-group', 'data-field': spec.name, 'data-first-input': id },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': describedBy(id, spec.hint) },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, spec.label),
      hintFor(id, spec.hint),
      h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' }, items),
    ),
  );
  return { group, values: () => inputs.filter((i) => i.checked).map((i) => i.value) };
}

export function button(text: string, options: { type?: 'submit' | 'button'; variant?: 'secondary' | 'warning'; name?: string; value?: string } = {}): HTMLButtonElement {
  return h(
    'button',
    {
      type: options.type ?? 'submit',
      class: `govuk-button${options.variant ? ` govuk-button--${options.variant}` : ''}`,
      'data-module': 'govuk-button',
      name: options.name,
      value: options.value,
    },
    text,
  );
}
