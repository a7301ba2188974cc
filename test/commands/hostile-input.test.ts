import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRYING_TEMPLATES, realText } from '../helpers/broken.js';
import { journalEntry } from '../helpers/journal.js';
import { DOCUMENTS } from '../helpers/paths.js';
import { startSmtp } from '../helpers/smtp.js';
import { type Captured, fakeWorld, run } from '../helpers/world.js';

// Damaged or hostile input, each answered with a plain line and exit 2 (1 for the machine's
// own failures), never "This is a bug", never a stack trace, never raw control characters.
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--no-interactive'];
const BODY = '      I am writing to express my concern about the deaths of 18 people';

/** A folder holding one UA file (named 105.22.yaml unless said), and a world to run ua in. */
function withUa(text: string, name = '105.22.yaml'): { captured: Captured; dir: string } {
  const captured = fakeWorld();
  const dir = join(captured.world.cwd, 'actions');
  mkdirSync(dir);
  writeFileSync(join(dir, name), text);
  return { captured, dir };
}

const plain = (result: { code: number; stdout: string; stderr: string }) => {
  expect(result.stderr).not.toMatch(/bug|\n\s+at |\u001b/);
  expect(result.stdout).not.toMatch(/\u001b/);
};

describe('letter templates: what validates, composes', () => {
  it.each([
    ...PRYING_TEMPLATES,
    '{{sender.name.length}}',
    '{{#each sender.address}}{{#unless @first}}{{oops}}{{/unless}}{{/each}}',
    '{{#each action.asks}}{{toString}}{{/each}}',
    '{{#each action.asks}}{{this.length}}{{/each}}',
    '{{#each action.asks}}{{#each @root.action.asks}}x{{/each}}{{/each}}',
    '{{#with sender}}{{nmae}}{{/with}}',
    '{{@index}}',
    `${'{{#each action.asks}}.{{/each}}'.repeat(21)}`,
  ])('%s: refused by validate with file:line:col, exit 2; compose and list never crash', async (template) => {
    const { captured, dir } = withUa(realText().replace(BODY, `${BODY} ${template}`));
    const validate = await run(['validate', dir], captured);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/105\.22\.yaml:\d+:\d+: letters\.en\.body: /);
    plain(validate);
    const compose = await run(['--actions-dir', dir, 'compose', '105.22', '--lang', 'en', ...SENDER], fakeWorld({ cwd: captured.world.cwd }));
    expect(compose.code).toBe(2);
    plain(compose);
    const list = await run(['--actions-dir', dir, 'list'], fakeWorld({ cwd: captured.world.cwd }));
    expect(list.code).toBe(0);
    expect(list.stderr).toContain('ua: warning: skipped');
  });

  it('lists and fields that exist are rendered: #each of text, #with sender, @index', async () => {
    const template = '{{#each action.asks}}[{{@index}}:{{this}}]{{/each}} {{#with sender}}{{name}} of {{city}}{{/with}}';
    const { captured, dir } = withUa(realText().replace(BODY, `${BODY} ${template}`));
    const validated = await run(['validate', dir], captured);
    expect(validated.stderr).toContain('ok  ');
    const compose = await run(['--actions-dir', dir, 'compose', '105.22', '--lang', 'en', ...SENDER], fakeWorld({ cwd: captured.world.cwd }));
    expect(compose.code).toBe(0);
    const letter = compose.stdout.replace(/\s+/g, ' ');
    expect(letter).toMatch(/\[0:[^\]]+\]\[1:/);
    expect(letter).toContain('Ana Pérez of Leeds');
  });

  it('aliases that would repeat megabytes of text are refused at once, not expanded', async () => {
    const big = 'x'.repeat(200_000);
    const aliases = Array.from({ length: 40 }, () => '  - *big').join('\n');
    const text = realText().replace(/asks:\n/, `asks:\n  - &big "${big}"\n${aliases}\n`);
    const { captured, dir } = withUa(text);
    const validate = await run(['validate', dir], captured);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('aliases (&, *) repeat more than 2 MB');
  });

  it('a template that passes is rendered in the letter', async () => {
    const { captured, dir } = withUa(realText().replace(BODY, `${BODY} {{#each action.subjects}}({{name}}){{/each}} {{sender.city}}`));
    const compose = await run(['--actions-dir', dir, 'compose', '105.22', '--lang', 'en', ...SENDER], captured);
    expect(compose.code).toBe(0);
    expect(compose.stdout.replace(/\s+/g, ' ')).toContain('(Protesters in Peru) Leeds');
  });
});

