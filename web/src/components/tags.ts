import { h } from '../dom.js';

export type TagColour = 'grey' | 'green' | 'turquoise' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow' | 'teal' | 'magenta';

export function tag(text: string, colour?: TagColour): HTMLElement {
  return h('strong', { class: `govuk-tag${colour ? ` govuk-tag--${colour}` : ''}` }, text);
}

/** A person's state at a glance: opted out, wrong number, in work. */
export function participantTags(p: { optedOut: boolean; wrongNumber: boolean; inWorkSince: string | null }): HTMLElement[] {
  return [
    ...(p.optedOut ? [tag('Opted out', 'red')] : []),
    ...(p.wrongNumber ? [tag('Wrong number', 'orange')] : []),
    ...(p.inWorkSince ? [tag('In work', 'green')] : []),
  ];
}
