import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText, qpdfCheck } from '../helpers/pdf.js';
import { fakeWorld, run, scriptedPrompter } from '../helpers/world.js';

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];

describe('compose without a terminal', () => {
  it('prints the letters in the preferred language by default, the deadline note on stderr only', async () => {
    const result = await run(['compose', '105.22', ...SENDER], fakeWorld());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Señora Presidenta:');
    expect(result.stdout).toContain('Excelentísimo Señor Embajador:');
    expect(result.stdout).not.toMatch(/deadline/i);
    expect(result.stderr).toMatch(/^Note: the deadline of UA 105.22 passed on 7 March 2023\./);
  });

  it('names every missing flag at once, exit 2, and asks nothing', async () => {
    const result = await run(['compose', '105.22', '--city', 'Leeds'], fakeWorld());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('ua: missing --name, --country (there is no terminal to ask on)');
  });

  it('refuses an unknown language or target before anything else', async () => {
    const lang = await run(['compose', '105.22', '--lang', 'de', ...SENDER], fakeWorld());
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('ua: UA 105.22 has no letter in "de"\n  Choose one of: es, en, fr.');
    const target = await run(['compose', '105.22', '--target', 'castillo', ...SENDER], fakeWorld());
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('has no target "castillo"');
  });

  it('refuses a flag value that would break a letter, naming the flag', async () => {
    const result = await run(['compose', '105.22', ...SENDER, '--email', 'a@x.org, b@y.org'], fakeWorld());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: --email "a@x.org, b@y.org": one email address only (this holds several)');
  });

  it('takes answers from a file, flags winning, and the profile below both', async () => {
    const captured = fakeWorld();
    const { cwd, env } = captured.world;
    mkdirSync(join(env.XDG_CONFIG_HOME as string, 'ua'), { recursive: true });
    writeFileSync(
      join(env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml'),
      'profile:\n  name: Ana Pérez\n  city: York\n  country: UK\n  email: profile@example.org\n',
    );
    writeFileSync(join(cwd, 'me.yaml'), 'name: Ana Pérez\ncity: Sheffield\nlang: en\n');
    const result = await run(['compose', '105.22', '--answers', 'me.yaml', '--city', 'Leeds', '--target', 'boluarte'], captured);
    expect(result.code).toBe(0);
    // "UK" is the United Kingdom, written out in the letter's language.
    expect(result.stdout).toMatch(/^Ana Pérez\nLeeds\nUnited Kingdom\nprofile@example.org\n/);
    expect(result.stdout).toContain('Dear Madam President Dina Boluarte,');
    // Another person's letter takes nothing of Ana's profile: no email, and the country must be given.
    const tom = await run(
      ['compose', '105.22', '--answers', 'me.yaml', '--name', 'Tom Lee', '--city', 'Leeds', '--target', 'boluarte'],
      fakeWorld({ cwd, env }),
    );
    expect(tom.code).toBe(2);
    expect(tom.stderr).toContain('missing --country');
    const signed = await run(['compose', '105.22', '--name', 'Tom Lee', '--city', 'Leeds', '--country', 'UK', '--target', 'boluarte'], fakeWorld({ cwd, env }));
    expect(signed.stdout).toMatch(/^Tom Lee\nLeeds\nReino Unido\n\n/);
    expect(signed.stdout).not.toContain('profile@example.org');
  });

  it('--interactive without a terminal is refused rather than drawing prompts nobody sees', async () => {
    const result = await run(['compose', '105.22', '--interactive'], fakeWorld());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: --interactive needs a terminal (stdin and stderr)');
  });

  it('a broken config file is named with its line, exit 2', async () => {
    const captured = fakeWorld();
    mkdirSync(join(captured.world.env.XDG_CONFIG_HOME as string, 'ua'), { recursive: true });
    const file = join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml');
    writeFileSync(file, 'profile:\n  name: Ana\n  email: "Ana <a@x.org>"\n  colour: blue\n');
    const result = await run(['compose', '105.22', ...SENDER], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:3:10: profile.email: not an email address`);
    expect(result.stderr).toContain(`${file}:4:3: profile.colour: not a profile field`);
    expect(result.stderr).toContain(`ua: your config file ${file} has 2 problems`);
  });

  it('points at the line of a bad answers file', async () => {
    const captured = fakeWorld();
    writeFileSync(join(captured.world.cwd, 'me.yaml'), 'name: Ana\ncity: Leeds\ncountry: UK\nemial: ana@example.org\n');
    const result = await run(['compose', '105.22', '--answers', 'me.yaml'], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('me.yaml:4:1: emial: unknown field');
  });

  it('writes one file per letter to a folder, refuses to overwrite, and overwrites with --force', async () => {
    const captured = fakeWorld();
    const argv = ['compose', '105.22', ...SENDER, '--format', 'html', '--out', 'letters/'];
    expect((await run(argv, captured)).code).toBe(0);
    const folder = join(captured.world.cwd, 'letters');
    expect(readdirSync(folder).sort()).toEqual(['105.22-boluarte-es.html', '105.22-rivero-es.html']);
    const page = join(folder, '105.22-rivero-es.html');
    writeFileSync(page, 'mine');

    const again = await run(argv, fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/2 files already exist .*; nothing was written/);
    expect(readFileSync(page, 'utf8')).toBe('mine');

    const forced = await run([...argv, '--force'], fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }));
    expect(forced.code).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain('Excelentísimo Señor Embajador:');
    expect(readdirSync(folder).filter((name) => name.includes('ua-tmp'))).toEqual([]);
  });
});

describe('compose --format pdf', () => {
  it('writes one PDF with every letter, or one per letter in a folder; never overwrites; needs --out', async () => {
    const captured = fakeWorld();
    const single = await run(['compose', '105.22', ...SENDER, '--format', 'pdf', '--out', 'letters.pdf'], captured);
    expect(single.code).toBe(0);
    const file = join(captured.world.cwd, 'letters.pdf');
    const text = pdfText(file);
    expect(text).toContain('Señora Presidenta:');
    expect(text).toContain('Excelentísimo Señor Embajador:');
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');

    const again = await run(
      ['compose', '105.22', ...SENDER, '--format', 'pdf', '--out', 'letters.pdf'],
      fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }),
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('letters.pdf already exists; nothing was written');

    const folder = await run(
      ['compose', '105.22', ...SENDER, '--format', 'pdf', '--paper', 'letter', '--out', 'pdfs/'],
      fakeWorld({ cwd: captured.world.cwd, env: captured.world.env }),
    );
    expect(folder.code).toBe(0);
    expect(readdirSync(join(captured.world.cwd, 'pdfs')).sort()).toEqual(['105.22-boluarte-es.pdf', '105.22-rivero-es.pdf']);

    const noOut = await run(['compose', '105.22', ...SENDER, '--format', 'pdf'], fakeWorld());
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--format pdf writes a file: add --out letters.pdf');
  });
});

describe('compose at a terminal', () => {
  const script = (extra: [RegExp, unknown][] = []): [RegExp, unknown][] => [
    [/Language/, 'es'],
    [/Write to/, ['boluarte']],
    [/Your name/, 'Ana Pérez'],
    [/Your city/, 'Leeds'],
    [/Your country/, 'Reino Unido'],
    [/about yourself/, 'Soy enfermera'],
    [/personal paragraph/, ''],
    ...extra,
  ];

  it('asks, previews, prints, and offers to remember the sender', async () => {
    const prompter = scriptedPrompter(
      script([
        [/What would you like to do/, 'print'],
        [/Also call/, false],
        [/Remember your details/, true],
      ]),
    );
    const captured = fakeWorld({ tty: true, prompter: async () => prompter });
    const result = await run(['compose', '105.22'], captured);
    expect(result.code).toBe(0);
    expect(prompter.remaining()).toBe(0);
    expect(result.stdout).toContain('Señora Presidenta:\n\nMi nombre es Ana Pérez y resido en Leeds (Reino Unido). Soy enfermera.\n');
    expect(result.stdout).not.toContain('Embajador');
    expect(result.stderr).toContain('Señora Presidenta:'); // the preview
    const config = readFileSync(join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml'), 'utf8');
    expect(config).toContain('name: Ana Pérez');
    expect(config).not.toMatch(/note/);
  });

  it('with a profile, asks only what is missing', async () => {
    const captured = fakeWorld({ tty: true });
    mkdirSync(join(captured.world.env.XDG_CONFIG_HOME as string, 'ua'), { recursive: true });
    writeFileSync(
      join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml'),
      'profile:\n  name: Ana Pérez\n  city: Leeds\n  country: Reino Unido\n',
    );
    const prompter = scriptedPrompter([
      [/^Write as Ana Pérez, Leeds, Reino Unido\?$/, true],
      [/about yourself, in French/, ''],
      [/personal paragraph, in French/, ''],
      [/What would you like to do/, 'print'],
      // The profile has no letter language: French is offered to be remembered.
      [/Also call/, false],
      [/Remember your details/, false],
    ]);
    captured.world.prompter = async () => prompter;
    const result = await run(['compose', '105.22', '--lang', 'fr', '--target', 'all'], captured);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Madame la Présidente,');
    // The country typed for a Spanish letter, in French in a French one.
    expect(result.stdout).toContain("Je m'appelle Ana Pérez et je réside à Leeds (Royaume-Uni).");
  });

  it('Ctrl-C at a question: "Cancelled — nothing was sent.", exit 130, nothing written', async () => {
    const prompter = scriptedPrompter([
      [/Language/, 'es'],
      [/Write to/, '^C'],
    ]);
    const captured = fakeWorld({ tty: true, prompter: async () => prompter });
    const result = await run(['compose', '105.22', '--out', 'letters/'], captured);
    expect(result.code).toBe(130);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('ua: Cancelled — nothing was sent.');
    expect(result.stdout).toBe('');
    expect(readdirSync(captured.world.cwd)).toEqual([]);
  });

  it('saves to a file the user names, and edits in their editor', async () => {
    const prompter = scriptedPrompter(
      script([
        [/What would you like to do/, 'edit'],
        [/What would you like to do/, 'save'],
        [/Save to/, 'mine.txt'],
        [/Also call/, false],
        [/Remember your details/, false],
      ]),
    );
    const captured = fakeWorld({
      tty: true,
      prompter: async () => prompter,
      openEditor: async (file) => writeFileSync(file, readFileSync(file, 'utf8').replace('Atentamente,', 'Con mis respetuosos saludos,')),
    });
    const result = await run(['compose', '105.22'], captured);
    expect(result.code).toBe(0);
    const saved = readFileSync(join(captured.world.cwd, 'mine.txt'), 'utf8');
    expect(saved).toContain('Con mis respetuosos saludos,');
    expect(saved).not.toContain('Atentamente,');
    expect(existsSync(join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml'))).toBe(false);
  });
});
