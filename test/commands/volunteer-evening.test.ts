import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../../src/errors.js';
import type { World } from '../../src/world.js';
import { type Captured, fakeWorld, run, type Script, scriptedPrompter } from '../helpers/world.js';

// A volunteer's evening at a terminal: what they typed is never lost to an ordinary moment
// (a file that exists, an editor that fails), and what they save is what they print.
const ASKED: Script = [
  [/Language/, 'es'],
  [/Write to/, ['boluarte']],
  [/Your name/, 'Ana Pérez'],
  [/Your city/, 'Leeds'],
  [/Your country/, 'Reino Unido'],
  [/about yourself, in Spanish/, 'soy enfermera'],
  [/personal paragraph, in Spanish/, 'Les escribo desde Leeds, donde mi grupo se reúne cada mes.'],
];

function terminal(script: Script, extra: Partial<World> = {}): Captured & { prompter: ReturnType<typeof scriptedPrompter> } {
  const prompter = scriptedPrompter(script);
  const captured = fakeWorld({ tty: true, prompter: async () => prompter, ...extra });
  return { ...captured, prompter };
}

describe('nothing a volunteer typed is lost', () => {
  it('a file that exists: "no" asks for another name, and the letters are saved there', async () => {
    const world = terminal([
      ...ASKED,
      [/What would you like to do/, 'save'],
      [/Save to/, 'carta.txt'],
      [/carta\.txt exists\. Replace it\?/, false],
      [/Save to/, 'carta-2.txt'],
      [/Also call/, false],
      [/Remember your details/, false],
    ]);
    writeFileSync(join(world.world.cwd, 'carta.txt'), 'my old letter');
    const result = await run(['compose', '105.22'], world);
    expect(result.code).toBe(0);
    expect(world.prompter.remaining()).toBe(0);
    expect(readFileSync(join(world.world.cwd, 'carta.txt'), 'utf8')).toBe('my old letter');
    expect(readFileSync(join(world.world.cwd, 'carta-2.txt'), 'utf8')).toContain('Les escribo desde Leeds');
  });

  it.each([
    [
      'an editor that fails',
      async () => Promise.reject(failure('your editor (vim) stopped with an error (exit 1)')),
      'Your editor (vim) stopped with an error (exit 1). Your letter is as it was.',
    ],
    [
      'an editor that is not there',
      async () => Promise.reject(failure('your editor (nano) was not found', 'Set $VISUAL or $EDITOR to an editor you have, e.g. nano.')),
      'was not found. Your letter is as it was.',
    ],
    ['an editor that empties the file', async (file: string) => writeFileSync(file, ''), 'The file was empty after editing: your letter is as it was.'],
  ])('%s: back to the menu with the letters intact', async (_, openEditor, said) => {
    const world = terminal(
      [...ASKED, [/What would you like to do/, 'edit'], [/What would you like to do/, 'print'], [/Also call/, false], [/Remember your details/, false]],
      {
        openEditor,
      },
    );
    const result = await run(['compose', '105.22'], world);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(said);
    expect(result.stdout).toContain('Les escribo desde Leeds');
    expect(result.stdout).toContain('Soy enfermera.');
  });

  it('Ctrl-C while the editor is open: the one cancellation line, exit 130, the temporary file removed', async () => {
    let interrupt: () => void = () => undefined;
    let tempFile = '';
    const world = terminal([...ASKED, [/What would you like to do/, 'edit']], {
      onInterrupt: (handler) => {
        interrupt = handler;
        return () => undefined;
      },
      openEditor: async (file) => {
        tempFile = file;
        interrupt(); // the volunteer presses Ctrl-C; the editor ends
      },
    });
    const result = await run(['compose', '105.22'], world);
    expect(result.code).toBe(130);
    expect(result.stderr.match(/Cancelled — nothing was sent\./g)).toHaveLength(1);
    expect(tempFile).not.toBe('');
    expect(existsSync(tempFile)).toBe(false);
    expect(result.stdout).toBe('');
  });

  it('--format pdf without --out is refused before the first question', async () => {
    const world = terminal([]);
    const result = await run(['compose', '105.22', '--format', 'pdf'], world);
    expect(result.code).toBe(2);
    expect(world.prompter.asked).toEqual([]);
    expect(result.stderr).toContain('--format pdf writes a file: add --out letters.pdf');
  });
});

