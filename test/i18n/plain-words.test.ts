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

describe('French quotes a command or a value with « », a non-breaking space inside each', () => {
  // Where the quotes are part of what is typed or read as is, they stay: a shell needs them
  // ("AU 105.22", --csv-sep ";"), or they are the very characters meant (a CSV cell's "", the
  // journal's JSON keys, YAML's ": ").
  const AS_TYPED = new Set([
    'cli.id',
    'cli.csvSep',
    'csv.badSeparator',
    'sheet.quoteNotClosed',
    'sheet.closingQuote',
    'yaml.code.BLOCK_AS_IMPLICIT_KEY',
    'journal.noTo',
    'journal.refusedNotList',
    'journal.addressesNotMapping',
    'journal.addressesUnknown',
    'journal.fieldNotText',
  ]);

  it('no "…" nor \'…\' around a command or a value, but where they are typed as they are', () => {
    const straight = texts('fr').filter(([key, text]) => !AS_TYPED.has(key) && (/"[^"]+"/.test(text) || /'\{\w+\}'/.test(text)));
    expect(straight).toEqual([]);
    expect(texts('fr').filter(([, text]) => text.includes('«')).length).toBeGreaterThan(60);
  });

  it('« and » hold their words with a non-breaking space', () => {
    const loose = texts('fr').filter(([, text]) => /«(?!\u00a0)|(?<!\u00a0)»/.test(text));
    expect(loose).toEqual([]);
  });

  it('a line broken at a terminal or in the help never leaves « or » alone', async () => {
    const { wrapTo } = await import('../../src/core/screen.js');
    const { Help } = await import('commander');
    const { helpInLanguage } = await import('../../src/cli-help.js');
    const { wordsIn } = await import('../helpers/words.js');
    const text = `${wordsIn('fr')('feed.changed', { feed: 'section' })} ${wordsIn('fr')('feed.addedHint')}`;
    const help = Object.assign(new Help(), helpInLanguage(wordsIn('fr')));
    // Commander wraps only from 40 columns on; every width up to the text's own is tried.
    for (let width = 8; width <= text.length; width++) {
      for (const lines of [wrapTo(text, width), ...(width >= 40 ? [help.boxWrap(text, width)] : [])]) {
        expect(
          lines.split('\n').filter((line) => /«$|^»/.test(line)),
          `${width} columns`,
        ).toEqual([]);
        expect(lines.match(/«\u00a0ua/g)?.length, `${width} columns`).toBe(2);
        expect(lines.match(/update\u00a0»/g)?.length, `${width} columns`).toBe(2);
      }
    }
  });
});

describe('Spanish writes no comma before "y" (or "e") in a list', () => {
  it('in no message', () => {
    expect(texts('es').filter(([, text]) => /, [ye] /.test(text))).toEqual([]);
  });

  it('nor in a list the code builds (the report to paste: officials, languages, days)', async () => {
    const { buildReport } = await import('../../src/core/report.js');
    const { authorsOf, reportSentence } = await import('../../src/core/report-authors.js');
    const { versionOneEntry } = await import('../helpers/journal.js');
    const { wordsIn } = await import('../helpers/words.js');
    const sent = (key: string, lang: string, at: string) =>
      versionOneEntry({ ua: '105.22', key, state: 'sent', target: key, target_name: `Cargo ${key}`, to: [`${key}@example.org`], lang, at });
    const [report] = buildReport([
      sent('a', 'es', '2026-11-26T10:00:00.000Z'),
      sent('b', 'en', '2026-11-27T10:00:00.000Z'),
      sent('c', 'fr', '2026-11-28T10:00:00.000Z'),
    ]);
    const [author] = authorsOf(report ?? expect.fail());
    const sentence = reportSentence(wordsIn('es'), '105.22', author ?? expect.fail(), (iso: string) => iso.slice(8, 10));
    expect(sentence).toBe('Acción Urgente 105.22: envié 3 correos electrónicos (en español, inglés y francés) a Cargo a, Cargo b y Cargo c, el 26, 27 y 28.');
  });
});
