import { chooseLanguage } from '../core/ui-language.js';
import type { Env } from '../world.js';
import { configHead } from './config-file.js';

/** The interface language for a run with these arguments and this environment (see core/ui-language.ts). */
export function languageFor(argv: readonly string[], env: Env): string {
  return chooseLanguage(argv, env, configHead(env));
}
