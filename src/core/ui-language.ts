import { UI_LANGUAGES } from '../generated/ui/index.js';

// Which language the interface speaks, and nothing more: no catalogue is read here, and nothing
// is computed when the module loads, so the single executable's start (src/sea/) speaks as ua
// does before ua's own files are on disk.

/**
 * The interface language: --lang-ui, else ui_lang in the config file, else LC_ALL, LC_MESSAGES,
 * LANG (the first that is set: "es_ES.UTF-8" is Spanish; "C" and "POSIX" are English), else
 * English. A language ua has no catalogue for is English too.
 */
export function chooseLanguage(
  argv: readonly string[],
  env: { readonly LC_ALL?: string; readonly LC_MESSAGES?: string; readonly LANG?: string },
  configText: string | undefined,
): string {
  const flag = argv.findIndex((arg) => arg === '--lang-ui' || arg.startsWith('--lang-ui='));
  const fromFlag = flag < 0 ? undefined : argv[flag]?.includes('=') ? argv[flag]?.split('=')[1] : argv[flag + 1];
  // The config file is read without its YAML parser: one line is all this needs, and --help must stay quick.
  const fromConfig = configText ? /^ui_lang:\s*["']?([A-Za-z]{2})["']?\s*(?:#.*)?$/m.exec(configText)?.[1] : undefined;
  const fromLocale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const chosen = fromFlag ?? fromConfig ?? (fromLocale && /^(C|POSIX)([._@].*)?$/.test(fromLocale) ? 'en' : fromLocale) ?? 'en';
  const code = chosen.toLowerCase().split(/[_.@-]/)[0] ?? 'en';
  return UI_LANGUAGES.includes(code) ? code : 'en';
}
