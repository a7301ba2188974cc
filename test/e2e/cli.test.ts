import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenCopy } from '../helpers/broken.js';
import { tempHome, ua } from '../helpers/spawn.js';

const SENDER = (country: string) => ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', country];

describe('ua, run as a process', () => {
  it.each([
    ['es', 'Reino Unido', ['Señora Presidenta:', 'Excelentísimo Señor Embajador:'], /Leeds, \d{1,2} de [a-z]+ de \d{4}/],
    ['en', 'United Kingdom', ['Dear Madam President Dina Boluarte,', 'Dear Ambassador de Rivero,'], /\n\d{1,2} [A-Z][a-z]+ \d{4}\n/],
    ['fr', 'Royaume-Uni', ['Madame la Présidente,', "Monsieur l'Ambassadeur,"], /Leeds, le (1er|\d{1,2}) [a-zéû]+ \d{4}/],
  ])('compose --no-interactive --lang %s prints both letters; the deadline note only on stderr', (lang, country, salutations, dateline) => {
    const result = ua(['compose', '105.22', '--no-interactive', '--lang', lang, ...SENDER(country)]);
    expect(result.code).toBe(0);
    for (const salutation of salutations) expect(result.stdout).toContain(`\n${salutation}\n`);
    expect(result.stdout).toMatch(dateline);
    expect(result.stdout).toMatch(new RegExp(`^Ana Pérez\nLeeds\n${country}\n`));
    expect(result.stdout).not.toMatch(/deadline|Note:/);
    expect(result.stderr).toMatch(/deadline of UA 105\.22 passed on 7 March 2023/);
  });

  it('--target boluarte gives one letter', () => {
    const result = ua(['compose', '105.22', '--no-interactive', '--lang', 'es', '--target', 'boluarte', ...SENDER('Reino Unido')]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Atentamente,/g)).toHaveLength(1);
    expect(result.stdout).not.toContain('Embajador');
  });

  it('without a terminal and without a name: exit 2 at once, naming the missing flags', () => {
    const result = ua(['compose', '105.22']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('ua: missing --name, --city, --country (there is no terminal to ask on)');
    expect(result.stderr).not.toMatch(/\x1b\[|\?/); // no prompt was drawn
  });

  it('--format html --out letters/ writes pages; again refuses and changes nothing; --force overwrites', () => {
    const { dir, env } = tempHome();
    const argv = ['compose', '105.22', '--no-interactive', ...SENDER('Reino Unido'), '--format', 'html', '--out', 'letters/'];
    expect(ua(argv, { cwd: dir, env }).code).toBe(0);
    const folder = join(dir, 'letters');
    const files = readdirSync(folder).sort();
    expect(files).toEqual(['105.22-boluarte-es.html', '105.22-rivero-es.html']);
    const page = readFileSync(join(folder, files[0] as string), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<article class="letter" lang="es">');
    expect(page).toContain('Señora Presidenta:');

    const before = files.map((name) => statSync(join(folder, name)).mtimeMs);
    const again = ua(argv, { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist.*nothing was written\n {2}Use --force to overwrite/);
    expect(files.map((name) => statSync(join(folder, name)).mtimeMs)).toEqual(before);

    writeFileSync(join(folder, files[0] as string), 'stale');
    expect(ua([...argv, '--force'], { cwd: dir, env }).code).toBe(0);
    expect(readFileSync(join(folder, files[0] as string), 'utf8')).toContain('Señora Presidenta:');
  });

  it('--answers - reads the answers from stdin', () => {
    const result = ua(['compose', '105.22', '--answers', '-', '--format', 'json'], {
      input: '{"name": "Ana", "city": "Lima", "country": "Perú", "lang": "es", "targets": ["rivero"]}',
    });
    expect(result.code).toBe(0);
    const letters = JSON.parse(result.stdout);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ target_id: 'rivero', lang: 'es', salutation: 'Excelentísimo Señor Embajador:' });
  });

  it('validate on a broken copy: exit 2 with file, line, column and path', () => {
    const file = brokenCopy('      - "202 833 9860"', '      - 2028339860');
    const result = ua(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:77:9: targets[1].phone[0]: must be a string (quote it: YAML reads it as a number)`);
  });

  it('list, show and validate succeed on the bundled UA', () => {
    expect(ua(['list', '--all']).stdout).toMatch(/105\.22 +18 killed during protests +Peru +expired on 7 March 2023/);
    expect(ua(['show', '105.22']).stdout).toContain('Contact form: https://bit.ly/2IoKk6P');
    expect(ua(['validate']).code).toBe(0);
  });
});
