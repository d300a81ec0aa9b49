import messageFormatModule from '@messageformat/core';
import { cy } from './messages/cy.js';
import { en, type MessageId } from './messages/en.js';

export type { MessageId } from './messages/en.js';

// The package is CommonJS (`module.exports = MessageFormat`) with types that say `export default`: under NodeNext
// the default import is the class itself at run time, and TypeScript sees the module object.
const MessageFormat = messageFormatModule as unknown as typeof messageFormatModule.default;
type MessageFormat = InstanceType<typeof MessageFormat>;

/** Every message id with its text in one language: ICU MessageFormat, with named variables and plural rules. */
export type Catalogue = Readonly<Record<MessageId, string>>;

/**
 * The shipped languages. Adding one is adding a file in domain/wording/messages/ with every id (the type and the catalogue
 * tests hold it to English: the same ids, the same variables, within each message's SMS budget) and a line here.
 */
const CATALOGUES = { en, cy } as const satisfies Record<string, Catalogue>;

export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

/** A participant's language code ("cy", "cy-GB", "en") as a shipped language; anything else reads English. */
export function languageOf(code: string | null | undefined): Language {
  const base = (code ?? '').toLowerCase().split(/[-_]/u)[0] ?? '';
  return (LANGUAGES as string[]).includes(base) ? (base as Language) : 'en';
}

export function catalogueOf(language: Language): Catalogue {
  return CATALOGUES[language];
}

export type MessageValues = Record<string, string | number>;

const formatters = new Map<Language, MessageFormat>();
const compiled = new Map<string, (values: MessageValues) => string>();

/** A message in a language, with its variables filled in (compiled once, then cached). */
export function say(language: string | null | undefined, id: MessageId, values: MessageValues = {}): string {
  const lang = languageOf(language);
  const key = `${lang}\u0000${id}`;
  let render = compiled.get(key);
  if (!render) {
    let formatter = formatters.get(lang);
    if (!formatter) {
      formatter = new MessageFormat(lang, { strict: false });
      formatters.set(lang, formatter);
    }
    const fn = formatter.compile(catalogueOf(lang)[id]);
    render = (v) => String(fn(v));
    compiled.set(key, render);
  }
  return render(values);
}

/** "yes" or "no", for a message's `select` on whether a name is known. */
export const known = (value: string): 'yes' | 'no' => (value === '' ? 'no' : 'yes');
