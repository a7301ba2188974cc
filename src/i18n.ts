import { type Message, type MessageKey, type PluralKey, UI_LANGUAGES } from './generated/ui/index.js';
import { languageFor } from './ui-language.js';
import type { Env } from './world.js';

export type { MessageKey, PluralKey } from './generated/ui/index.js';
/** A message without plural forms. */
export type PlainKey = Exclude<MessageKey, PluralKey>;
export type Params = Readonly<Record<string, string | number>>;

/**
 * The interface's words, in the volunteer's language. Every message shown to a person goes
 * through `t(key, params)`. The build writes each language's catalogue in sections
 * (generated/ui/fr/cli.json, …/send.json); a section is read the first time one of its
 * messages is needed, so `ua --help` reads only the help's words and `ua --version` none.
 */
// Not `import … from 'node:fs'`: an ES module import of fs loads its streams too, time that
// `ua --help` does not need (see io/paths.ts).
const { readFileSync } = process.getBuiltinModule('node:fs');
const CATALOGUES = process.getBuiltinModule('node:url').fileURLToPath(new URL('./generated/ui/', import.meta.url));
let language: string | undefined;
let sections = new Map<string, Readonly<Record<string, Message>>>();
let plurals: Intl.PluralRules | undefined;

export function useLanguage(lang: string): void {
  language = UI_LANGUAGES.includes(lang) ? lang : 'en';
  sections = new Map();
  plurals = undefined;
}

export function uiLanguage(): string {
  return language ?? 'en';
}

/** The interface's locale for Intl (lists, plurals, names of languages): "en-GB", "es-ES"… */
export function uiLocale(): string {
  return t('locale');
}

/** The message, its {placeholders} filled; `count` chooses the plural form the language needs (and must be given for one that has forms). */
export function t(key: PluralKey, params: Params & { count: number }): string;
export function t(key: PlainKey, params?: Params): string;
export function t(key: MessageKey, params: Params = {}): string {
  if (!language) throw new Error(`the message "${key}" was needed before a language was chosen`);
  const section = key.split('.')[0] as string;
  let messages = sections.get(section);
  if (!messages) {
    messages = JSON.parse(readFileSync(`${CATALOGUES}${language}/${section}.json`, 'utf8')) as Record<string, Message>;
    sections.set(section, messages);
  }
  const entry = messages[key] as Message;
  const text = typeof entry === 'string' ? entry : (entry[selectPlural(Number(params.count ?? 0))] ?? entry.other);
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

function selectPlural(count: number): Intl.LDMLPluralRule {
  plurals ??= new Intl.PluralRules(uiLocale());
  return plurals.select(count);
}

/** Chooses the interface language for a run (see ui-language.ts) and uses it from now on. */
export function speakFor(argv: readonly string[], env: Env): void {
  useLanguage(languageFor(argv, env));
}
