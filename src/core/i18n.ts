import type { Message, MessageKey, PluralKey } from '../generated/ui/index.js';

export type { MessageKey, PluralKey } from '../generated/ui/index.js';
/** A message without plural forms. */
export type PlainKey = Exclude<MessageKey, PluralKey>;
export type Params = Readonly<Record<string, string | number>>;
/** One section of a language's catalogue (generated/ui/<lang>/<section>.json): key → message. */
export type CatalogueSection = Readonly<Record<string, Message>>;

/**
 * The interface's words in one language: the message, its {placeholders} filled; `count`
 * chooses the plural form the language needs (and must be given for a message that has forms).
 * Every message shown to a person goes through one. A run makes its own (see run.ts) and
 * hands it to whoever speaks; nothing here remembers a language between runs.
 */
export interface Translate {
  (key: PluralKey, params: Params & { count: number }): string;
  (key: PlainKey, params?: Params): string;
}

/**
 * A Translate over a catalogue that `section(name)` reads (generated/ui/fr/cli.json, …): each
 * section is asked for the first time one of its messages is needed, so `ua --help` reads only
 * the help's words.
 */
export function translator(section: (name: string) => CatalogueSection): Translate {
  const sections = new Map<string, CatalogueSection>();
  let plurals: Intl.PluralRules | undefined;
  const lookup = (key: MessageKey): Message => {
    const name = key.split('.')[0] as string;
    let messages = sections.get(name);
    if (!messages) {
      messages = section(name);
      sections.set(name, messages);
    }
    return messages[key] as Message;
  };
  const t = (key: MessageKey, params: Params = {}): string => {
    const entry = lookup(key);
    if (typeof entry !== 'string') {
      plurals ??= new Intl.PluralRules(lookup('locale') as string);
      const form = plurals.select(Number(params.count ?? 0));
      return fillIn(entry[form] ?? entry.other, params);
    }
    return fillIn(entry, params);
  };
  return t as Translate;
}

function fillIn(text: string, params: Params): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
