import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_UA } from '../helpers/broken.js';
import { homeJournalPath, journalEntries } from '../helpers/journal.js';
import { pdfPages, pdfText, pdfWordBoxes, qpdfCheck } from '../helpers/pdf.js';
import { fakeWorld, run } from '../helpers/world.js';

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'United Kingdom', '--email', 'ana@example.org'];
const mm = (value: number) => (value * 72) / 25.4;

/** The cover's words and the letter's first words, in each letter language (the clock is 28 November 2026). */
const COVERS = {
  en: {
    heading: 'FAX',
    to: 'To',
    from: 'From',
    pages: 'Pages (this one included)',
    date: '28 November 2026',
    reference: 'Urgent Action 105.22: end the unlawful use of force',
    salutation: 'Dear Ambassador de Rivero,',
    organisation: 'Embassy of Peru',
  },
  es: {
    heading: 'FAX',
    to: 'Para',
    from: 'De',
    pages: 'Páginas (incluida esta)',
    date: '28 de noviembre de 2026',
    reference: 'Acción Urgente 105.22: poner fin al uso ilegítimo',
    salutation: 'Excelentísimo Señor Embajador:',
    organisation: 'Embajada del Perú',
  },
  fr: {
    heading: 'TÉLÉCOPIE',
    to: 'Destinataire',
    from: 'Expéditeur',
    pages: 'Pages (celle-ci comprise)',
    date: '28 novembre 2026',
    reference: 'Action urgente 105.22 : mettre fin au recours illégal',
    salutation: "Monsieur l'Ambassadeur,",
    organisation: 'Ambassade du Pérou',
  },
} as const;

