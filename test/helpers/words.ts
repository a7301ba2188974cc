import { type Translate, translator } from '../../src/core/i18n.js';
import { catalogueReader } from '../../src/io/catalogues.js';

/** The interface's words in a language, as a run speaks them: tests that call the code directly pass these. */
export function wordsIn(lang: string): Translate {
  return translator(catalogueReader(lang));
}

/** English, the words most tests read. */
export const t = wordsIn('en');
