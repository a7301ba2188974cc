import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { extractAction } from '../../src/core/import/extract.js';
import { documentText } from '../../src/io/document-text.js';
import { DOCUMENTS } from '../helpers/paths.js';
import { expectedFacts, expectShape } from '../helpers/ua-shapes.js';
import { t } from '../helpers/words.js';

const stdin = new PassThrough();
const pageText = (name: string) => documentText(t, join(DOCUMENTS, name), stdin);

describe('a web page is read by its structure first', () => {
  it('the main content only: no menu, cookie banner, footer or script reaches the extractors', async () => {
    const text = await pageText('web-nav.html');
    expect(text).toContain('Journalist held incommunicado in Venezuela');
    for (const chrome of [
      'Home | Donate',
      'cookies',
      'Accept',
      'supporters@section.example',
      'web@section.example',
      'spy@tracker.example',
      'Minister of Everything',
      'Privacy',
      'Related',
    ])
      expect(text, chrome).not.toContain(chrome);
  });

  it('the made-up page with site navigation, a cookie banner and a footer: title, country, background, subjects and the rest right', async () => {
    const { data } = extractAction(t, await pageText('web-nav.html'));
    expectShape(data, expectedFacts('web-nav'));
  });

  it.each([
    [
      'no <main>: the body without its chrome; og:title names the case when no heading does',
      '<html><head><meta property="og:title" content="Editor &amp; writer detained"><title>Home | Donate</title></head><body><nav><h1>Home | Donate</h1></nav><div><p>UA 12.24</p><p>The editor was detained on 2 May 2024 in Caracas, Venezuela, after he published a report.</p></div><footer>Email: f@section.example</footer></body></html>',
      ['Editor & writer detained', 'UA 12.24'],
      ['Home | Donate', 'f@section.example'],
    ],
    [
      'an og:title that is itself a menu is not used',
      '<html><head><meta property="og:title" content="Home | Donate"></head><body><main><h1>Land defender threatened</h1></main></body></html>',
      ['Land defender threatened'],
      ['Home | Donate'],
    ],
  ])('%s', async (_name, html, kept, dropped) => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-page-'));
    try {
      writeFileSync(join(dir, 'page.html'), html);
      const text = await documentText(t, join(dir, 'page.html'), stdin);
      for (const words of kept) expect(text).toContain(words);
      for (const words of dropped) expect(text).not.toContain(words);
      if (kept[0]) expect(text.trim().startsWith(kept[0])).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
