import { describe, expect, it } from 'vitest';
import { composeLetters } from '../../src/core/compose.js';
import { fileNameFor, renderDocument, renderSingle, wrap } from '../../src/core/render.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';
import { t } from '../helpers/words.js';

const tricky = { name: "Seán O'Brien & <Co>", city: 'Leeds', country: 'UK', about: 'I love "quotes" & <tags>' };
const letters = () => {
  const action = ua105();
  return composeLetters({ t, action, lang: 'en', targets: action.targets, sender: tricky, today: TODAY_DAY, locale: locale('en') });
};

describe('escaping', () => {
  it('plain text and markdown are never HTML-escaped', () => {
    const text = renderDocument(letters(), 'text');
    expect(text).toContain("Seán O'Brien & <Co>");
    expect(text).not.toMatch(/&amp;|&#x27;|&lt;|&quot;/);
    expect(renderDocument(letters(), 'markdown')).toContain("Seán O'Brien & \\<Co\\>");
  });
  it('HTML always is', () => {
    const html = renderDocument(letters(), 'html');
    expect(html).toContain('Seán O&#x27;Brien &amp; &lt;Co&gt;');
    expect(html).toContain('I love &quot;quotes&quot; &amp; &lt;tags&gt;.');
    expect(html).not.toContain('<Co>');
  });
});

describe('layouts', () => {
  it('one HTML page holds every letter, each its own printed page, in its language', () => {
    const html = renderDocument(letters(), 'html');
    expect(html.match(/<article class="letter" lang="en">/g)).toHaveLength(2);
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/break-after: page/);
  });
  it('markdown keeps address lines as hard line breaks', () => {
    const md = renderSingle(letters()[1] ?? expect.fail(), 'markdown');
    expect(md).toContain('Oswaldo de Rivero\\\nAmbassador of Peru to the United States\\\nEmbassy of Peru');
  });
  it('JSON carries the parts and the whole text, unwrapped', () => {
    const [first] = JSON.parse(renderDocument(letters(), 'json'));
    expect(first).toMatchObject({ action_id: '105.22', lang: 'en', target_id: 'boluarte', to: ['dboluarte@presidencia.gob.pe'] });
    expect(first.text).toContain('I am writing to express my concern about the deaths of 18 people during protests in the city of Juliaca,');
  });
  it('names one file per letter by UA, target and language', () => {
    expect(letters().map((letter) => fileNameFor(letter, 'html'))).toEqual(['105.22-boluarte-en.html', '105.22-rivero-en.html']);
  });
});

describe('wrap', () => {
  it('wraps at the width, never breaking a word', () => {
    expect(wrap('aaa bbb ccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wrap('see https://example.org/a/very/long/path here', 10)).toBe('see\nhttps://example.org/a/very/long/path\nhere');
  });
});
