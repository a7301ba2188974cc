import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLetters } from '../../src/core/compose.js';
import { envelopeSheets, labelSheets, letterPdf } from '../../src/io/pdf.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';

const folder = () => mkdtempSync(join(tmpdir(), 'ua-pdf-'));
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
const qpdfCheck = (file: string) => execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });

const letters = (lang: string, sender: Parameters<typeof composeLetters>[0]['sender']) => {
  const action = ua105();
  return composeLetters({ action, lang, targets: action.targets, sender, today: TODAY_DAY, locale: locale(lang) });
};

describe('PDF letters', () => {
  it('writes valid PDFs whose text reads back, accents and all, each letter from a new page', async () => {
    const file = join(folder(), 'pack.pdf');
    const pdf = await letterPdf(file, 'a4', 'UA 105.22');
    for (const letter of letters('es', { name: 'Łukasz Wróbel', city: 'Kraków', country: 'Polska', about: '¿Zoë Müller? «Juliaca» Ærø' }))
      await pdf.add(letter);
    await pdf.end();
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    expect(pages(file)).toBe(2);
    const content = text(file);
    for (const words of [
      'Łukasz Wróbel',
      'Señora Presidenta:',
      'Excelentísimo Señor Embajador:',
      '¿Zoë Müller? «Juliaca» Ærø',
      'Kraków, 28 de noviembre de 2026',
    ])
      expect(content).toContain(words);
  });

  it('numbers the pages of a letter that runs long', async () => {
    const file = join(folder(), 'long.pdf');
    const pdf = await letterPdf(file, 'letter', 'long');
    const note = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1}: ${'a long personal thought about the case '.repeat(8)}`).join('\n\n');
    const [long] = letters('en', { name: 'Ana', city: 'Leeds', country: 'UK', note });
    if (long) await pdf.add(long);
    await pdf.end();
    const count = pages(file);
    expect(count).toBeGreaterThan(1);
    const footers = text(file).match(/Dina Ercilia Boluarte Zegarra — \d\/\d/g);
    expect(footers).toEqual(Array.from({ length: count }, (_, i) => `Dina Ercilia Boluarte Zegarra — ${i + 1}/${count}`));
  });

  it('an unsigned copy has no sender block and a line to sign on', async () => {
    const file = join(folder(), 'copy.pdf');
    const pdf = await letterPdf(file, 'a4', 'copy');
    const [copy] = letters('fr', null);
    if (copy) await pdf.add(copy);
    await pdf.end();
    const content = text(file);
    expect(content).toContain('Madame la Présidente,');
    expect(content).not.toContain('Je m’appelle');
    expect(content).not.toContain("Je m'appelle");
  });

  it('labels and envelopes carry the addresses', async () => {
    const dir = folder();
    const address = ['Oswaldo de Rivero', 'Embajada del Perú', '1700 Massachusetts Ave. NW', 'Washington DC 20036', 'USA'];
    const labels = await labelSheets(join(dir, 'labels.pdf'), 'a4');
    for (let i = 0; i < 22; i++) await labels.add(address);
    await labels.end();
    expect(pages(join(dir, 'labels.pdf'))).toBe(2);
    const envelopes = await envelopeSheets(join(dir, 'env.pdf'), 'a4');
    await envelopes.add({ to: address, from: ['Łukasz Wróbel', 'Kraków'] });
    await envelopes.end();
    expect(envelopes.count).toBe(1);
    for (const name of ['labels.pdf', 'env.pdf']) {
      expect(qpdfCheck(join(dir, name))).toContain('No syntax or stream encoding errors found');
      expect(text(join(dir, name))).toContain('1700 Massachusetts Ave. NW');
    }
  });
});
