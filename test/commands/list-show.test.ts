import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenCopy, realText, writeCopy } from '../helpers/broken.js';
import { fakeWorld, run, TODAY } from '../helpers/world.js';

describe('list', () => {
  it('shows the UAs still open; --all adds the expired ones, with where each comes from', async () => {
    const open = await run(['list'], fakeWorld());
    expect(open.code).toBe(0);
    expect(open.stdout).toBe('');
    expect(open.stderr).toContain('No UA is open to act on; "ua list --all" shows the 1 whose deadline has passed.');
    const all = await run(['list', '--all'], fakeWorld());
    expect(all.stdout).toMatch(
      /^ID +TITLE +COUNTRY +DEADLINE +LANGUAGES +SOURCE\n105\.22 +18 killed during protests +Peru +expired on 7 March 2023 +es\* en fr +bundled\n$/,
    );
  });

  it('--country keeps the UAs of that country, named in any language or by its code', async () => {
    for (const country of ['Peru', 'Perú', 'pérou', 'PE']) {
      const rows = JSON.parse((await run(['list', '--all', '--country', country, '--json'], fakeWorld())).stdout);
      expect(
        rows.map((row: { id: string }) => row.id),
        country,
      ).toEqual(['105.22']);
    }
    const none = await run(['list', '--all', '--country', 'Chile'], fakeWorld());
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toContain('No UA for Chile.');
  });

  it('marks the UAs that are new since the last ua list', async () => {
    const open = writeCopy(realText().replace('id: "105.22"', 'id: "200.26"').replace('deadline: 2023-03-07', 'deadline: 2026-12-10'), '200.26.yaml');
    const dir = join(open, '..');
    const world = fakeWorld();
    expect((await run(['list', '--all'], world)).stdout).not.toContain('(new)');
    const again = fakeWorld({ env: world.world.env });
    const later = await run(['--actions-dir', dir, 'list', '--all'], again);
    expect(later.stdout).toMatch(/200\.26 \(new\)/);
    expect(later.stdout).not.toMatch(/105\.22 \(new\)/);
  });

  it('counts the days left of an open UA from --actions-dir, and skips a broken file with a warning', async () => {
    const open = writeCopy(realText().replace('id: "105.22"', 'id: "200.26"').replace('deadline: 2023-03-07', 'deadline: 2026-12-10'), '200.26.yaml');
    const dir = join(open, '..');
    writeFileSync(join(dir, 'broken.yaml'), 'id: [\n');
    const result = await run(['--actions-dir', dir, 'list', '--all', '--json'], fakeWorld());
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout);
    expect(rows.map((row: { id: string; days_left: number | null; source: { kind: string } }) => [row.id, row.days_left, row.source.kind])).toEqual([
      ['200.26', 12, 'flag'],
      ['105.22', null, 'bundled'],
    ]);
    expect(result.stderr).toMatch(/warning: skipped .*broken\.yaml \(1 problem; run "ua validate/);
  });
});

describe('show', () => {
  it('shows every fact of the document', async () => {
    const { stdout, code } = await run(['show', '105.22'], fakeWorld());
    expect(code).toBe(0);
    for (const fact of [
      'Deadline: expired on 7 March 2023',
      'Please check with the Amnesty office in your country',
      'About: Protesters in Peru (they/them)',
      'Languages: es (preferred), en, fr — you can also write in your own language',
      'On 9 January, 18 people were killed during protests',
      'You can also email, fax, call or Tweet',
      'Dina Ercilia Boluarte Zegarra',
      'Jr. De la Unión S/N, cuadra uno, Lima – Lima 15001, Perú',
      'Email: dboluarte@presidencia.gob.pe',
      'Oswaldo de Rivero',
      'Organisation: Embassy of Peru',
      '1700 Massachusetts Ave. NW, Washington DC 20036',
      // As dialled from abroad: the embassy's country is its address's last line.
      'Phone: +1 202 833 9860',
      'Fax: +1 202 659 8124',
      `Time there: ${new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(TODAY)} (America/New_York)`,
      'Email: digitaldiplomacy@embassyofperu.us',
      'Twitter: @PeruInTheUSA',
      'Instagram: @peruintheusa',
      'Contact form: https://bit.ly/2IoKk6P',
      'Salutation (es): Señora Presidenta:',
      'Peru has been immersed in a prolonged political crisis',
      'State security forces should also prioritize the peaceful resolution',
      'Previous UA: Peru: Protesters killed and injured in violent crackdown - Amnesty International',
      'It’s important to report',
    ]) {
      expect(stdout.replace(/\n\s+/g, ' ')).toContain(fact);
    }
  });

  it('--lang shows titles and salutations in that language; --json the data', async () => {
    const text = await run(['show', '105.22', '--lang', 'fr'], fakeWorld());
    expect(text.stdout).toContain('Title: Présidente de la République du Pérou');
    expect(text.stdout).not.toContain('Salutation (es)');
    const json = JSON.parse((await run(['show', '105/22', '--json'], fakeWorld())).stdout);
    expect(json).toMatchObject({ id: '105.22', open: false, languages: { preferred: 'es' } });
    expect(json.targets[1].phone).toEqual(['202 833 9860']);
  });

  it('refuses an invalid UA file with every problem', async () => {
    const file = brokenCopy('digitaldiplomacy@embassyofperu.us', 'nobody');
    const result = await run(['--actions-dir', join(file, '..'), 'show', '105.22'], fakeWorld());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/105\.22\.yaml:75:9: targets\[1\]\.email\[0\]: "nobody": not an email address\nua: .*is not a valid UA file \(1 problem\)/);
  });
});

describe('validate', () => {
  it('passes the bundled UAs', async () => {
    const result = await run(['validate'], fakeWorld());
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/ok {2}.*actions\/105\.22\.yaml/);
  });

  it('reports every problem of every file named, exit 2', async () => {
    const first = brokenCopy('id: "105.22"', 'id: 105.22');
    const second = brokenCopy('    email:\n      - dboluarte@presidencia.gob.pe', '    email:\n      - "Dina <dboluarte@presidencia.gob.pe>"');
    const captured = fakeWorld();
    const result = await run(['validate', first, second], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${first}:3:5: id: must be a string (quote it: YAML reads it as a number)`);
    expect(result.stderr).toContain(`${second}:54:9: targets[0].email[0]: "Dina <dboluarte@presidencia.gob.pe>": not an email address`);
    expect(result.stderr).toContain('ua: 2 of 2 UA files have problems');
  });

  it('shows paths relative to where the user is', async () => {
    const file = brokenCopy('id: "105.22"', 'id: 105.22');
    const captured = fakeWorld({ cwd: join(file, '..') });
    const result = await run(['validate', '.'], captured);
    expect(result.stderr).toMatch(/^105\.22\.yaml:3:5: id: /m);
  });
});
