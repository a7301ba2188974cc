import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { documentTitle } from '../../core/choose.js';
import { extensionOf, formatOfExtension, type NamedFormat } from '../../core/formats.js';
import { renderDocument } from '../../core/render.js';
import { forTerminal } from '../../core/shown.js';
import { writeFileAtomically } from '../../io/staging.js';
import type { Prompter } from '../../world.js';
import { letterTexts } from '../common/printable.js';
import type { MenuContext } from './composed.js';

/** What a file's name says it is (core/formats.ts). */
type SaveFormat = NamedFormat;

const dotted = (format: SaveFormat) => `.${extensionOf(format)}`;

/**
 * "Save it to a file": the name decides the format (carta.pdf is the print-ready PDF, not text
 * named .pdf), `~` is the home folder, a name without an extension asks which kind. An existing
 * file is replaced only when the volunteer says so; otherwise another name is asked. Returns
 * false when nothing was saved and the menu should come back.
 */
export async function saveLetters(prompter: Prompter, context: MenuContext, edited: string | undefined): Promise<boolean> {
  const { action, letters, ctx, say } = context;
  const { world, t } = ctx;
  let suggestion = context.options.out ?? `${action.id}-${letters[0]?.lang ?? 'letter'}${dotted(context.format)}`;
  for (;;) {
    const answer = (
      await prompter.input(t('save.question'), { default: suggestion, validate: (value) => (value.trim() ? undefined : t('save.needName')) })
    ).trim();
    let path = resolve(world.cwd, withHome(answer, world.env.HOME || homedir()));
    let format: SaveFormat | undefined = formatOfExtension(extname(path));
    if (!format) {
      format = await prompter.select<SaveFormat>(t('save.kind'), [
        { value: 'text', name: t('save.text') },
        { value: 'pdf', name: t('save.pdf') },
        { value: 'html', name: t('save.html') },
        { value: 'markdown', name: t('save.markdown') },
        { value: 'eml', name: t('save.eml') },
      ]);
      if (!extname(path)) path += dotted(format);
    }
    // An edited letter is plain text: it can be saved as text, not laid out again.
    if (edited !== undefined && format !== 'text' && format !== 'markdown') {
      say(t('save.editedIsText', { count: context.letters.length }));
      suggestion = replaceExtension(answer, '.txt');
      continue;
    }
    if (existsSync(path) && !context.options.force && !(await prompter.confirm(t('save.replace', { file: basename(path) }), false))) {
      suggestion = freeName(path);
      continue;
    }
    const written = await write(path, format, edited, context);
    if (!written) {
      suggestion = replaceExtension(answer, '.html');
      continue;
    }
    say(t('save.saved', { count: letters.length, files: forTerminal(written.join(', ')) }));
    return true;
  }
}

/** The files written, or undefined when this format cannot hold these letters (said why). */
async function write(path: string, format: SaveFormat, edited: string | undefined, context: MenuContext): Promise<string[] | undefined> {
  const { letters, ctx, say, action } = context;
  const { world, t } = ctx;
  if (format === 'pdf') {
    const { unprintable, listCharacters } = await import('../../io/pdf-fonts.js');
    const missing = await unprintable(letters.flatMap(letterTexts));
    if (missing.length > 0) {
      say(t('save.pdfCannotPrint', { characters: listCharacters(missing) }));
      return undefined;
    }
    const { writePdfLetters } = await import('../../io/pdf-files.js');
    const out = { out: path, force: true, paper: context.options.paper, cwd: world.cwd, title: documentTitle(action) } as const;
    return writePdfLetters(t, letters, out, world);
  }
  if (format === 'eml') {
    const { writeEmlFiles } = await import('./prepare.js');
    return writeEmlFiles({ ...context, from: context.options.from ?? world.env.UA_FROM, out: path, force: true, wait: 0, split: true });
  }
  writeFileAtomically(t, { path, force: true, shown: path }, edited ?? renderDocument(letters, format));
  return [path];
}

/** `~/letters/carta.txt` is in the home folder, as a shell would have it. */
export function withHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

function replaceExtension(name: string, extension: string): string {
  return `${name.slice(0, name.length - extname(name).length)}${extension}`;
}

/** carta.txt → carta-2.txt (or -3, …): a name that is not taken. */
function freeName(path: string): string {
  const extension = extname(path);
  const stem = join(dirname(path), basename(path, extension));
  for (let n = 2; ; n++) if (!existsSync(`${stem}-${n}${extension}`)) return `${stem}-${n}${extension}`;
}
