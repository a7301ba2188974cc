import { readFileSync } from 'node:fs';
import type { Action } from '../../src/core/action.js';
import { checkActionText } from '../../src/core/validate-action.js';
import { loadLocale, localeCodes } from '../../src/io/repository.js';
import { REAL_UA } from './broken.js';
import { t } from './words.js';

export const ua105 = (): Action => checkActionText(t, readFileSync(REAL_UA, 'utf8'), REAL_UA, localeCodes()).action ?? (undefined as never);
export const locale = (lang: string) => loadLocale(t, lang);
export const TODAY_DAY = { year: 2026, month: 11, day: 28 };