describe('wrong types and control characters in a UA file', () => {
  it.each([
    ['asks: a single sentence', realText().replace(/asks:\n( {2}- .*\n)+/, 'asks: just one sentence\n'), /asks: must be a list/],
    ['a salutation that is a number', realText().replace('es: "Señora Presidenta:"', 'es: 5'), /salutation\.es: must be a string/],
    ['letters that are a list', realText().replace(/^letters:\n/m, 'letters:\n  - x\nold_letters:\n'), /letters/],
    [
      'ESC sequences in the title',
      realText().replace('title: 18 killed during protests', 'title: "\\e[2J\\e]0;owned\\a18 killed"'),
      /title: contains a control character \(U\+001B\)/,
    ],
    // Values a problem message quotes: the id, a target's id, a language key, a date, a name in a template.
    ['ESC in the id', realText().replace('id: "105.22"', 'id: "105.22\\e[31m"'), /id: /],
    ['ESC in a target id', realText().replace('id: rivero', 'id: "riv\\e[31mero"'), /targets\[1\]\.id: /],
    ['ESC in a letter language', realText().replace(/^ {2}en:\n {4}subject/m, '  "e\\e[31mn":\n    subject'), /letters/],
    ['ESC in the deadline', realText().replace('deadline: 2023-03-07', 'deadline: "2023\\e[31m"'), /deadline: /],
    ['ESC in a template name', realText().replace(BODY, `${BODY} {{sender.na\u001bme}}`), /letters\.en\.body: /],
  ])('%s: exit 2 with file:line:col', async (_, text, message) => {
    const { captured, dir } = withUa(text);
    const validate = await run(['validate', dir], captured);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(message);
    plain(validate);
    for (const argv of [['show', '105.22'], ['compose', '105.22', ...SENDER], ['list']]) {
      const result = await run(['--actions-dir', dir, ...argv], fakeWorld({ cwd: captured.world.cwd }));
      expect([0, 2]).toContain(result.code);
      plain(result);
    }
  });
});

describe('text that is not UTF-8', () => {
  // "Perú" as Latin-1 (and Windows-1252) saves it: é is the one byte E9, which UTF-8 never has alone.
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('a UA file saved as Latin-1: refused by validate, show and compose with its line and column, never shown as U+FFFD', async () => {
    const text = realText().replace('title: 18 killed during protests', 'title: 18 killed during protests in Perú');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('Perú')) + 1;
    const col = (lines[line - 1] as string).indexOf('ú') + 1;
    const captured = fakeWorld();
    const dir = join(captured.world.cwd, 'actions');
    mkdirSync(dir);
    writeFileSync(join(dir, '105.22.yaml'), latin1(text));
    const validate = await run(['validate', dir], captured);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain(`105.22.yaml:${line}:${col}: not UTF-8 text (saved as Latin-1 or Windows-1252?): save the file as UTF-8`);
    for (const argv of [
      ['show', '105.22'],
      ['compose', '105.22', '--lang', 'en', ...SENDER],
    ]) {
      const result = await run(['--actions-dir', dir, ...argv], fakeWorld({ cwd: captured.world.cwd }));
      expect(result.code, argv[0]).toBe(2);
      expect(result.stderr).toContain(`105.22.yaml:${line}:${col}: not UTF-8 text`);
      expect(`${result.stdout}${result.stderr}`).not.toContain('\ufffd');
    }
  });

  it('a config file whose profile was saved as Latin-1: refused at its line, never signed "P\ufffdrez"', async () => {
    const captured = fakeWorld();
    const config = join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml');
    mkdirSync(join(config, '..'), { recursive: true });
    writeFileSync(config, latin1('profile:\n  name: Ana Pérez\n  city: León\n  country: España\n'));
    const result = await run(['compose', '105.22', '--lang', 'es', '--no-interactive'], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config.yaml:2:14: not UTF-8 text');
    expect(result.stderr).toContain('has 1 problem');
    expect(`${result.stdout}${result.stderr}`).not.toContain('\ufffd');
  });
});

