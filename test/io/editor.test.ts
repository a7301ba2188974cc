import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editorCommand, openInEditor, splitCommand } from '../../src/io/editor.js';
import { t } from '../helpers/words.js';

describe('$EDITOR split into words without a shell', () => {
  it.each<[string, NodeJS.Platform, string[]]>([
    ['vim', 'linux', ['vim']],
    ['  code   --wait ', 'linux', ['code', '--wait']],
    ["'/opt/My Editor/edit' -n", 'linux', ['/opt/My Editor/edit', '-n']],
    ['"/opt/My Editor/edit" --title "a \\"b\\" \\\\ c"', 'linux', ['/opt/My Editor/edit', '--title', 'a "b" \\ c']],
    ['/opt/My\\ Editor/edit', 'linux', ['/opt/My Editor/edit']],
    ["emacs -nw ''", 'linux', ['emacs', '-nw', '']],
    // Nothing a shell would do: variables, ~, wildcards, separators and comments stay characters.
    ['ed $HOME ~/x * ; rm -rf / # no', 'linux', ['ed', '$HOME', '~/x', '*', ';', 'rm', '-rf', '/', '#', 'no']],
    ["'unclosed quote", 'linux', ['unclosed quote']],
    // Windows: a backslash separates folders; double quotes group.
    ['"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst', 'win32', ['C:\\Program Files\\Notepad++\\notepad++.exe', '-multiInst']],
    ["C:\\tools\\vim.exe it's", 'win32', ['C:\\tools\\vim.exe', "it's"]],
  ])('%j on %s', (command, platform, words) => {
    expect(splitCommand(command, platform)).toEqual(words);
  });
});

describe('the editor chosen', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A folder for PATH holding (empty) programs of these names. */
  const binWith = (...names: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-bin-'));
    dirs.push(dir);
    for (const name of names) writeFileSync(join(dir, name), '', { mode: 0o755 });
    return dir;
  };

  it.each<[string, Record<string, string>, NodeJS.Platform, string]>([
    ['$VISUAL first', { VISUAL: 'code --wait', EDITOR: 'vim' }, 'linux', 'code --wait'],
    ['then $EDITOR', { VISUAL: ' ', EDITOR: 'vim' }, 'linux', 'vim'],
    ['on Windows, Notepad', {}, 'win32', 'notepad'],
    ['on Windows, $EDITOR still first', { EDITOR: 'code --wait' }, 'win32', 'code --wait'],
  ])('%s', (_, env, platform, editor) => {
    expect(editorCommand(env, platform)).toBe(editor);
  });

  it('else nano, or vi, where found on PATH; else vi', () => {
    expect(editorCommand({ PATH: `${binWith('vi')}:${binWith('nano')}` }, 'linux')).toBe('nano');
    expect(editorCommand({ PATH: binWith('vi') }, 'darwin')).toBe('vi');
    expect(editorCommand({ PATH: binWith() }, 'linux')).toBe('vi');
  });
});

describe('the editor started without a shell', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ua-editor-test-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** An editor (a script, in a folder whose name has a space) that notes its arguments and edits the file. */
  const fakeEditor = (exitCode = 0) => {
    const folder = join(root, 'My Editor');
    mkdirSync(folder, { recursive: true });
    const program = join(folder, 'edit');
    writeFileSync(
      program,
      `#!${process.execPath}\nconst fs = require('node:fs');\nconst args = process.argv.slice(2);\nfs.writeFileSync(${JSON.stringify(join(root, 'args.json'))}, JSON.stringify(args));\nfs.appendFileSync(args.at(-1), 'edited');\nprocess.exit(${exitCode});\n`,
    );
    chmodSync(program, 0o755);
    return program;
  };

  it('passes its arguments and the file as they are: quotes undone, nothing interpreted', async () => {
    const file = join(root, 'letter; touch pwned.txt');
    writeFileSync(file, 'Dear ');
    const marker = join(root, 'marker');
    await openInEditor(t, { EDITOR: `'${fakeEditor()}' --title "two words" $HOME ; touch ${marker}` }, 'linux', file);
    expect(JSON.parse(readFileSync(join(root, 'args.json'), 'utf8'))).toEqual(['--title', 'two words', '$HOME', ';', 'touch', marker, file]);
    expect(readFileSync(file, 'utf8')).toBe('Dear edited');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(root, 'pwned.txt'))).toBe(false);
  });

  it('an editor that is not there, or that fails, is said in one line', async () => {
    const file = join(root, 'letter.txt');
    writeFileSync(file, '');
    await expect(openInEditor(t, { EDITOR: join(root, 'no-such-editor') }, 'linux', file)).rejects.toThrow(/your editor \(.*no-such-editor\) was not found/);
    await expect(openInEditor(t, { EDITOR: `'${fakeEditor(3)}'` }, 'linux', file)).rejects.toThrow(/stopped with an error \(exit 3\)/);
  });
});
