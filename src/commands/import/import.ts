import { basename, resolve } from 'node:path';
import { toYaml } from '../../core/import/emit.js';
import { extractAction } from '../../core/import/extract.js';
import { formatProblem } from '../../core/problems.js';
import { forTerminal } from '../../core/shown.js';
import { validateAction } from '../../core/validate-action.js';
import { parseYamlSource } from '../../core/yaml-source.js';
import { documentText } from '../../io/document-text.js';
import { localeCodes } from '../../io/repository.js';
import { writeFileAtomically } from '../../io/staging.js';
import type { Context } from '../context.js';

export interface ImportOptions {
  /** The UA file to write (stdout without it). */
  out?: string;
  json: boolean;
  force: boolean;
}

export async function importDocument(file: string, options: ImportOptions, ctx: Context): Promise<number> {
  const { world, t, note: say } = ctx;

  // 1. The document's text (a PDF's text layer), and what it says.
  const web = /^https?:\/\//i.test(file);
  const seconds = Number(world.env.UA_HTTP_TIMEOUT ?? 20);
  const text = await documentText(t, file === '-' || web ? file : resolve(world.cwd, file), world.stdin, (seconds > 0 ? seconds : 20) * 1000);
  const imported = extractAction(t, text);
  const shown = file === '-' ? '<stdin>' : web ? file : basename(file);

  // 2. The UA file, and what it still lacks: every warning with the line it came from.
  const yaml = toYaml(t, imported, shown);
  const output = options.json ? `${JSON.stringify(imported.data, null, 2)}\n` : yaml;
  for (const warning of imported.warnings) say(forTerminal(`${shown}:${warning.line}: ${warning.path ? `${warning.path}: ` : ''}${warning.message}`));
  for (const [path, why] of imported.derived) say(forTerminal(t('import.checkDerived', { path, why })));
  const shownFile = options.out ?? t('import.theFile');
  const problems = validateAction(t, parseYamlSource(t, yaml, shownFile), shownFile, localeCodes());

  // 3. Out: stdout or a file (never overwritten without --force).
  if (options.out) {
    writeFileAtomically(t, { path: resolve(world.cwd, options.out), force: options.force, shown: options.out }, output);
    say(t('import.wrote', { file: forTerminal(options.out) }));
  } else world.stdout.write(output);
  if (problems.length > 0) say(`${t('import.fixFirst')}\n${problems.map(formatProblem).join('\n')}`);
  else say(options.out ? t('import.validatesFile', { file: forTerminal(options.out) }) : t('import.validates'));
  return 0;
}
