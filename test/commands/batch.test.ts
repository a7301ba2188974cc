import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfPages, pdfText, qpdfCheck } from '../helpers/pdf.js';
import { FIRST_NAMES, writeSignups } from '../helpers/signups.js';
import { fakeWorld, run } from '../helpers/world.js';

describe('ua batch: the sign-up sheet', () => {
  it('a bad row stops everything: exit 2, the row named, nothing written', async () => {
    const captured = fakeWorld();
    writeSignups(captured.world.cwd, { rows: 40, bad: [13] });
    const result = await run(['batch', '105.22', '--signers', 'signups.csv', '--out', 'letters/'], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('signups.csv:15: email: not an email address');
    expect(result.stderr).toContain('ua: signups.csv: 1 row with problems; nothing was produced');
    expect(readdirSync(captured.world.cwd)).toEqual(['signups.csv']);
  });

  it('lists every problem at once, with row numbers', async () => {
    const captured = fakeWorld();
    const file = join(captured.world.cwd, 'sheet.csv');
    writeFileSync(file, 'name,city,country,email,lang,targets,shoe size\r\nAna,Leeds,UK,,de,,42\r\n,York,UK,a@b.org,es,castillo,41\r\n');
    const result = await run(['batch', '105.22', '--signers', 'sheet.csv', '--out', 'x/'], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sheet.csv:1: shoe size: unknown column');
    expect(result.stderr).toContain('sheet.csv:2: lang: UA 105.22 has no letter in "de" (it has es, en, fr)');
    expect(result.stderr).toContain('sheet.csv:3: name: missing');
    expect(result.stderr).toContain('sheet.csv:3: targets: no target castillo in UA 105.22');
  });

  it('a row of bare separators, as LibreOffice and Excel save an empty row, is skipped', async () => {
    const captured = fakeWorld();
    const rows = (sep: string) =>
      [
        ['name', 'city', 'country', 'email', 'lang', 'targets'],
        ['Ana Pérez', 'Leeds', 'Reino Unido', 'ana@example.org', 'es', ''],
        [],
        ['Bo Li', 'York', 'UK', '', 'en', 'rivero'],
        [],
      ]
        .map((cells) => (cells.length > 0 ? cells : Array(6).fill('')).join(sep))
        .join('\r\n');
    writeFileSync(join(captured.world.cwd, 'comma.csv'), `${rows(',')}\r\n`);
    writeFileSync(join(captured.world.cwd, 'semicolon.csv'), `\ufeff${rows(';')}\r\n`);
    for (const sheet of ['comma.csv', 'semicolon.csv']) {
      const result = await run(
        ['batch', '105.22', '--signers', sheet, '--format', 'text', '--out', `${sheet}-letters/`],
        fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }),
      );
      expect(result.stderr, sheet).not.toContain('problems');
      expect(result.code, sheet).toBe(0);
      expect(readdirSync(join(captured.world.cwd, `${sheet}-letters`)).filter((f) => f.endsWith('.txt'))).toEqual([
        '0001-ana-perez-boluarte-es.txt',
        '0002-ana-perez-rivero-es.txt',
        '0003-bo-li-rivero-en.txt',
      ]);
    }
  });

  it('reads Excel\u2019s "Unicode text": UTF-16 LE with its mark, tab-separated, CRLF', async () => {
    const captured = fakeWorld();
    const text =
      'Name\tCity\tCountry\tEmail\tLanguage\tTargets\r\nŁukasz Wróbel\tKraków\tPolska\t\ten\trivero\r\nZoë Müller\tBern\tSchweiz\tzoe@example.org\tfr\t\r\n';
    writeFileSync(join(captured.world.cwd, 'signups.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const result = await run(['batch', '105.22', '--signers', 'signups.txt', '--format', 'text', '--out', 'letters/'], captured);
    expect(result.stderr).not.toContain('problems');
    expect(result.code).toBe(0);
    const folder = join(captured.world.cwd, 'letters');
    expect(readdirSync(folder).filter((f) => f.endsWith('.txt'))).toEqual([
      '0001-lukasz-wrobel-rivero-en.txt',
      '0002-zoe-muller-boluarte-fr.txt',
      '0003-zoe-muller-rivero-fr.txt',
    ]);
    expect(readFileSync(join(folder, '0001-lukasz-wrobel-rivero-en.txt'), 'utf8')).toContain('Łukasz Wróbel');
  });

  it('a row with more cells than the header is a problem of that row, named with its line, never cut to fit', async () => {
    const captured = fakeWorld();
    const cwd = captured.world.cwd;
    // "Pérez, Ana" without quotes: every cell after it moves one column right.
    writeFileSync(join(cwd, 'wide.csv'), 'name,city,country,email,lang,targets\r\nBo Li,York,UK,,en,\r\nPérez, Ana,Leeds,UK,ana@example.org,es,\r\n');
    const wide = await run(['batch', '105.22', '--signers', 'wide.csv', '--format', 'text', '--out', 'x/'], captured);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toContain('wide.csv:3: columns: 7 cells where the header has 6: a cell that holds the separator needs quotes around it');
    expect(existsSync(join(cwd, 'x'))).toBe(false);

    // A spreadsheet pads the header with an empty cell when a row reaches further right.
    writeFileSync(join(cwd, 'padded.csv'), 'name,city,country,email,lang,targets,\r\nBo Li,York,UK,,en,,\r\nAna,Leeds,UK,,es,,see me\r\n');
    const again = () => fakeWorld({ cwd, env: captured.world.env });
    const padded = await run(['batch', '105.22', '--signers', 'padded.csv', '--format', 'text', '--out', 'x/'], again());
    expect(padded.code).toBe(2);
    expect(padded.stderr).toContain('padded.csv:3: columns: "see me" is in column 7, which has no heading: name the column, or empty the cell');
    expect(padded.stderr).not.toContain('unknown column');

    const skipped = await run(['batch', '105.22', '--signers', 'padded.csv', '--format', 'text', '--out', 'x/', '--skip-invalid'], again());
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('Skipped 1 invalid row (--skip-invalid); 1 signer went ahead.');
    expect(readdirSync(join(cwd, 'x')).filter((f) => f.endsWith('.txt'))).toEqual(['0001-bo-li-boluarte-en.txt', '0002-bo-li-rivero-en.txt']);
  });

  it('reads YAML and JSON sheets too, with line numbers', async () => {
    const captured = fakeWorld();
    writeFileSync(
      join(captured.world.cwd, 'sheet.yaml'),
      '- name: Ana\n  city: Leeds\n  country: UK\n  lang: fr\n- name: Bo\n  city: York\n  country: UK\n  email: nope\n',
    );
    const bad = await run(['batch', '105.22', '--signers', 'sheet.yaml', '--out', 'x/'], captured);
    expect(bad.stderr).toContain('sheet.yaml:5: email: not an email address');
    writeFileSync(join(captured.world.cwd, 'sheet.json'), JSON.stringify([{ name: 'Ana', city: 'Leeds', country: 'UK', language: 'fr', targets: 'rivero' }]));
    const good = await run(
      ['batch', '105.22', '--signers', 'sheet.json', '--format', 'text', '--out', 'y/'],
      fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }),
    );
    expect(good.code).toBe(0);
    expect(readdirSync(join(captured.world.cwd, 'y')).filter((f) => f.endsWith('.txt'))).toEqual(['0001-ana-rivero-fr.txt']);
  });
});

