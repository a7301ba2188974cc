import { loadCatalogue, type Message, type MessageKey, UI_LANGUAGES } from './generated/ui/index.js';
import type { Env } from './world.js';

export type { MessageKey } from './generated/ui/index.js';
export type Params = Readonly<Record<string, string | number>>;

/**
 * The interface's words, in the volunteer's language. Every message shown to a person goes
 * through `t(key, params)`; the catalogue of the one language in use is loaded once, before
 * the first message (ua --version loads none). The letters have their own languages.
 */
let catalogue: Record<MessageKey, Message> | undefined;
let language = 'en';
let plurals: Intl.PluralRules | undefined;

export async function useLanguage(lang: string): Promise<void> {
  language = UI_LANGUAGES.includes(lang) ? lang : 'en';
  catalogue = (await loadCatalogue(language)).default;
  plurals = undefined;
}

export function uiLanguage(): string {
  return language;
}

/** The interface's locale for Intl (lists, plurals, names of languages): "en-GB", "es-ES"… */
export function uiLocale(): string {
  return t('locale');
}

/** The message, its {placeholders} filled; `count` chooses the plural form the language needs. */
export function t(key: MessageKey, params: Params = {}): string {
  if (!catalogue) throw new Error(`the message "${key}" was needed before a language was chosen`);
  const entry = catalogue[key];
  const text = typeof entry === 'string' ? entry : (entry[selectPlural(Number(params.count ?? 0))] ?? entry.other);
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

function selectPlural(count: number): Intl.LDMLPluralRule {
  plurals ??= new Intl.PluralRules(uiLocale());
  return plurals.select(count);
}

/**
 * The interface language: --lang-ui, else ui_lang in the config file, else LC_ALL, LC_MESSAGES,
 * LANG (the first that is set: "es_ES.UTF-8" is Spanish; "C" and "POSIX" are English), else
 * English. A language ua has no catalogue for is English too.
 */
export function chooseLanguage(argv: readonly string[], env: Env, configText: string | undefined): string {
  const flag = argv.findIndex((arg) => arg === '--lang-ui' || arg.startsWith('--lang-ui='));
  const fromFlag = flag < 0 ? undefined : argv[flag]?.includes('=') ? argv[flag]?.split('=')[1] : argv[flag + 1];
  // The config file is read without its YAML parser: one line is all this needs, and --help must stay quick.
  const fromConfig = configText ? /^ui_lang:\s*["']?([A-Za-z]{2})["']?\s*(?:#.*)?$/m.exec(configText)?.[1] : undefined;
  const fromLocale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const chosen = fromFlag ?? fromConfig ?? (fromLocale && /^(C|POSIX)([._@].*)?$/.test(fromLocale) ? 'en' : fromLocale) ?? 'en';
  const code = chosen.toLowerCase().split(/[_.@-]/)[0] ?? 'en';
  return UI_LANGUAGES.includes(code) ? code : 'en';
}
