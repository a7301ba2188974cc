import { join } from 'node:path';

/** The repository's root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** UA files made for the tests (901.26: a minister with two addresses, a governor without one…), for --actions-dir. */
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'actions');

/** The documents `ua import` is tested on (UA texts in several languages and layouts), and what it should make of them. */
export const DOCUMENTS = join(ROOT, 'test', 'fixtures', 'documents');

/** The interface's catalogues, one folder a language. */
export const UI = join(ROOT, 'templates', 'ui');

/** UA 105.22 as Amnesty publishes it, in text: what `ua import` reads. */
export const SEED = join(ROOT, 'test', 'fixtures', 'seeds', 'ua-105.22.txt');