describe('ua batch: the print pack', () => {
  it('with --skip-invalid: 39 signers, each letter in its language, a valid print pack, labels, envelopes, tally', async () => {
    const captured = fakeWorld();
    writeSignups(captured.world.cwd, { rows: 40, bad: [13] });
    const result = await run(['batch', '105.22', '--signers', 'signups.csv', '--out', 'letters/', '--skip-invalid'], captured);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Skipped 1 invalid row (--skip-invalid); 39 signers went ahead.');
    const folder = join(captured.world.cwd, 'letters');
    expect(readdirSync(folder).sort()).toEqual(['.ua-output', 'envelopes.pdf', 'labels.pdf', 'print-pack.pdf', 'tally.csv']);

    const textRun = await run(
      ['batch', '105.22', '--signers', 'signups.csv', '--format', 'text', '--out', 'txt/', '--skip-invalid'],
      fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }),
    );
    expect(textRun.code).toBe(0);
    const txt = join(captured.world.cwd, 'txt');
    expect(readdirSync(txt).filter((f) => f.endsWith('.txt'))).toHaveLength(78);
    expect(readFileSync(join(txt, '0001-ana-perez-1-boluarte-es.txt'), 'utf8')).toContain('Señora Presidenta:');
    expect(readFileSync(join(txt, '0003-lukasz-wrobel-2-boluarte-en.txt'), 'utf8')).toContain('Dear Madam President Dina Boluarte,');
    expect(readFileSync(join(txt, '0007-jose-nunez-4-boluarte-fr.txt'), 'utf8')).toContain('Madame la Présidente,');

    const pack = join(folder, 'print-pack.pdf');
    expect(qpdfCheck(pack)).toContain('No syntax or stream encoding errors found');
    expect(pdfPages(pack)).toBe(78);
    const text = pdfText(pack);
    for (let i = 0; i < 40; i++) {
      const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${i + 1}`;
      expect(text.includes(name), name).toBe(i !== 13);
    }
    for (const words of ['Señora Presidenta:', 'Excelentísimo Señor Embajador:', 'Madame la Présidente,', 'Łukasz Wróbel', 'Søren Ærø'])
      expect(text).toContain(words);
    // Each letter is one page, in the language of its signer: page 3 is signer 2's (English).
    expect(pdfText(pack, { first: 3, last: 3 })).toContain('Dear Madam President Dina Boluarte,');

    expect(pdfPages(join(folder, 'labels.pdf'))).toBe(4); // 78 labels, 21 a sheet
    expect(pdfPages(join(folder, 'envelopes.pdf'))).toBe(78);
    expect(readFileSync(join(folder, 'tally.csv'), 'utf8').split('\r\n')).toEqual([
      '\ufefftarget,name,lang,channel,letters',
      'boluarte,Dina Ercilia Boluarte Zegarra,es,post,24',
      'rivero,Oswaldo de Rivero,es,post,24',
      'boluarte,Dina Ercilia Boluarte Zegarra,en,post,8',
      'rivero,Oswaldo de Rivero,en,post,8',
      'boluarte,Dina Ercilia Boluarte Zegarra,fr,post,7',
      'rivero,Oswaldo de Rivero,fr,post,7',
      '',
    ]);
  });

  it('tally.csv’s headings speak the interface’s language (Spanish with --lang-ui es); its values stay ids', async () => {
    const captured = fakeWorld();
    writeSignups(captured.world.cwd, { rows: 2, languages: ['es'] });
    const result = await run(
      ['batch', '105.22', '--signers', 'signups.csv', '--copies', '1', '--format', 'text', '--out', 'cartas/', '--lang-ui', 'es'],
      captured,
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(captured.world.cwd, 'cartas', 'tally.csv'), 'utf8').split('\r\n')).toEqual([
      '\ufeffdestinatario,nombre,idioma,canal,cartas',
      'boluarte,Dina Ercilia Boluarte Zegarra,es,post,2',
      'rivero,Oswaldo de Rivero,es,post,2',
      'boluarte,Dina Ercilia Boluarte Zegarra,es,post (unsigned),1',
      '',
    ]);
  });

  it('--copies 5 --lang es,en: 10 unsigned letters, space to sign and for the name and address, no sender details', async () => {
    const captured = fakeWorld();
    const result = await run(['batch', '105.22', '--copies', '5', '--lang', 'es,en', '--format', 'text', '--out', 'walk-ins/'], captured);
    expect(result.code).toBe(0);
    const folder = join(captured.world.cwd, 'walk-ins');
    const letters = readdirSync(folder).filter((f) => f.endsWith('.txt'));
    expect(letters).toHaveLength(10);
    expect(letters.filter((f) => f.endsWith('-es.txt'))).toHaveLength(5);
    for (const file of letters) {
      const text = readFileSync(join(folder, file), 'utf8');
      // A line to sign on, one for the name, two for the address, each captioned in the letter's language.
      expect(text).toMatch(/\n_{20,}\n\((firma|signature)\)\n\n_{20,}\n\((nombre|name)[^)]*\)\n\n_{20,}\n\n_{20,}\n\((dirección postal|postal address)\)\n$/);
      expect(text).not.toMatch(/Mi nombre es|My name is/);
      expect(text.split('\n')[0]).toMatch(/^\d{1,2} (de )?[a-zA-Z]+ (de )?\d{4}$/); // the date comes first: no sender block
    }
    const pack = await run(
      ['batch', '105.22', '--copies', '5', '--lang', 'es,en', '--out', 'pack/'],
      fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }),
    );
    expect(pack.code).toBe(0);
    expect(pdfPages(join(captured.world.cwd, 'pack', 'print-pack.pdf'))).toBe(10);
    expect(pdfText(join(captured.world.cwd, 'pack', 'print-pack.pdf'))).not.toMatch(/Mi nombre es|My name is/);
    expect(pdfText(join(captured.world.cwd, 'pack', 'print-pack.pdf')).match(/\(name, in capitals\)|\(nombre y apellidos, en mayúsculas\)/g)).toHaveLength(10);
  });

  it('never overwrites without --force; the folder is untouched', async () => {
    const captured = fakeWorld();
    const argv = ['batch', '105.22', '--copies', '1', '--out', 'out/'];
    expect((await run(argv, captured)).code).toBe(0);
    writeFileSync(join(captured.world.cwd, 'out', 'tally.csv'), 'mine');
    const again = await run(argv, fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('ua: out/ already exists and is not empty; nothing was written');
    expect(readFileSync(join(captured.world.cwd, 'out', 'tally.csv'), 'utf8')).toBe('mine');
    expect(readdirSync(captured.world.cwd).filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await run([...argv, '--force'], fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }))).code).toBe(0);
  });

  it('--paper letter: the pack on US letter paper; --no-labels leaves the labels out', async () => {
    const captured = fakeWorld();
    writeSignups(captured.world.cwd, { rows: 2 });
    const result = await run(['batch', '105.22', '--signers', 'signups.csv', '--paper', 'letter', '--out', 'pdfs/', '--no-labels'], captured);
    expect(result.code).toBe(0);
    const folder = join(captured.world.cwd, 'pdfs');
    expect(readdirSync(folder).sort()).toEqual(['.ua-output', 'envelopes.pdf', 'print-pack.pdf', 'tally.csv']);
    expect(pdfPages(join(folder, 'print-pack.pdf'))).toBe(4);
    expect(pdfInfo(join(folder, 'print-pack.pdf'))).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expect(existsSync(join(folder, 'labels.pdf'))).toBe(false);
  });

  it('refuses what it cannot do', async () => {
    expect((await run(['batch', '105.22', '--out', 'x/'], fakeWorld())).stderr).toContain('nothing to write: give --signers <file>, --copies <n>, or both');
    expect((await run(['batch', '105.22', '--copies', '2'], fakeWorld())).stderr).toContain('--out <folder> is needed');
    expect((await run(['batch', '105.22', '--copies', 'many', '--out', 'x/'], fakeWorld())).code).toBe(2);
    expect((await run(['batch', '105.22', '--copies', '1', '--lang', 'de', '--out', 'x/'], fakeWorld())).stderr).toContain('UA 105.22 has no letter in "de"');
    expect((await run(['batch', '105.22', '--signers', 'nope.csv', '--out', 'x/'], fakeWorld())).stderr).toContain('--signers nope.csv: no such file');
  });
});