describe('names with escape sequences: every path ua prints is shown harmless', () => {
  const ESC = '\u001b]0;owned\u0007\u001b[2J';
  const SHOWN = '\\u001b]0;owned\\u0007\\u001b[2J';

  it('compose --out, batch --out, import -o, validate and list --country name it escaped, never raw', async () => {
    const captured = fakeWorld();
    const { cwd } = captured.world;
    const compose = await run(['compose', '105.22', '--lang', 'en', ...SENDER, '--target', 'boluarte', '--out', `letter${ESC}.txt`], captured);
    expect(compose.code).toBe(0);
    expect(compose.stderr).toContain(`/letter${SHOWN}.txt.`);
    const batch = await run(['batch', '105.22', '--copies', '1', '--lang', 'en', '--format', 'text', '--out', `walk-ins${ESC}/`], fakeWorld({ cwd }));
    expect(batch.code).toBe(0);
    expect(batch.stderr).toContain(` to walk-ins${SHOWN}/:`);
    writeFileSync(join(cwd, 'ua.txt'), readFileSync(join(DOCUMENTS, 'flattened.txt')));
    const imported = await run(['import', 'ua.txt', '-o', `ua${ESC}.yaml`], fakeWorld({ cwd }));
    expect(imported.stderr).toContain(`Wrote ua${SHOWN}.yaml.`);
    const dir = join(cwd, `actions${ESC}`);
    mkdirSync(dir);
    writeFileSync(join(dir, '105.22.yaml'), realText());
    const validate = await run(['validate', `actions${ESC}`], fakeWorld({ cwd }));
    expect(validate.code).toBe(0);
    expect(validate.stderr).toContain(`ok  actions${SHOWN}/105.22.yaml`);
    const list = await run(['list', '--country', ESC], fakeWorld({ cwd }));
    expect(list.stderr).toContain(`No UA for ${SHOWN}.`);
    for (const result of [compose, batch, imported, validate, list]) plain(result);
  });
});

describe('ids', () => {
  it('an id that differs from its file name is a problem of the file', async () => {
    const { captured, dir } = withUa(realText().replace('id: "105.22"', 'id: "999.99"'));
    const validate = await run(['validate', dir], captured);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/105\.22\.yaml:\d+:\d+: id: the id "999\.99" does not match the file name \(105\.22\)/);
  });

  it('"105/22", "UA 105.22" and 105.22 are one id, in the file and on the command line', async () => {
    const { captured, dir } = withUa(realText().replace('id: "105.22"', 'id: "105/22"'));
    expect((await run(['validate', dir], captured)).code).toBe(0);
    for (const typed of ['105/22', 'UA 105.22', '105.22']) {
      const shown = await run(['--actions-dir', dir, 'show', typed], fakeWorld({ cwd: captured.world.cwd }));
      expect(shown.code, typed).toBe(0);
      expect(shown.stdout).toContain('UA 105.22 — 18 killed during protests');
    }
  });

  it('an id typed with escape sequences is echoed harmless', async () => {
    const result = await run(['show', '\u001b[2J\u001b]0;owned\u0007'], fakeWorld());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown UA id "\\u001b[2J\\u001b]0;owned\\u0007"');
    plain(result);
  });
});

