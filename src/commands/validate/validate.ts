import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Translate } from '../../core/i18n.js';
import { formatProblem, type Problem } from '../../core/problems.js';
import { forTerminal } from '../../core/shown.js';
import { dataError } from '../../errors.js';
import { noCache } from '../../io/check-cache.js';
import { actionFilesIn, type Found, Repository } from '../../io/repository.js';
import type { Context } from '../context.js';

export interface ValidateOptions {
  /** Every file's verdict as JSON on stdout. */
  json: boolean;
}

/** One file's verdict, for --json. */
interface Checked {
  file: string;
  valid: boolean;
  id: string | null;
  /** Another file with the same id, seen first: it is the one ua uses. */
  hidden_by: string | null;
  problems: Problem[];
}

export async function validate(paths: readonly string[], flags: ValidateOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. The files: those named (folders expanded), or every UA the tool can see. validate always
  // checks afresh: it is the command people run to be sure.
  const repository = (await Repository.open(t, world, ctx.globals.actionsDirs)).withCache(noCache);
  const files: Found[] = paths.length > 0 ? paths.flatMap((path) => expand(t, resolve(world.cwd, path), path)).map((file) => ({ file })) : repository.found();
  if (files.length === 0) throw dataError(t('validate.none'));

  // 2. Every problem of every file, at once.
  const style = ctx.style(world.stderr);
  const say = (text: string) => !flags.json && ctx.note(text);
  let bad = 0;
  const firstOf = new Map<string, string>();
  const checked: Checked[] = [];
  for (const { file, source } of files) {
    const name = shown(world.cwd, file);
    const { action, problems } = await repository.read(file, name, source);
    if (action) {
      // A file's name is data too (a folder can hold one named with escape sequences).
      say(`${style.good('ok')}  ${forTerminal(name)}`);
      // 3. The same id in two places: the first is the one used; the other is hidden by it.
      const first = firstOf.get(action.id);
      if (first) say(style.warn(forTerminal(t('validate.hidden', { id: action.id, file: first, hidden: name }))));
      else firstOf.set(action.id, name);
      checked.push({ file: name, valid: true, id: action.id, hidden_by: first ?? null, problems: [] });
      continue;
    }
    bad++;
    checked.push({ file: name, valid: false, id: null, hidden_by: null, problems });
    if (!flags.json) ctx.tell(problems.map(formatProblem).join('\n'));
  }

  // 4. The verdict: for programs, every file's, then the exit code says the same.
  if (flags.json) world.stdout.write(`${JSON.stringify(checked, null, 2)}\n`);
  if (bad > 0) throw dataError(t('validate.bad', { count: bad, total: files.length }));
  return 0;
}

/** Paths as the user would type them: relative to where they are, when inside it. */
function shown(cwd: string, file: string): string {
  const path = relative(cwd, file);
  return path.startsWith('..') || isAbsolute(path) ? file : path;
}

function expand(t: Translate, absolute: string, typed: string): string[] {
  try {
    return statSync(absolute).isDirectory() ? actionFilesIn(t, absolute) : [absolute];
  } catch {
    throw dataError(t('validate.missing', { path: typed }));
  }
}
