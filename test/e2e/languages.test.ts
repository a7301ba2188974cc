import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalogues } from '../../scripts/ui-catalogues.mjs';
import type { MessageKey, Params } from '../../src/core/i18n.js';
import { FIXTURES, UI } from '../helpers/paths.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, ua, uaAsync } from '../helpers/spawn.js';
import { wordsIn } from '../helpers/words.js';

// The interface speaks English, Spanish and French, as a process sees it: LANG, --lang-ui,
// every command's help, the questions in a real terminal, the errors and the summaries.

const LOCALES = { en: 'en_GB.UTF-8', es: 'es_ES.UTF-8', fr: 'fr_FR.UTF-8' } as const;
type Lang = keyof typeof LOCALES;
const LANGS = Object.keys(LOCALES) as Lang[];
const COMMANDS = [
  'list',
  'show',
  'compose',
  'batch',
  'call',
  'post',
  'serve',
  'import',
  'report',
  'tally',
  'profile',
  'validate',
  'feed',
  'update',
  'completion',
];
const CATALOGUES = readCatalogues(UI);

/** A message as the catalogue of `lang` says it. */
async function say(lang: Lang, key: MessageKey, params: Params = {}): Promise<string> {
  // Any key: the tests pass the count where a message has forms.
  return (wordsIn(lang) as (key: MessageKey, params: Params) => string)(key, params);
}

/** Help wraps its lines: compare words, not line breaks. */
const words = (text: string) => text.replace(/\s+/g, ' ');

function inLanguage(lang: Lang, args: string[], extra: NodeJS.ProcessEnv = {}) {
  const { dir, env } = tempHome();
  return ua(args, { cwd: dir, env: { ...env, LANG: LOCALES[lang], ...extra } });
}

