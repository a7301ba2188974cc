import { spawn } from 'node:child_process';
import { failure } from '../errors.js';
import type { Env } from '../world.js';

/** Opens a file in $VISUAL or $EDITOR (which may carry arguments, e.g. "code --wait"). */
export function openInEditor(env: Env, file: string): Promise<void> {
  const command = env.VISUAL || env.EDITOR || 'vi';
  return new Promise((resolvePromise, reject) => {
    // A shell runs the command as users write it in $EDITOR; the file is passed as "$1", never
    // spliced into the command line.
    const child = spawn('/bin/sh', ['-c', `${command} "$1"`, 'ua-editor', file], { stdio: 'inherit' });
    child.on('error', (error) => reject(failure(`cannot start your editor (${command}): ${error.message}`, 'Set $VISUAL or $EDITOR.')));
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(failure(`your editor (${command}) exited with code ${code}`))));
  });
}

/** Lets the user edit a text in their editor; the temporary file is removed afterwards. */
export async function editText(text: string, open: (file: string) => Promise<void>): Promise<string> {
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'ua-'));
  const file = join(dir, 'letter.txt');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    await open(file);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Hands a URL to the desktop (xdg-open, or open on macOS); the URL is one argument, never shell text. */
export function openUrl(url: string): Promise<void> {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', (error) => reject(failure(`cannot open your mail program (${command}): ${error.message}`, 'Copy the mailto: link instead.')));
    child.on('spawn', () => {
      child.unref();
      resolvePromise();
    });
  });
}