describe('sign-up sheets', () => {
  const batch = (sheet: string) => ['batch', '105.22', '--signers', sheet, '--format', 'text', '--out', 'out/'];

  it('Latin-1 (what "CSV (Windows)" saves) is refused with its line and what to do', async () => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 'sheet.csv'), Buffer.from('name,city,country\nAna,Leeds,UK\nJosé Núñez,León,España\n', 'latin1'));
    const result = await run(batch('sheet.csv'), captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sheet.csv:3: encoding: not UTF-8 text (saved as Latin-1 or "CSV (Windows)"?): save the sheet as "CSV UTF-8"');
    expect(readdirSync(captured.world.cwd)).toEqual(['sheet.csv']);
  });

  it('UTF-16 with its byte order mark (Excel\'s "Unicode text") is read, names intact', async () => {
    const captured = fakeWorld();
    const text = '\ufeffname;city;country\r\nJosé Núñez;León;España\r\nŁukasz Wróbel;Łódź;Polska\r\n';
    writeFileSync(join(captured.world.cwd, 'sheet.csv'), Buffer.from(text, 'utf16le'));
    const result = await run(batch('sheet.csv'), captured);
    expect(result.code).toBe(0);
    const letters = readdirSync(join(captured.world.cwd, 'out')).filter((f) => f.endsWith('.txt'));
    const all = letters.map((f) => readFileSync(join(captured.world.cwd, 'out', f), 'utf8')).join('\n');
    expect(all).toContain('José Núñez');
    expect(all).toContain('Łukasz Wróbel');
  });

  it('a column given twice is a problem of the sheet', async () => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 'sheet.csv'), 'name,city,country,email,e-mail\nAna,Leeds,UK,a@example.org,b@example.org\n');
    const result = await run(batch('sheet.csv'), captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sheet.csv:1: e-mail: a second column for email (the first is "email"): keep one');
  });

  it.each([
    ['a header with escape sequences (CSV)', 'sheet.csv', 'na\u001b[31mme\u001b]0;PWN\u0007,city,country\nAna,Leeds,UK\n'],
    ['a key with escape sequences (YAML)', 'sheet.yaml', '- "na\\e[31mme": Ana\n  city: Leeds\n  country: UK\n'],
  ])('%s: named in the problem, harmless', async (_, name, text) => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, name), text);
    const result = await run(batch(name), captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/na\\u001b\[31mme/);
    plain(result);
  });

  it('UTF-32 is not taken for UTF-16: refused as not text, without raw NUL bytes', async () => {
    const captured = fakeWorld();
    const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...'name,city,country\n'].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]);
    writeFileSync(join(captured.world.cwd, 'sheet.csv'), utf32);
    const result = await run(batch('sheet.csv'), captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--signers sheet.csv is not a text file');
    expect(result.stderr).not.toContain('\u0000');
  });

  it('a folder given as the sheet: one line, exit 2', async () => {
    const captured = fakeWorld();
    mkdirSync(join(captured.world.cwd, 'sheets'));
    const result = await run(batch('sheets'), captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\nua: --signers sheets: it is a folder, not a file\n$/);
  });
});