describe.each(LANGS)('the interface in %s', (lang) => {
  it('ua --help and every command’s --help are in the language, commander’s words too', async () => {
    const english = Object.entries(CATALOGUES.en ?? {}).filter(([key, text]) => key.startsWith('cli.') && typeof text === 'string');
    for (const args of [['--help'], ...COMMANDS.map((command) => [command, '--help'])]) {
      const help = inLanguage(lang, args);
      expect(help.code, args.join(' ')).toBe(0);
      const shown = words(help.stdout);
      expect(shown).toContain(await say(lang, 'cli.title.usage'));
      expect(shown).toContain(await say(lang, 'cli.title.options'));
      if (args[0] !== '--help') expect(shown).toContain(words(await say(lang, `cli.${args[0]}.description` as MessageKey)));
      if (lang === 'en') continue;
      // Nothing of the English help is left where the language says it otherwise.
      const leftover = english.filter(
        ([key, text]) => CATALOGUES[lang]?.[key] !== text && (text as string).length > 12 && shown.includes(words(text as string)),
      );
      expect(leftover, args.join(' ')).toEqual([]);
      expect(shown, args.join(' ')).not.toMatch(/\[command\]|Usage:|Options:|Arguments:|Commands:/);
    }
  });

  it('without a terminal, compose says which answers are missing', async () => {
    const result = inLanguage(lang, ['compose', '105.22']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ua: ${await say(lang, 'compose.missingNoTerminal', { flags: '--name, --city, --country' })}\n  ${await say(lang, 'compose.missingHint')}\n`,
    );
  });

  it('ua show heads the UA as the language names it (AU in Spanish and French); "AU 105.22" finds it too', async () => {
    const shown = inLanguage(lang, ['show', 'AU 105.22']);
    expect(shown.code).toBe(0);
    const head = shown.stdout.split('\n')[0];
    expect(head).toBe(await say(lang, 'show.headline', { id: '105.22', title: '18 killed during protests', country: 'Peru' }));
    expect(head).toBe(`${lang === 'en' ? 'UA' : 'AU'} 105.22 — 18 killed during protests (Peru)`);
  });

  it('commander’s errors are in the language', async () => {
    const unknown = inLanguage(lang, ['compose', '105.22', '--pasword']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(await say(lang, 'cli.error.unknownOption', { option: '--pasword' }));
    const choice = inLanguage(lang, ['compose', '105.22', '--format', 'docx']);
    // French quotes a value with « », the others as commander does.
    expect(choice.stderr).toContain(lang === 'fr' ? '«\u00a0docx\u00a0»' : `'docx'`);
    expect(choice.stderr).not.toContain('Allowed choices');
  });
});

describe('choosing the language', () => {
  it('--lang-ui en wins over LANG and the config file', async () => {
    const { dir, env } = tempHome();
    const result = ua(['--lang-ui', 'en', 'compose', '105.22'], { cwd: dir, env: { ...env, LANG: LOCALES.fr } });
    expect(result.stderr).toContain(await say('en', 'compose.missingNoTerminal', { flags: '--name, --city, --country' }));
  });

  it('ui_lang in the config file wins over LANG; LC_ALL over LANG', async () => {
    const { dir, env } = tempHome();
    const config = join(dir, 'config', 'ua');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'config.yaml'), 'ui_lang: es\n');
    const fromConfig = ua(['compose', '105.22'], { cwd: dir, env: { ...env, LANG: LOCALES.fr } });
    expect(fromConfig.stderr).toContain(await say('es', 'compose.missingHint'));
    const fromLcAll = inLanguage('en', ['compose', '105.22'], { LC_ALL: LOCALES.fr });
    expect(fromLcAll.stderr).toContain(await say('fr', 'compose.missingHint'));
  });

  it('a French interface with --lang es writes a Spanish letter', async () => {
    const result = inLanguage('fr', ['compose', '105.22', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Señora Presidenta:');
    expect(result.stdout).toContain('Reino Unido');
    const note = await say('fr', 'compose.deadlinePassed', { id: '105.22', date: '\u0000' });
    expect(result.stderr).toContain(note.split('\u0000')[0]);
  });
});

describe('the questions, in a real terminal', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  it.each(LANGS)('%s: every question and the menu are in the language; Ctrl-C cancels in it', async (lang) => {
    const { dir, env } = tempHome();
    terminal = new Terminal(['compose', '105.22'], { cwd: dir, env: { ...env, LANG: LOCALES[lang] } });
    const asked = async (key: MessageKey, params: Params = {}) => new RegExp(literally((await say(lang, key, params)).split('{')[0] ?? ''));
    await terminal.waitFor(await asked('ask.language'));
    // The UA's headline above the questions, as the language names a UA.
    expect(terminal.screen).toContain(await say(lang, 'show.headline', { id: '105.22', title: '18 killed during protests', country: 'Peru' }));
    await terminal.answer(await asked('ask.language'));
    await terminal.answer(await asked('ask.targets'));
    await terminal.answer(await asked('field.name'), 'Ana Pérez');
    await terminal.answer(await asked('field.city'), 'Leeds');
    await terminal.answer(await asked('field.country'), 'Reino Unido');
    await terminal.answer(new RegExp(literally((await say(lang, 'ask.aboutIn', { language: 'XX' })).split('XX')[0] ?? '')));
    await terminal.answer(new RegExp(literally((await say(lang, 'ask.noteIn', { language: 'XX' })).split('XX')[0] ?? '')));
    await terminal.waitFor(await asked('menu.question'));
    // Two letters (both targets ticked): the menu speaks of them in the plural.
    for (const key of ['menu.done', 'menu.save'] as const) expect(terminal.screen).toContain(await say(lang, key, { count: 2 }));
    for (const key of ['menu.cancel', 'prompt.navigate', 'prompt.select'] as const) expect(terminal.screen).toContain(await say(lang, key));
    // Inquirer's own help line for a multiple choice, in the language too.
    expect(terminal.screen).toContain(await say(lang, 'prompt.invert'));
    terminal.type(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    expect(terminal.screen).toContain(await say(lang, 'errors.cancelled'));
  });
});

describe('the sending summary', () => {
  let smtp: TestSmtp | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it.each(LANGS)('%s: what was sent, what was refused, in the language', async (lang) => {
    smtp = await startSmtp({ rcpt: (address) => (address === 'fiscal@fiscalia.example' ? 550 : undefined) });
    const { dir, env } = tempHome();
    const sender = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org'];
    const run = uaAsync(['--actions-dir', FIXTURES, 'compose', '901.26', ...sender, '--send', '--yes'], {
      cwd: dir,
      env: { ...env, LANG: LOCALES[lang], UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
    });
    const result = await run.done;
    expect(result.code).toBe(3);
    const line = async (address: string, outcome: 'outcome.refused' | 'outcome.sent') =>
      say(lang, 'punct.labelled', { label: address, value: await say(lang, outcome) });
    expect(result.stderr).toContain(await line('fiscal@fiscalia.example', 'outcome.refused'));
    expect(result.stderr).toContain(await line('presidente@gobierno.example', 'outcome.sent'));
    expect(result.stderr).toContain(await say(lang, 'send.delivered', { sent: 3, count: 4 }));
    // What was done, as ua report heads it: "AU 901.26" in Spanish and French.
    const report = await uaAsync(['report'], { cwd: dir, env: { ...env, LANG: LOCALES[lang] } }).done;
    expect(report.stdout.startsWith(await say(lang, 'report.heading', { id: '901.26' }))).toBe(true);
    expect(report.stdout.startsWith(lang === 'en' ? 'UA 901.26' : 'AU 901.26')).toBe(true);
  });
});

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
