import { describe, expect, it } from 'vitest';
import { checkCatalogues, readCatalogues } from '../../scripts/ui-catalogues.mjs';
import { chooseLanguage } from '../../src/core/ui-language.js';
import { UI } from '../helpers/paths.js';
import { t, wordsIn } from '../helpers/words.js';

describe('the catalogues the build checks', () => {
  it('every language has every message of English, with the same placeholders', () => {
    const catalogues = readCatalogues(UI);
    expect(Object.keys(catalogues)).toEqual(['en', 'es', 'fr']);
    expect(checkCatalogues(catalogues)).toEqual([]);
  });

  it('names a missing key, an extra one, other placeholders, a missing "other" and an empty message', () => {
    const en = { 'a.b': 'Wrote {count} letters to {file}.', 'a.c': { one: '{count} letter', other: '{count} letters' }, 'a.d': 'Hello' };
    const fr = { 'a.b': 'Écrit {count} lettres.', 'a.c': { one: '{count} lettre' }, 'a.e': 'Bonjour' };
    const es = { 'a.b': 'Escribí {count} cartas en {file}.', 'a.c': { one: '{count} carta', other: '{count} cartas' }, 'a.d': ' ' };
    expect(checkCatalogues({ en, es, fr })).toEqual([
      'templates/ui/es.yaml: a.d is empty',
      'templates/ui/fr.yaml: a.b has placeholders {count}, English has {count} {file}',
      'templates/ui/fr.yaml: a.c has no "other" form',
      'templates/ui/fr.yaml: a.d is missing',
      'templates/ui/fr.yaml: a.e is not in en.yaml',
    ]);
  });

  it('refuses a plural form the language never uses', () => {
    const en = { n: { one: '{count} letter', other: '{count} letters' } };
    expect(checkCatalogues({ en, es: { n: { one: '{count}', few: '{count}', other: '{count}' } } })).toEqual([
      'templates/ui/es.yaml: n has a form this language never uses (few)',
    ]);
  });
});

describe('the interface language', () => {
  it.each([
    [[], {}, undefined, 'en'],
    [[], { LANG: 'es_ES.UTF-8' }, undefined, 'es'],
    [[], { LANG: 'fr_CA.UTF-8' }, undefined, 'fr'],
    [[], { LANG: 'de_DE.UTF-8' }, undefined, 'en'],
    [[], { LANG: 'C' }, undefined, 'en'],
    [[], { LANG: 'POSIX' }, undefined, 'en'],
    [[], { LANG: 'C.UTF-8' }, undefined, 'en'],
    [[], { LC_ALL: 'fr_FR.UTF-8', LC_MESSAGES: 'es_ES.UTF-8', LANG: 'en_GB.UTF-8' }, undefined, 'fr'],
    [[], { LC_ALL: '', LC_MESSAGES: 'es_ES.UTF-8', LANG: 'fr_FR.UTF-8' }, undefined, 'es'],
    [[], { LANG: 'fr_FR.UTF-8' }, 'ui_lang: es\n', 'es'],
    [[], { LANG: 'fr_FR.UTF-8' }, 'smtp:\n  url: smtp://x\nui_lang: "es" # Spanish\n', 'es'],
    [['--lang-ui', 'en'], { LANG: 'fr_FR.UTF-8' }, 'ui_lang: es\n', 'en'],
    [['compose', '--lang-ui=fr'], { LANG: 'es_ES.UTF-8' }, undefined, 'fr'],
    [['--lang-ui', 'ES'], {}, undefined, 'es'],
    [['--lang-ui', 'xx'], { LANG: 'fr_FR.UTF-8' }, undefined, 'en'],
  ])('%j with %j and config %j → %s', (argv, env, config, expected) => {
    expect(chooseLanguage(argv, env, config)).toBe(expected);
  });

  it('fills placeholders and chooses the plural form the language needs', async () => {
    expect(t('compose.wrote', { count: 1, files: 'a.txt' })).toBe('Wrote 1 letter to a.txt.');
    expect(t('compose.wrote', { count: 2, files: 'a.txt' })).toBe('Wrote 2 letters to a.txt.');
    const fr = wordsIn('fr');
    // French counts 0 as singular: "0 lettre".
    expect(fr('compose.wrote', { count: 0, files: 'a.txt' })).toBe(fr('compose.wrote', { count: 1, files: 'a.txt' }).replace('1', '0'));
  });
});
