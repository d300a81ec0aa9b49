/**
 * Builds DOM nodes from data without ever parsing HTML: text goes in as text, so nothing a participant texts can
 * become markup (and the CSP needs no 'unsafe-inline').
 */
export type Child = Node | string | number | null | undefined | false | Child[];

type Listener = (event: Event) => void;

export interface Attributes {
  class?: string | undefined;
  on?: Partial<Record<keyof HTMLElementEventMap, Listener>>;
  [name: string]: string | number | boolean | undefined | null | Partial<Record<string, Listener>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

function applyAttributes(element: Element, attributes: Attributes | null | undefined): void {
  if (!attributes) return;
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value as Record<string, Listener>)) element.addEventListener(event, listener);
    } else if (value === false || value === null || value === undefined) {
      continue;
    } else if (name === 'value' && (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) {
      element.value = String(value);
    } else if (name === 'checked' && element instanceof HTMLInputElement) {
      // Both the state and the default, so form.reset() comes back to it.
      element.defaultChecked = element.checked = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idCounter = 0;
/** A unique id for label/hint/error wiring. */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
