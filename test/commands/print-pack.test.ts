import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfLayoutText } from '../helpers/pdf.js';
import { writePrintSheet } from '../helpers/print-sheet.js';
import { fakeWorld, run } from '../helpers/world.js';

// The print pack as it was set before letters were laid out once and replayed: every word on
// the same line, every page break in the same place (pdftotext -layout keeps both).
describe('ua batch: the print pack reads as it always did', () => {
  it('18 signers in three languages and two unsigned copies: the pack, labels and envelopes, word for word', async () => {
    const captured = fakeWorld();
    writePrintSheet(captured.world.cwd, 18);
    const result = await run(['batch', '105.22', '--signers', 'signups.csv', '--copies', '1', '--lang', 'es,fr', '--out', 'pack/'], captured);
    expect(result.code, result.stderr).toBe(0);
    const folder = join(captured.world.cwd, 'pack');
    for (const name of ['print-pack', 'labels', 'envelopes'])
      await expect(pdfLayoutText(join(folder, `${name}.pdf`))).toMatchFileSnapshot(`../fixtures/print/${name}.txt`);
    // Among them: a note that runs over a page (its letter numbered 1/2, 2/2, the closing and
    // the signature together on the second page), and a short personal note.
    const pages = pdfLayoutText(join(folder, 'print-pack.pdf')).split('\f');
    const over = pages.findIndex((page) => page.includes('Dina Ercilia Boluarte Zegarra — 1/2'));
    expect(pages[over]).toContain('1. Une pensée personnelle');
    expect(pages[over + 1]).toMatch(/9\. Une pensée personnelle[\s\S]*Je vous prie d'agréer[\s\S]*Zoë Müller 12[\s\S]*— 2\/2/);
    expect(pages.filter((page) => page.includes('I have followed this case since the first reports')).length).toBeGreaterThan(2);
    rmSync(captured.world.cwd, { recursive: true, force: true });
  });
});