describe('compose --format fax', () => {
  for (const [lang, words] of Object.entries(COVERS)) {
    it(`writes a cover page and the letter in ${lang}, for the target with a fax only`, async () => {
      const captured = fakeWorld();
      const result = await run(['compose', '105.22', ...SENDER, '--lang', lang, '--format', 'fax', '--out', 'fax.pdf'], captured);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('Dina Ercilia Boluarte Zegarra has no fax number that can be dialled: no fax for them');
      const file = join(captured.world.cwd, 'fax.pdf');
      expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
      expect(pdfPages(file)).toBe(2);
      const cover = pdfText(file, { first: 1, last: 1 }).replace(/\s+/g, ' ');
      for (const expected of [words.heading, words.to, words.from, words.pages, words.date, words.reference, words.organisation])
        expect(cover).toContain(expected.replace(/\s+/g, ' '));
      expect(cover).toContain('Oswaldo de Rivero');
      expect(cover).toContain('+1 202 659 8124');
      expect(cover).toContain('Ana Pérez · Leeds · ana@example.org');
      // The page count the cover gives is the file's own, cover included.
      expect(cover).toMatch(new RegExp(`${words.pages.replace(/[()]/g, '\\$&')} 2 `));
      const letter = pdfText(file, { first: 2, last: 2 });
      expect(letter).toContain(words.salutation);
      expect(letter).not.toContain('Señora Presidenta');
      // Each page says which it is, for a receiver who counts them.
      expect(cover).toContain('— 1/2');
      expect(letter).toContain('— 2/2');
    });
  }

  it('keeps every word 15 mm from the edges, at 11 pt or more, in black only', async () => {
    const captured = fakeWorld();
    expect((await run(['compose', '105.22', ...SENDER, '--lang', 'es', '--format', 'fax', '--out', 'fax.pdf'], captured)).code).toBe(0);
    const file = join(captured.world.cwd, 'fax.pdf');
    const boxes = pdfWordBoxes(file);
    const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(boxes);
    const [width, height] = [Number(page?.[1]), Number(page?.[2])];
    const words = [...boxes.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((m) => m.slice(1, 5).map(Number));
    expect(words.length).toBeGreaterThan(200);
    for (const [xMin, yMin, xMax, yMax] of words as [number, number, number, number][]) {
      expect(xMin).toBeGreaterThanOrEqual(mm(15));
      expect(yMin).toBeGreaterThanOrEqual(mm(15));
      expect(xMax).toBeLessThanOrEqual(width - mm(15));
      expect(yMax).toBeLessThanOrEqual(height - mm(15));
      // A word's box is its font's full height: about 1.16 × the size for DejaVu.
      expect(yMax - yMin).toBeGreaterThanOrEqual(11);
    }
    // Uncompressed, the pages set no colour but black (pdfkit's default), nor any grey.
    const plain = join(captured.world.cwd, 'plain.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, plain]);
    const colours = readFileSync(plain, 'latin1')
      .split('\n')
      .filter((line) => /^[\d. ]+ (rg|RG|k|K|g|G|sc|SC|scn|SCN)$/.test(line));
    expect(colours.filter((line) => /[1-9]/.test(line.replace(/ \w+$/, '')))).toEqual([]);
  });

  it('journals the fax as prepared, to the number it is for', async () => {
    const captured = fakeWorld();
    expect((await run(['compose', '105.22', ...SENDER, '--format', 'fax', '--out', 'faxes/'], captured)).code).toBe(0);
    expect(readdirSync(join(captured.world.cwd, 'faxes'))).toEqual(['105.22-rivero-es.pdf']);
    const [entry] = journalEntries(homeJournalPath(captured.world.cwd));
    expect(entry).toMatchObject({ channel: 'fax', state: 'prepared', target: 'rivero', to: ['+12026598124'], sender: 'Ana Pérez' });
    expect(entry?.key).toMatch(/:fax:file$/);
  });

  it('refuses when no chosen target has a fax, and without --out: exit 2, nothing written', async () => {
    const captured = fakeWorld();
    const none = await run(['compose', '105.22', ...SENDER, '--target', 'boluarte', '--format', 'fax', '--out', 'fax.pdf'], captured);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('ua: none of the chosen targets of UA 105.22 has a fax number that can be dialled');
    expect(readdirSync(captured.world.cwd).filter((name) => name.endsWith('.pdf'))).toEqual([]);
    const noOut = await run(['compose', '105.22', ...SENDER, '--format', 'fax'], fakeWorld());
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--format fax writes a file: add --out fax.pdf');
  });
});

describe('compose --format fax to two targets with a fax', () => {
  it('needs a folder: one fax a file', async () => {
    const captured = fakeWorld();
    const dir = join(captured.world.cwd, 'uas');
    mkdirSync(dir);
    const text = readFileSync(REAL_UA, 'utf8').replace('    timezone: America/Lima\n', '    timezone: America/Lima\n    fax:\n      - "01 311 3900"\n');
    writeFileSync(join(dir, '105.22.yaml'), text);
    const file = await run(['--actions-dir', dir, 'compose', '105.22', ...SENDER, '--format', 'fax', '--out', 'fax.pdf'], captured);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('ua: each fax needs a file of its own, and these targets each have one: boluarte, rivero\n  Give a folder: --out faxes/');
    const folder = await run(
      ['--actions-dir', dir, 'compose', '105.22', ...SENDER, '--format', 'fax', '--out', 'faxes/'],
      fakeWorld({ cwd: captured.world.cwd }),
    );
    expect(folder.code).toBe(0);
    expect(readdirSync(join(captured.world.cwd, 'faxes')).sort()).toEqual(['105.22-boluarte-es.pdf', '105.22-rivero-es.pdf']);
    expect(pdfText(join(captured.world.cwd, 'faxes', '105.22-boluarte-es.pdf'), { first: 1, last: 1 })).toContain('+51 1 3113900');
  });
});

describe('batch --format fax', () => {
  it('writes one fax a letter, signed or not, with a tally; journals them as faxes', async () => {
    const captured = fakeWorld();
    const sheet = 'name,city,country,email,lang\nAna Pérez,Leeds,United Kingdom,ana@example.org,es\nJean Roy,Lyon,France,,fr\n';
    writeFileSync(join(captured.world.cwd, 's.csv'), sheet);
    const result = await run(['batch', '105.22', '--signers', 's.csv', '--copies', '1', '--lang', 'en', '--format', 'fax', '--out', 'faxes/'], captured);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Dina Ercilia Boluarte Zegarra has no fax number that can be dialled');
    const folder = join(captured.world.cwd, 'faxes');
    expect(
      readdirSync(folder)
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['0001-ana-perez-rivero-es.pdf', '0002-jean-roy-rivero-fr.pdf', '0003-unsigned-rivero-en.pdf', 'tally.csv']);
    const jean = join(folder, '0002-jean-roy-rivero-fr.pdf');
    expect(qpdfCheck(jean)).toContain('No syntax or stream encoding errors found');
    expect(pdfPages(jean)).toBe(2);
    const cover = pdfText(jean, { first: 1, last: 1 }).replace(/\s+/g, ' ');
    expect(cover).toContain('TÉLÉCOPIE');
    expect(cover).toContain('Jean Roy · Lyon');
    expect(readFileSync(join(folder, 'tally.csv'), 'utf8')).toContain('fax (unsigned)');
    const entries = journalEntries(homeJournalPath(captured.world.cwd));
    expect(entries.map((entry) => entry.channel)).toEqual(['fax', 'fax', 'fax']);
    expect(entries.every((entry) => entry.to?.[0] === '+12026598124')).toBe(true);
  });
});
