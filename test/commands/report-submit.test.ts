import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalEntry } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { fakeWorld, run } from '../helpers/world.js';

/** Ana's letter and call for UA 901.26 in a journal, and a copy of the UA whose report block says `report`. */
function world(report: string, lang = 'en_GB') {
  const opened: string[] = [];
  const captured = fakeWorld({
    openUrl: async (url) => {
      opened.push(url);
    },
  });
  const home = captured.world.cwd;
  const journal = join(home, 'journal.jsonl');
  const entries = [journalEntry(), journalEntry({ key: 'call', channel: 'call', state: 'spoke', to: ['+34915551000'] })];
  writeFileSync(journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  const actions = join(home, 'actions');
  mkdirSync(actions);
  writeFileSync(join(actions, '901.26.yaml'), `${readFileSync(join(FIXTURES, '901.26.yaml'), 'utf8')}\nreport:\n${report}`);
  captured.world = { ...captured.world, env: { ...captured.world.env, UA_JOURNAL: journal, LANG: `${lang}.UTF-8` } };
  return { captured, actions, opened, home };
}

describe('ua report --submit without a report address: the web form', () => {
  it('prints the form, the sentence to paste and the counts; --open opens it; nothing is recorded as submitted', async () => {
    const { captured, actions, opened } = world('  url: https://www.amnesty.example/report\n');
    const first = await run(['--actions-dir', actions, 'report', '901.26', '--submit', '--open'], captured);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      'Report form for UA 901.26: https://www.amnesty.example/report\nTo paste into the form:\n  Urgent Action 901.26: 2 actions (call, 1 answered; email, 1 sent).\n',
    );
    expect(opened).toEqual(['https://www.amnesty.example/report']);
    expect(first.stderr).toMatch(/ua does not record it as submitted/);
    const second = await run(['--actions-dir', actions, 'report', '901.26', '--submit'], captured);
    expect(second.stdout).toContain('2 actions');
  });

  it('in Spanish and French, formal', async () => {
    const es = world('  url: https://www.amnesty.example/report\n', 'es_ES');
    expect((await run(['--actions-dir', es.actions, 'report', '901.26', '--submit'], es.captured)).stdout).toMatch(/^Formulario de informe de la AU 901\.26/);
    const fr = world('  url: https://www.amnesty.example/report\n', 'fr_FR');
    expect((await run(['--actions-dir', fr.actions, 'report', '901.26', '--submit'], fr.captured)).stderr).toMatch(/c'est vous qui le remplissez/);
  });
});

describe('ua report --submit: usage and records', () => {
  it('--dry-run without --submit, and --submit without a UA, are refused in one line, exit 2', async () => {
    const { captured } = world('  note: x\n');
    const stray = await run(['report', '--dry-run'], captured);
    expect([stray.code, stray.stderr]).toEqual([2, 'ua: --dry-run only goes with --submit\n']);
    const noId = await run(['report', '--submit'], world('  note: x\n').captured);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/^ua: --submit needs a UA/);
  });

  it('a record of submissions that is not ua’s is refused, not overwritten', async () => {
    const { captured, actions, home } = world('  email: informes@seccion.example\n');
    mkdirSync(join(home, 'state', 'ua'), { recursive: true });
    writeFileSync(join(home, 'state', 'ua', 'submissions.json'), 'not json');
    const result = await run(['--actions-dir', actions, 'report', '901.26', '--submit', '--dry-run'], captured);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/submissions\.json is not ua's record of submissions\.\n {2}Move it aside/);
    expect(readFileSync(join(home, 'state', 'ua', 'submissions.json'), 'utf8')).toBe('not json');
  });

  it('ua show names the report address', async () => {
    const { captured, actions } = world('  email: informes@seccion.example\n  url: https://www.amnesty.example/report\n');
    const shown = await run(['--actions-dir', actions, 'show', '901.26'], captured);
    expect(shown.stdout).toMatch(/informes@seccion\.example https:\/\/www\.amnesty\.example\/report/);
  });
});
