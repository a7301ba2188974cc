import { spawn } from 'node:child_process';
import { cancelled, failure } from '../errors.js';
import { t } from '../i18n.js';
import type { Env, World } from '../world.js';

/** Opens a file in $VISUAL or $EDITOR (which may carry arguments, e.g. "code --wait"). */
export function openInEditor(env: Env, file: string): Promise<void> {
  const command = editorCommand(env);
  return new Promise((resolvePromise, reject) => {
    // A shell runs the command as users write it in $EDITOR; the file is passed as "$1", never
    // spliced into the command line.
    const child = spawn('/bin/sh', ['-c', `${command} "$1"`, 'ua-editor', file], { stdio: 'inherit' });
    child.on('error', (error) => reject(failure(t('editor.cannotStart', { editor: command, reason: error.message }), t('editor.setEditor'))));
    child.on('exit', (code, signal) => {
      if (code === 0) return resolvePromise();
      if (signal === 'SIGINT' || code === 130) return reject(cancelled());
      // The shell says 127 when it cannot find the command.
      if (code === 127) return reject(failure(t('editor.notFound', { editor: command }), t('editor.notFoundHint')));
      reject(failure(t('editor.failed', { editor: command, code: String(code ?? signal) })));
    });
  });
}

export function editorCommand(env: Env): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

/**
 * Lets the user edit a text in their editor. The temporary file (it holds a name and a city)
 * is removed whatever happens; Ctrl-C while the editor is open ends as a cancellation.
 */
export async function editText(text: string, world: Pick<World, 'openEditor' | 'onInterrupt'>): Promise<string> {
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
    await world.openEditor(file);
    if (interrupted) throw cancelled();
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw interrupted ? cancelled() : error;
  } finally {
    stopListening();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Hands a URL to the desktop (xdg-open, or open on macOS); the URL is one argument, never shell text. */
export function openUrl(url: string): Promise<void> {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', (error) => reject(failure(t('editor.noMailProgram', { program: command, reason: error.message }), t('editor.noMailProgramHint'))));
    child.on('spawn', () => {
      child.unref();
      resolvePromise();
    });
  });
}
