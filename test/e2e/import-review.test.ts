import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENTS } from '../helpers/paths.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

const DOCUMENT = join(DOCUMENTS, 'us-requests.txt');
const QUESTION = /^\? ([\w.[\]#]+): (?:keep, edit or remove|add it)\?/m;

/** What to do with each fact the review asks about, by its path: keep it unless told. */
type Plan = Record<string, { edit: string } | 'remove'>;

/**
 * `ua import --review` in a real terminal, answering each question as the plan says, to the
 * end; the paths asked, in order.
 */
async function reviewAtTerminal(terminal: Terminal, plan: Plan): Promise<string[]> {
  const asked: string[] = [];
  let from = 0;
  for (;;) {
    const path = await nextQuestion(terminal, from);
    if (path === undefined) return asked;
    asked.push(path);
    const step = plan[path];
    const start = terminal.screen.length;
    if (step === 'remove') terminal.type(`${KEY.down}${KEY.down}`);
    if (typeof step === 'object') terminal.type(KEY.down);
    terminal.type(KEY.enter);
    // A question answered is shown "✔ path: …" (twice for an edit: the choice, then the new value).
    const answered = (count: number) => terminal.screen.slice(start).split(`\u2714 ${path}:`).length > count;
    if (typeof step === 'object') {
      await until(() => answered(1) && terminal.screen.slice(start).includes(`? ${path}:`), `the new value of ${path}`);
      terminal.type(step.edit);
      terminal.type(KEY.enter);
    }
    await until(() => answered(typeof step === 'object' ? 2 : 1), `${path} answered`);
    from = terminal.screen.lastIndexOf(`\u2714 ${path}:`);
  }
}

/** The path of the next question after `from` on the screen (one still open: "? path: …"); undefined once the file is written. */
async function nextQuestion(terminal: Terminal, from: number): Promise<string | undefined> {
  let found: string | undefined;
  let done = false;
  await until(
    () => {
      const since = terminal.screen.slice(from);
      found = QUESTION.exec(since)?.[1];
      done = /Wrote /.test(since);
      return found !== undefined || done;
    },
    `a question; the screen shows:\n${terminal.screen.slice(-1500)}`,
  );
  return found;
}

/** Polls; the limit is a safety net for a hang, generous for a busy machine. */
async function until(ready: () => boolean, what = 'the review', timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('ua import --review at a terminal', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  it('accept all, edit a salutation, remove a wrong email: the file has exactly those changes; what was worked out is asked first', async () => {
    const { dir, env } = tempHome();
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'reviewed'));
    const plain = ua(['import', DOCUMENT, '-o', 'plain/'], { cwd: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    const before = parse(readFileSync(join(dir, 'plain', '11.22.yaml'), 'utf8'));
    const worked = [...plain.stderr.matchAll(/^check (\S+):/gm)].map((m) => m[1]);

    // Accept all: the same file.
    terminal = new Terminal(['import', DOCUMENT, '-o', 'reviewed/', '--review'], { cwd: dir, env });
    const asked = await reviewAtTerminal(terminal, {});
    expect(await terminal.exited).toBe(0);
    expect(parse(readFileSync(join(dir, 'reviewed', '11.22.yaml'), 'utf8'))).toEqual(before);
    // Every target's emails and salutations, the head and the asks were asked; the guesses first.
    expect(asked).toEqual(
      expect.arrayContaining(['id', 'title', 'deadline', 'targets[0].email[0]', 'targets[0].email[1]', 'targets[0].salutation.en', 'asks[0]']),
    );
    const firstPlain = asked.findIndex((path) => !worked.some((w) => path === w || path.startsWith(`${w}.`)));
    expect(asked.slice(0, firstPlain).length).toBeGreaterThan(0);
    expect(asked.slice(firstPlain).some((path) => worked.some((w) => path === w || path.startsWith(`${w}.`)))).toBe(false);
    // Beside each fact, the document's line it was read from.
    expect(terminal.screen).toContain('line 18: Email: contacto@segob.gob.mx, secretario@segob.gob.mx');
    rmSync(join(dir, 'reviewed', '11.22.yaml'));

    // Edit the first target's salutation, remove its first email: only those change.
    terminal = new Terminal(['import', DOCUMENT, '-o', 'reviewed/', '--review'], { cwd: dir, env });
    await reviewAtTerminal(terminal, { 'targets[0].salutation.en': { edit: 'Dear Secretary of the Interior,' }, 'targets[0].email[0]': 'remove' });
    expect(await terminal.exited).toBe(0);
    const after = parse(readFileSync(join(dir, 'reviewed', '11.22.yaml'), 'utf8'));
    const expected = structuredClone(before);
    expected.targets[0].salutation.en = 'Dear Secretary of the Interior,';
    expected.targets[0].email.splice(0, 1);
    expect(after).toEqual(expected);
    // What the coordinator checked is no longer marked as worked out.
    expect(readFileSync(join(dir, 'reviewed', '11.22.yaml'), 'utf8')).not.toMatch(/Dear Secretary of the Interior,.*# check/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('without a terminal: one line, exit 2, nothing read or written', () => {
    const { dir, env } = tempHome();
    const result = ua(['import', DOCUMENT, '-o', 'ua/', '--review'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('ua: --review asks at a terminal (stdin and stderr): run it in one, or leave --review out\n');
    expect(result.stdout).toBe('');
    expect(readdirSync(dir).filter((name) => name === 'ua')).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
