import { describe, expect, it } from 'vitest';
import { type Catalogue, readCatalogues } from '../../scripts/ui-catalogues.mjs';
import { UI } from '../helpers/paths.js';

// What new users in Spanish and French tripped on (issue 20 §6), checked on every message of the
// catalogues, so that a message added later is held to the same words.

const CATALOGUES = readCatalogues(UI);

/** Every text of a language's catalogue (each plural form on its own), with its key. */
function texts(lang: string): [key: string, text: string][] {
  const catalogue = CATALOGUES[lang] as Catalogue;
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[key, value] as [string, string]] : Object.values(value).map((text) => [key, text] as [string, string]),
  );
}

describe('Spanish and French write "AU" (Acción Urgente, Action urgente), as Amnesty does', () => {
  it.each(['es', 'fr'])('%s: no "UA" in a message, but in the names of environment variables (UA_DEBUG)', (lang) => {
    expect(texts(lang).filter(([, text]) => /(?<!\w)UA(?![\w])/.test(text))).toEqual([]);
    expect(texts(lang).filter(([, text]) => /(?<!\w)AU(?!\w)/.test(text)).length).toBeGreaterThan(50);
  });
});
