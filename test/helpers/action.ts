import type { Action } from '../../src/core/action.js';
import { loadActionFile, loadLayouts, loadLocale } from '../../src/io/repository.js';
import { REAL_UA } from './broken.js';

export const ua105 = (): Action => loadActionFile(REAL_UA).action;
export const layouts = loadLayouts();
export const locale = (lang: string) => loadLocale(lang);
export const TODAY_DAY = { year: 2026, month: 11, day: 28 };