describe('Save makes what people print and send', () => {
  it('carta.pdf is the print-ready PDF; ~/carta.txt goes to the home folder', async () => {
    const world = terminal([...ASKED, [/What would you like to do/, 'save'], [/Save to/, 'carta.pdf'], [/Also call/, false], [/Remember your details/, false]]);
    expect((await run(['compose', '105.22'], world)).code).toBe(0);
    const pdf = readFileSync(join(world.world.cwd, 'carta.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const home = terminal([
      ...ASKED,
      [/What would you like to do/, 'save'],
      [/Save to/, '~/carta.txt'],
      [/Also call/, false],
      [/Remember your details/, false],
    ]);
    const homeDir = home.world.env.HOME as string;
    home.world.cwd = join(homeDir, 'elsewhere');
    mkdirSync(home.world.cwd);
    expect((await run(['compose', '105.22'], home)).code).toBe(0);
    expect(readFileSync(join(homeDir, 'carta.txt'), 'utf8')).toContain('Señora Presidenta:');
    expect(existsSync(join(home.world.cwd, '~'))).toBe(false);
  });

  it('a name without an extension asks which kind of file', async () => {
    const world = terminal([
      ...ASKED,
      [/What would you like to do/, 'save'],
      [/Save to/, 'carta'],
      [/What kind of file/, 'html'],
      [/Also call/, false],
      [/Remember your details/, false],
    ]);
    expect((await run(['compose', '105.22'], world)).code).toBe(0);
    expect(readFileSync(join(world.world.cwd, 'carta.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('"Print it here" prints the letters once', async () => {
    const world = terminal([...ASKED, [/What would you like to do/, 'print'], [/Also call/, false], [/Remember your details/, false]]);
    const result = await run(['compose', '105.22'], world);
    expect(result.stdout.match(/Señora Presidenta:/g)).toHaveLength(1);
  });
});

describe('the profile is the volunteer’s', () => {
  const withProfile = (captured: Captured) => {
    const dir = join(captured.world.env.XDG_CONFIG_HOME as string, 'ua');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.yaml'), 'profile:\n  name: Ana Pérez\n  city: Leeds\n  country: Reino Unido\nsmtp:\n  from: ana@example.org\n');
    return join(dir, 'config.yaml');
  };
  /** `ua profile edit` at a terminal, in that world's home: Enter keeps the name and the country. */
  const editProfile = (captured: Captured, answers: { city: string; email: string; address?: string; lang?: string }) => {
    const edit = terminal([
      [/Your name/, ''],
      [/Your city/, answers.city],
      [/Your country/, ''],
      [/Your email/, answers.email],
      [/Your postal address/, answers.address ?? ''],
      [/Language of your letters/, answers.lang ?? ''],
    ]);
    edit.world.env = captured.world.env;
    return run(['profile', 'edit'], edit);
  };

  it('compose offers to change the saved details before anything else', async () => {
    const world = terminal([
      [/^Write as Ana Pérez, Leeds, Reino Unido\?$/, false],
      [/Your name/, 'Ana María Pérez'],
      [/Your city/, 'York'],
      [/Your country/, 'Reino Unido'],
      [/Your email/, ''],
      [/Your postal address/, ''],
      [/Language/, 'en'],
      [/Write to/, ['boluarte']],
      [/about yourself, in English/, ''],
      [/personal paragraph, in English/, ''],
      [/What would you like to do/, 'print'],
      [/Also call/, false],
      [/Remember your details/, true],
    ]);
    const config = withProfile(world);
    const result = await run(['compose', '105.22'], world);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('My name is Ana María Pérez and I live in York, United Kingdom.');
    expect(readFileSync(config, 'utf8')).toContain('name: Ana María Pérez');
  });

  it('ua profile shows it, edit asks again, clear forgets it and keeps the rest of the file', async () => {
    const captured = fakeWorld();
    const config = withProfile(captured);
    const shown = await run(['profile'], captured);
    expect(shown.stdout).toBe('Name:    Ana Pérez\nCity:    Leeds\nCountry: Reino Unido\n');
    expect((await editProfile(captured, { city: 'Bristol', email: 'ana@example.org' })).code).toBe(0);
    expect(readFileSync(config, 'utf8')).toMatch(/name: Ana Pérez\n {2}city: Bristol\n {2}country: Reino Unido\n {2}email: ana@example.org/);
    const noTerminal = await run(['profile', 'edit'], fakeWorld({ env: captured.world.env }));
    expect(noTerminal.code).toBe(2);
    expect((await run(['profile', 'clear'], fakeWorld({ env: captured.world.env }))).code).toBe(0);
    expect(readFileSync(config, 'utf8')).not.toContain('profile');
    expect(readFileSync(config, 'utf8')).toContain('from: ana@example.org');
    expect((await run(['profile'], fakeWorld({ env: captured.world.env }))).stderr).toContain('No details saved yet');
  });

  it('compose remembers the letter language and the postal address; ua profile edit asks for both', async () => {
    const world = terminal([
      [/Language/, 'en'],
      [/Write to/, ['boluarte']],
      [/Your name/, 'Ana Pérez'],
      [/Your city/, 'Leeds'],
      [/Your country/, 'United Kingdom'],
      [/about yourself, in English/, ''],
      [/personal paragraph, in English/, ''],
      [/What would you like to do/, 'print'],
      [/Also call/, false],
      [/Remember your details/, true],
    ]);
    const composed = await run(['compose', '105.22', '--address', '12 Park Lane', '--address', 'Leeds LS1 2AB'], world);
    expect(composed.code).toBe(0);
    const config = join(world.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml');
    expect(readFileSync(config, 'utf8')).toMatch(/^ {2}lang: en\n[\s\S]*^ {2}address:\n {4}- 12 Park Lane\n {4}- Leeds LS1 2AB\n/m);
    expect((await run(['profile'], fakeWorld({ env: world.world.env }))).stdout).toContain('Address:    12 Park Lane, Leeds LS1 2AB\nLetters in: en\n');
    // Edited: the address on one line, its lines split at "|"; French letters from now on.
    expect((await editProfile(world, { city: '', email: '', address: '3 rue de la Paix | 75002 Paris', lang: 'fr' })).code).toBe(0);
    expect(readFileSync(config, 'utf8')).toMatch(/^ {2}lang: fr\n[\s\S]*^ {2}address:\n {4}- 3 rue de la Paix\n {4}- 75002 Paris\n/m);
    const next = await run(['compose', '105.22', '--no-interactive', '--target', 'boluarte'], fakeWorld({ env: world.world.env }));
    expect(next.stdout).toContain('Madame la Présidente,');
    expect(next.stdout).toMatch(/^Ana Pérez\n3 rue de la Paix\n75002 Paris\n/);
  });

  it('a config file that is a link is written through: the link stays, the file it leads to changes', async () => {
    const captured = fakeWorld();
    const config = withProfile(captured);
    const dotfiles = join(captured.world.cwd, 'dotfiles-config.yaml');
    renameSync(config, dotfiles);
    symlinkSync(dotfiles, config);
    expect((await editProfile(captured, { city: 'Bristol', email: '' })).code).toBe(0);
    expect(lstatSync(config).isSymbolicLink()).toBe(true);
    expect(readFileSync(dotfiles, 'utf8')).toContain('city: Bristol');
  });
});

describe('what is typed, as the letter needs it', () => {
  const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Polska', '--no-interactive'];

  it('the sentence about oneself begins with a capital; the country is written in the letter’s language', async () => {
    const result = await run(['compose', '105.22', ...SENDER, '--lang', 'es', '--target', 'boluarte', '--about', 'soy profesor de historia'], fakeWorld());
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('Mi nombre es Ana Pérez y resido en Leeds (Polonia). Soy profesor de historia.');
  });

  it('--lang ES and --target Boluarte are the same as es and boluarte; an unknown one lists the valid ones', async () => {
    const ok = await run(['compose', '105.22', ...SENDER, '--lang', 'ES', '--target', 'Boluarte'], fakeWorld());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Señora Presidenta:');
    const unknown = await run(['compose', '105.22', ...SENDER, '--target', 'Castillo Terrones'], fakeWorld());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Targets: boluarte, rivero (or all).');
  });

  it('a sheet’s targets cell takes "|" between ids, as its address cell does', async () => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 's.csv'), 'name,city,country,targets\nAna,Leeds,UK,boluarte | rivero\n');
    const result = await run(['batch', '105.22', '--signers', 's.csv', '--format', 'text', '--out', 'out/'], captured);
    expect(result.code).toBe(0);
    expect(readdirSync(join(captured.world.cwd, 'out')).filter((f) => f.endsWith('.txt'))).toHaveLength(2);
  });

  it('two letters in one text file are two pages (a form feed between them)', async () => {
    const result = await run(['compose', '105.22', ...SENDER], fakeWorld());
    expect(result.stdout.split('\f')).toHaveLength(2);
    expect(result.stdout).not.toContain('=====');
  });

  it('a name written right to left is isolated in text, and in HTML', async () => {
    const arabic = ['--name', 'محمد عبد الله', '--city', 'Leeds', '--country', 'UK', '--no-interactive', '--target', 'boluarte', '--lang', 'en'];
    const text = await run(['compose', '105.22', ...arabic], fakeWorld());
    expect(text.stdout).toContain('My name is \u2068محمد عبد الله\u2069 and I live in Leeds');
    const html = await run(['compose', '105.22', ...arabic, '--format', 'html'], fakeWorld());
    expect(html.stdout).toContain('<bdi>\u2068محمد عبد الله\u2069</bdi>');
  });
});

describe('ua report counts what a volunteer did', () => {
  it('letters printed at a terminal or saved to files count as prepared for the post', async () => {
    const world = terminal([...ASKED, [/What would you like to do/, 'print'], [/Also call/, false], [/Remember your details/, false]]);
    expect((await run(['compose', '105.22'], world)).code).toBe(0);
    const saved = await run(
      ['compose', '105.22', '--no-interactive', '--name', 'Bo', '--city', 'York', '--country', 'UK', '--out', 'letters/'],
      fakeWorld({ cwd: world.world.cwd, env: world.world.env }),
    );
    expect(saved.code).toBe(0);
    const report = await run(['report', '105.22', '--json'], fakeWorld({ env: world.world.env }));
    const [ua] = JSON.parse(report.stdout);
    expect(ua.totals.prepared).toBe(3);
    expect(ua.by_channel.find((row: { channel: string; lang: string }) => row.channel === 'post' && row.lang === 'es')).toMatchObject({ prepared: 3 });
  });
});
