import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { SPAWN_LIMIT_MS, tempHome, uaAsync } from '../helpers/spawn.js';

const NAMES = ["Zoë O'Brien", '=Ana', 'Łukasz Wróbel', '陳美玲'];
const EMBASSY = 'digitaldiplomacy@embassyofperu.us';

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

/** LibreOffice's export filters: CSV with ";" in UTF-8 (76), and "Unicode text": tabs (9) in UTF-16 (65535). */
const SAVE_AS = { csv: 'csv:Text - txt - csv (StarCalc):59,34,76,1', unicodeText: 'txt:Text - txt - csv (StarCalc):9,34,65535,1' } as const;

/**
 * A CSV through a real spreadsheet, as an organiser in Spain would: LibreOffice opens it with
 * ";" and UTF-8 and saves it as .xlsx, then the .xlsx is saved back as CSV (or `saveAs`).
 */
function throughSpreadsheet(csv: string, saveAs: keyof typeof SAVE_AS = 'csv'): string {
  const work = mkdtempSync(join(tmpdir(), 'ua-calc-'));
  const office = (...args: string[]) =>
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(work, 'profile')}`, ...args], {
      // A home of its own too: LibreOffice keeps more than its profile there (dconf's cache).
      env: { ...process.env, HOME: work, XDG_CACHE_HOME: join(work, 'cache'), XDG_CONFIG_HOME: join(work, 'config') },
      stdio: 'pipe',
      timeout: SPAWN_LIMIT_MS,
    });
  office('--convert-to', 'xlsx', '--infilter=CSV:59,34,76,1', '--outdir', work, csv);
  const xlsx = join(work, basename(csv).replace(/\.csv$/, '.xlsx'));
  office('--convert-to', SAVE_AS[saveAs], '--outdir', join(work, 'back'), xlsx);
  return join(work, 'back', basename(csv).replace(/\.csv$/, saveAs === 'csv' ? '.csv' : '.txt'));
}

describe('CSV for spreadsheets', () => {
  it('failed.csv and tally.csv survive a spreadsheet; --signers failed.csv writes to exactly those names', async () => {
    let refuse = true;
    smtp = await startSmtp({ rcpt: (address) => (refuse && address === EMBASSY ? 550 : undefined) });
    const { dir, env } = tempHome();
    const spanish = { ...env, LANG: 'es_ES.UTF-8', UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    writeFileSync(join(dir, 'signups.csv'), `name,city,country,email\n${NAMES.map((name, i) => `"${name}",-Leeds,UK,s${i}@example.org`).join('\n')}\n`);
    const send = (sheet: string) =>
      uaAsync(['batch', '105.22', '--signers', sheet, '--send', '--yes', '--after-deadline', '--from', 'org@example.org', '--json'], { cwd: dir, env: spanish })
        .done;

    const first = await send('signups.csv');
    expect(first.code).toBe(3);
    const failed = readFileSync(join(dir, 'failed.csv'), 'utf8');
    // A BOM, ";" for a Spanish spreadsheet, and the formula guard on what a spreadsheet would run.
    expect(failed.startsWith('\uFEFFname;city;country;email;')).toBe(true);
    expect(failed).toContain("'=Ana;'-Leeds;UK;s1@example.org");

    const roundTrip = throughSpreadsheet(join(dir, 'failed.csv'));
    expect(readFileSync(roundTrip, 'utf8')).toContain('陳美玲');
    refuse = false;
    const again = await send(roundTrip);
    expect(again.code).toBe(0);
    const retried = (JSON.parse(again.stdout) as { signer: string; target: string; outcome: string }[]).filter((row) => row.outcome === 'sent');
    expect(retried.map((row) => row.signer).sort()).toEqual([...NAMES].sort());
    const letters = smtp.delivered.filter((message) => message.to.includes(EMBASSY)).map((message) => message.raw);
    expect(letters).toHaveLength(4);
    expect(letters.some((raw) => raw.includes("'=Ana") || raw.includes("'-Leeds"))).toBe(false);

    const printed = await uaAsync(['batch', '105.22', '--signers', 'signups.csv', '--format', 'text', '--out', 'letters/', '-q'], { cwd: dir, env: spanish })
      .done;
    expect(printed.code).toBe(0);
    const tally = readFileSync(join(dir, 'letters', 'tally.csv'), 'utf8');
    const tallyBack = readFileSync(throughSpreadsheet(join(dir, 'letters', 'tally.csv')), 'utf8');
    const cells = (text: string) =>
      text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
        .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
    expect(cells(tallyBack)).toEqual(cells(tally));
    expect(tally).toContain('Dina Ercilia Boluarte Zegarra');
  });

  it('a sheet with an empty row, saved by LibreOffice as CSV and as "Unicode text": both read, the empty row passed over', async () => {
    const { dir, env } = tempHome();
    const sheet = join(dir, 'signups.csv');
    writeFileSync(
      sheet,
      'name;city;country;email;lang;targets\r\nAna Pérez;Leeds;Reino Unido;ana@example.org;es;\r\n\r\nŁukasz Wróbel;Kraków;Polska;;en;rivero\r\n',
    );
    const csv = throughSpreadsheet(sheet);
    expect(readFileSync(csv, 'utf8')).toContain('\n;;;;;\n');
    const unicode = throughSpreadsheet(sheet, 'unicodeText');
    expect([...readFileSync(unicode).subarray(0, 2)]).toEqual([0xff, 0xfe]);
    for (const [name, file] of [
      ['csv', csv],
      ['unicode', unicode],
    ] as const) {
      const result = await uaAsync(['batch', '105.22', '--signers', file, '--format', 'text', '--out', `${name}/`, '-q'], { cwd: dir, env }).done;
      expect(result.stderr, name).toBe('');
      expect(result.code, name).toBe(0);
      expect(
        readdirSync(join(dir, name)).filter((f) => f.endsWith('.txt')),
        name,
      ).toEqual(['0001-ana-perez-boluarte-es.txt', '0002-ana-perez-rivero-es.txt', '0003-lukasz-wrobel-rivero-en.txt']);
    }
  }, 90_000);

  it('--csv-sep chooses; a separator ua does not write is refused in one line', async () => {
    const { dir, env } = tempHome();
    const report = await uaAsync(['report', '--csv', '--csv-sep', ';'], { cwd: dir, env }).done;
    expect(report.code).toBe(0);
    expect(report.stdout.startsWith('\uFEFFua;target;name;')).toBe(true);
    const english = await uaAsync(['report', '--csv'], { cwd: dir, env: { ...env, LANG: 'en_GB.UTF-8' } }).done;
    expect(english.stdout.startsWith('\uFEFFua,target,name,')).toBe(true);
    const bad = await uaAsync(['report', '--csv', '--csv-sep', '|'], { cwd: dir, env }).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`ua: --csv-sep: "|" is not a separator ua writes: use "," or ";"\n`);
  });
});
