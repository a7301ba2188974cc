import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { cancelled, failure } from '../errors.js';
import type { Env, World } from '../world.js';

/**
 * Opens a file in the user's editor (see editorCommand) and resolves when the editor exits. No
 * shell runs it: the editor is started itself, its arguments and then the file passed as they
 * are, so nothing in a file's name or in $EDITOR is ever read as shell syntax.
 */
export function openInEditor(t: Translate, env: Env, platform: NodeJS.Platform, file: string): Promise<void> {
  const command = editorCommand(env, platform);
  const [program = command, ...args] = splitCommand(command, platform);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, [...args, file], { stdio: 'inherit' });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(failure(t('editor.notFound', { editor: command }), t('editor.notFoundHint')));
      else reject(failure(t('editor.cannotStart', { editor: command, reason: error.message }), t('editor.setEditor')));
    });
    child.on('exit', (code, signal) => {
      if (code === 0) return resolvePromise();
      if (signal === 'SIGINT' || code === 130) return reject(cancelled(t('errors.cancelled')));
      reject(failure(t('editor.failed', { editor: command, code: String(code ?? signal) })));
    });
  });
}

/**
 * The editor, as the user would name it: $VISUAL, else $EDITOR (either may carry arguments,
 * e.g. "code --wait"); else Notepad on Windows, which every Windows has; else nano, which a
 * newcomer can leave, or vi, the first found on PATH; else vi, whose absence is then said.
 */
export function editorCommand(env: Env, platform: NodeJS.Platform): string {
  const chosen = [env.VISUAL, env.EDITOR].find((value) => value !== undefined && value.trim() !== '');
  if (chosen) return chosen.trim();
  if (platform === 'win32') return 'notepad';
  return ['nano', 'vi'].find((name) => onPath(name, env)) ?? 'vi';
}

function onPath(name: string, env: Env): boolean {
  return (env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .some((dir) => {
      try {
        // Permission to run it is checked by starting it: a file named nano is enough here.
        return statSync(join(dir, name)).isFile();
      } catch {
        return false;
      }
    });
}

/**
 * An editor's command line split into its words, without a shell, as people write it in
 * $EDITOR: spaces separate words, and quotes keep spaces inside one. On Unix, as sh quotes:
 * '…' keeps everything as it is; "…" too, but for a backslash before " \ $ or `; a backslash
 * elsewhere keeps the next character as it is ("my\ editor"). On Windows, where a backslash
 * separates folders, only "…" quotes ("C:\Program Files\Notepad++\notepad++.exe" -multiInst).
 * Nothing is expanded or interpreted: no $VARIABLES, no ~, no wildcards, no ; | or # — they
 * reach the editor as the characters they are. A quote left open runs to the end.
 */
export function splitCommand(command: string, platform: NodeJS.Platform): string[] {
  const unix = platform !== 'win32';
  const words: string[] = [];
  let word: string | undefined;
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const char = command.charAt(i);
    if (!quote && /\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    word ??= '';
    if (char === quote) quote = '';
    else if (!quote && (char === '"' || (unix && char === "'"))) quote = char;
    else if (unix && char === '\\' && escapes(quote, command.charAt(i + 1))) word += command.charAt(++i);
    else word += char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Whether a backslash keeps the next character as it is: outside quotes, always; in "…", before " \ $ or `; in '…', never. */
function escapes(quote: string, next: string): boolean {
  return next !== '' && (quote === '' || (quote === '"' && '"\\$`'.includes(next)));
}

/**
 * Lets the user edit a text in their editor. The temporary file (it holds a name and a city)
 * is removed whatever happens; Ctrl-C while the editor is open ends as a cancellation.
 */
export async function editText(t: Translate, text: string, world: Pick<World, 'openEditor' | 'onInterrupt'>): Promise<string> {
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'ua-'));
  const file = join(dir, 'letter.txt');
  let interrupted = false;
  const stopListening = world.onInterrupt(() => {
    interrupted = true;
  });
  try {
    writeFileSync(file, text, { mode: 0o600 });
    await world.openEditor(file, t);
    if (interrupted) throw cancelled(t('errors.cancelled'));
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw interrupted ? cancelled(t('errors.cancelled')) : error;
  } finally {
    stopListening();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Hands a URL to the desktop (xdg-open, or open on macOS); the URL is one argument, never shell text. */
export function openUrl(t: Translate, url: string, platform: NodeJS.Platform): Promise<void> {
  const command = platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', (error) => reject(failure(t('editor.noMailProgram', { program: command, reason: error.message }), t('editor.noMailProgramHint'))));
    child.on('spawn', () => {
      child.unref();
      resolvePromise();
    });
  });
}