describe('a journal edited by hand', () => {
  it('ua report shows its values harmless, as text and as CSV', async () => {
    const captured = fakeWorld();
    const journal = join(captured.world.cwd, 'journal.jsonl');
    const entry = journalEntry({ ua: '105.22\u001b]0;PWN\u0007', target: 'boluarte', target_name: 'Dina\u001b[2J', to: ['a@example.org'], sender: 'Ana' });
    writeFileSync(journal, `${JSON.stringify(entry)}\n`);
    for (const args of [['report'], ['report', '--csv']]) {
      const result = await run(args, fakeWorld({ cwd: captured.world.cwd, env: { ...captured.world.env, UA_JOURNAL: journal } }));
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Dina\\u001b[2J');
      plain(result);
    }
  });
});

describe('flags and files', () => {
  it.each([
    [['--connections', '0'], '--connections "0" is not a number from 1 to 50'],
    [['--connections', '51'], '--connections "51" is not a number from 1 to 50'],
    [['--rate', '0/min'], '--rate "0/min" is not a rate'],
    [['--wait', '-1'], '--wait "-1" is not a number of seconds'],
  ])('%j: exit 2', async (flags, message) => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 's.csv'), 'name,city,country,email\nAna,Leeds,UK,ana@example.org\n');
    const result = await run(
      ['batch', '105.22', '--signers', 's.csv', '--send', '--yes', '--after-deadline', '--from', 'o@example.org', '--smtp', 'smtp://127.0.0.1:9', ...flags],
      captured,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ['compose', ['compose', '105.22', ...SENDER, '--lang', '']],
    ['show', ['show', '105.22', '--lang', '']],
    ['batch', ['batch', '105.22', '--copies', '1', '--out', 'out/', '--lang', ' , ']],
  ])('%s --lang "": one line, exit 2, not taken as "no language given"', async (_, argv) => {
    const result = await run(argv, fakeWorld());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ua: --lang "( , )?": must be a two-letter language code, e\.g\. es\n$/);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['profile: hello', 'config.yaml:1:10: profile: must be a mapping'],
    ['profile:\n  - Ana\nsmtp: smtp://x', 'config.yaml:2:3: profile: must be a mapping\n'],
    ['feeds: amnesty', 'config.yaml:1:8: feeds: must be a mapping'],
  ])('a config file with %j: refused at its place, exit 2, not read as "no profile"', async (text, message) => {
    const captured = fakeWorld();
    const config = join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml');
    mkdirSync(join(config, '..'), { recursive: true });
    writeFileSync(config, `${text}\n`);
    const result = await run(['compose', '105.22', '--lang', 'en', '--no-interactive'], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('a huge --note-file is refused in one short line; --answers /dev/zero stops at its limit', async () => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 'note.txt'), 'x'.repeat(20 * 1024 * 1024));
    const note = await run(['compose', '105.22', ...SENDER, '--note-file', 'note.txt'], captured);
    expect(note.code).toBe(2);
    expect(note.stderr).toBe('ua: --note-file note.txt: too large (the limit is 1 MB)\n');
    writeFileSync(join(captured.world.cwd, 'note.txt'), 'y'.repeat(5000));
    const long = await run(['compose', '105.22', ...SENDER, '--note-file', 'note.txt'], fakeWorld({ cwd: captured.world.cwd }));
    expect(long.code).toBe(2);
    expect(long.stderr.length).toBeLessThan(160);
    const zero = await run(['compose', '105.22', '--answers', '/dev/zero', '--no-interactive'], fakeWorld());
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('ua: --answers /dev/zero: too large (the limit is 1 MB)\n');
  });

  it('--out a path through a file (ENOTDIR): one line naming it, exit 1, nothing left', async () => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 'afile'), 'not a folder');
    const pdf = await run(['compose', '105.22', ...SENDER, '--format', 'pdf', '--out', 'afile/x.pdf'], captured);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/\nua: cannot write afile\/x\.pdf: a part of the path is a file, not a folder\n$/);
    const batch = await run(['batch', '105.22', '--copies', '1', '--out', 'afile/letters/'], fakeWorld({ cwd: captured.world.cwd }));
    expect(batch.code).toBe(1);
    expect(batch.stderr).toMatch(/(^|\n)ua: cannot write afile\/letters\/: a part of the path is a file, not a folder\n$/);
    plain(pdf);
    plain(batch);
    expect(readdirSync(captured.world.cwd)).toEqual(['afile']);
  });

  it('--out /dev/null is written to, and never replaced, even with --force', async () => {
    const result = await run(['compose', '105.22', ...SENDER, '--out', '/dev/null', '--force'], fakeWorld());
    expect(result.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('secrets', () => {
  it('a planted password is in no file ua writes but the config file itself', async () => {
    const SECRET = 'Pl4nted-S3cret-91c7';
    const smtp = await startSmtp();
    const captured = fakeWorld();
    const config = join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml');
    mkdirSync(join(config, '..'), { recursive: true });
    writeFileSync(config, `smtp:\n  url: smtp://ana:${SECRET}@127.0.0.1:${smtp.port}\n  password: ${SECRET}\n  from: ana@example.org\n`, { mode: 0o600 });
    const env = { ...captured.world.env, UA_JOURNAL: join(captured.world.cwd, 'journal.jsonl') };
    const runs = [
      ['compose', '105.22', ...SENDER, '--send', '--yes', '--after-deadline'],
      ['compose', '105.22', ...SENDER, '--send', '--dry-run'],
      ['compose', '105.22', ...SENDER, '--send', '--yes', '--after-deadline', '--smtp', `smtp://ana@127.0.0.1:${smtp.port}`],
      ['compose', '105.22', ...SENDER, '--format', 'eml', '--out', 'drafts/', '--target', 'boluarte'],
      ['report'],
      ['list'],
    ];
    for (const argv of runs) {
      const result = await run(argv, fakeWorld({ cwd: captured.world.cwd, env }));
      expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
    }
    await smtp.close();
    const written = [captured.world.cwd, captured.world.env.XDG_CACHE_HOME as string, captured.world.env.XDG_STATE_HOME as string].flatMap(filesIn);
    expect(written.length).toBeGreaterThan(2);
    for (const file of written.filter((f) => f !== config)) expect(readFileSync(file, 'latin1'), file).not.toContain(SECRET);
  });
});

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
