import { statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { toYaml } from '../../core/import/emit.js';
import { extractAction, type Imported } from '../../core/import/extract.js';
import { formatProblem } from '../../core/problems.js';
import { forTerminal, withoutCredentials } from '../../core/shown.js';
import { validateAction } from '../../core/validate-action.js';
import { parseYamlSource } from '../../core/yaml-source.js';
import { ExitCode, usageError } from '../../errors.js';
import { documentText } from '../../io/document-text.js';
import { localeCodes } from '../../io/repository.js';
import { writeFileAtomically } from '../../io/staging.js';
import type { Context } from '../context.js';

export interface ImportOptions {
  /** The UA file to write, or a folder to write it in, named by its id (stdout without it). */
  out?: string;
  json: boolean;
  force: boolean;
  /** At a terminal: each fact beside its line, kept, edited or removed, before anything is written. */
  review: boolean;
}

/**
 * `ua import`: exit 0 when the UA file it wrote validates; 3 when it was written but still
 * needs a hand (no id, no deadline…: the rest of the document is hours of typing saved, so it
 * is written rather than refused, and a script is told it is not ready for `ua compose`).
 */
export async function importDocument(file: string, options: ImportOptions, ctx: Context): Promise<number> {
  const { world, t, note: say } = ctx;
  // --review asks questions: without a terminal there is no one to ask, and nothing is read.
  if (options.review && !(world.stdin.isTTY && world.stderr.isTTY)) throw usageError(t('import.reviewNeedsTerminal'));

  // 1. The document's text (a PDF's text layer), and what it says.
  const { text, shown } = await readDocument(file, ctx);
  const found = extractAction(t, text);
  for (const warning of found.warnings) say(forTerminal(`${shown}:${warning.line}: ${warning.path ? `${warning.path}: ` : ''}${warning.message}`));
  for (const [path, why] of found.derived) say(forTerminal(t('import.checkDerived', { path, why })));

  // 2. Where it goes (named by the id found), the review at a terminal, and what it still lacks.
  const out = options.out === undefined ? undefined : outputFile(options.out, found, options.json, shown, ctx);
  const shownFile = out?.shown ?? t('import.theFile');
  // A UA file is found by its name (actions/274.11.yaml): one named otherwise is not ready either.
  const fileId = out && !options.json ? basename(out.path, extname(out.path)) : undefined;
  const problemsOf = (imported: Imported) => validateAction(t, parseYamlSource(t, toYaml(t, imported, shown), shownFile), shownFile, localeCodes(), fileId);
  const imported = options.review ? await (await import('./review.js')).review(found, text, problemsOf, ctx) : found;
  const problems = problemsOf(imported);

  // 3. Out: stdout or a file (never overwritten without --force).
  const output = options.json ? `${JSON.stringify(imported.data, null, 2)}\n` : toYaml(t, imported, shown);
  if (out) {
    writeFileAtomically(t, { path: out.path, force: options.force, shown: out.shown }, output);
    say(t('import.wrote', { file: forTerminal(out.shown) }));
  } else world.stdout.write(output);
  if (problems.length > 0) {
    say(`${t('import.fixFirst')}\n${problems.map(formatProblem).join('\n')}`);
    return ExitCode.partial;
  }
  say(out ? t('import.validatesFile', { file: forTerminal(out.shown) }) : t('import.validates'));
  return ExitCode.ok;
}

/** The document's text, and its name as messages give it. An address that holds a user name or password is refused before anything is fetched, and never echoed. */
async function readDocument(file: string, { world, t }: Context): Promise<{ text: string; shown: string }> {
  const web = /^https?:\/\//i.test(file);
  if (/^[a-z][\w+.-]*:\/\/[^/?#]*@/i.test(file))
    throw usageError(t('import.urlCredentials', { url: withoutCredentials(file) }), t('import.urlCredentialsHint'));
  const seconds = Number(world.env.UA_HTTP_TIMEOUT ?? 20);
  const text = await documentText(t, file === '-' || web ? file : resolve(world.cwd, file), world.stdin, (seconds > 0 ? seconds : 20) * 1000);
  return { text, shown: forTerminal(file === '-' ? '<stdin>' : web ? file : basename(file)) };
}

/** -o as given, or inside the folder it names (an existing one, or a path ending in /): <id>.yaml, as UA files are named. */
function outputFile(out: string, imported: Imported, json: boolean, document: string, { world, t }: Context): { path: string; shown: string } {
  const path = resolve(world.cwd, out);
  if (!/[/\\]$/.test(out) && !isFolder(path)) return { path, shown: out };
  const id = imported.data.id;
  // An id is digits and a dot once found (core/ids.ts): anything else would not make a file name.
  if (typeof id !== 'string' || !/^[\w.-]+$/.test(id))
    throw usageError(t('import.noIdToName', { file: document, folder: forTerminal(out) }), t('import.noIdToNameHint', { folder: forTerminal(out) }));
  const name = `${id}.${json ? 'json' : 'yaml'}`;
  return { path: join(path, name), shown: join(out, name) };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
