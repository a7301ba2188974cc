import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Action } from '../../core/action.js';
import { copyLanguagesOf } from '../../core/evening.js';
import type { EveningAnswers, KeptLetter } from '../../io/evening.js';
import { writeFileAtomically } from '../../io/staging.js';
import type { BatchOptions } from '../batch/batch.js';
import { warnDeadline } from '../common/deadline-note.js';
import type { Context } from '../context.js';
import { sendingOptions } from '../send/options.js';
import { lettersOf, senderOf } from './letter-form.js';
import type { Site } from './site.js';

// The evening's letters leave the way `ua batch`'s do, through `ua batch` itself: the kept
// answers become a sign-up sheet (one row a letter, in the order they arrived), and the print
// pack, or the pooled send under the journal, is batch's for that sheet: the same PDF, the same
// exactly-once sending, the same counts for `ua report`.

/** Where the evening's print packs and drafts go: a folder in the organiser's current one. */
export const outputFolder = (site: Site): string => join(site.ctx.world.cwd, `ua-evening-${site.evening.file.started.slice(0, 10)}`);

/** The letters to print or send: all but those set aside, per UA. */
function byUa(site: Site): { action: Action; letters: KeptLetter[] }[] {
  const kept = site.evening.letters().filter((letter) => !letter.setAside);
  return site.actions.map((action) => ({ action, letters: kept.filter((letter) => letter.ua === action.id) }));
}

/** A UA's letters as a sign-up sheet (YAML: every field as typed, nothing a CSV cell could mangle). */
export function writeSheet(site: Site, action: Action, letters: readonly KeptLetter[]): string {
  const path = join(site.evening.folder, 'sheets', `${action.id.replace(/[^0-9A-Za-z.-]/g, '_')}.yaml`);
  const rows = letters.map(({ answers }) => sheetRow(answers));
  writeFileAtomically(site.ctx.t, { path, force: true, shown: path }, stringify(rows));
  return path;
}

export const sheetRow = (answers: EveningAnswers) => ({
  name: answers.name,
  city: answers.city,
  country: answers.country,
  ...(answers.email ? { email: answers.email } : {}),
  lang: answers.lang,
  targets: answers.targets,
  ...(answers.about ? { about: answers.about } : {}),
  ...(answers.note ? { note: answers.note } : {}),
});

/**
 * The print pack of each UA (walk-in copies too, in those of `langs` it has a letter in), as
 * `ua batch <id> --signers <sheet> --copies <n> --lang <langs> --out <folder>` writes it.
 */
export async function printPacks(site: Site, copies: number, langs: readonly string[]): Promise<{ folders: string[]; code: number; done: KeptLetter[] }> {
  const { batch } = await import('../batch/batch.js');
  const folders: string[] = [];
  const done: KeptLetter[] = [];
  let code = 0;
  for (const { action, letters } of byUa(site)) {
    if (letters.length === 0 && copies === 0) continue;
    const out = join(outputFolder(site), action.id);
    const signers = letters.length > 0 ? writeSheet(site, action, letters) : undefined;
    const options = batchOptions({ signers, copies, langs: copyLanguagesOf(action, langs), out });
    const packed = await batch(action.id, options, inThisThread(site.ctx));
    code = Math.max(code, packed);
    folders.push(out);
    // Printed as the sheet has them: a letter changed since is not.
    if (packed === 0) done.push(...letters);
  }
  return { folders, code, done };
}

/**
 * The pooled send under the journal: `ua batch <id> --signers <sheet> --send --yes`, a UA after
 * another; `--after-deadline` when the organiser ticked the page's box, and the terminal then
 * says what `ua batch` says of a UA past its deadline.
 */
export async function sendAll(site: Site, asked: { afterDeadline: boolean }): Promise<{ code: number; done: KeptLetter[] }> {
  const { batch } = await import('../batch/batch.js');
  const { ctx } = site;
  const done: KeptLetter[] = [];
  let code = 0;
  for (const { action, letters } of byUa(site)) {
    if (letters.length === 0) continue;
    if (asked.afterDeadline) warnDeadline(action, ctx, ctx.tell, ctx.style(ctx.world.stderr).warn);
    const options = batchOptions({ signers: writeSheet(site, action, letters), copies: 0, langs: [], send: true, afterDeadline: asked.afterDeadline });
    const sent = await batch(action.id, options, inThisThread(site.ctx));
    code = Math.max(code, sent);
    if (sent === 0) done.push(...letters);
  }
  return { code, done };
}

/** An .eml draft per letter, per attendee's folder (recorded as prepared, as `ua compose --format eml` does). */
export async function writeDrafts(site: Site): Promise<{ root: string; done: KeptLetter[] }> {
  const { writeEmlFiles } = await import('../compose/prepare.js');
  const root = join(outputFolder(site), 'drafts');
  const done: KeptLetter[] = [];
  for (const { action, letters } of byUa(site)) {
    for (const kept of letters) {
      const composed = (await lettersOf(site.ctx.t, action, kept.answers, site.ctx.world.now())).filter((letter) => letter.to.length > 0);
      if (composed.length === 0) continue;
      const sender = senderOf(kept.answers);
      const out = `${join(root, `${kept.seq}-${action.id}`)}/`;
      await writeEmlFiles({ letters: composed, sender, from: site.ctx.world.env.UA_FROM, out, force: true, wait: 30, ctx: site.ctx });
      done.push(kept);
    }
  }
  return { root, done };
}

function batchOptions(given: { signers?: string; copies: number; langs: string[]; out?: string; send?: boolean; afterDeadline?: boolean }): BatchOptions {
  return {
    // yes: the organiser pressed the button; and a question in the terminal would hold the page's request, so the offer to report is a line there.
    ...sendingOptions({ send: given.send, yes: true, wait: 30, afterDeadline: given.afterDeadline }),
    submit: false,
    signers: given.signers,
    copies: given.copies,
    langs: given.langs,
    skipInvalid: false,
    format: 'pdf',
    out: given.out,
    force: true,
    paper: 'a4',
    labels: true,
    envelopes: true,
    connections: 5,
    now: false,
  };
}

/** `ua batch` would hand a big print run to a worker thread that runs this command line again: here it runs in place. */
const inThisThread = (ctx: Context): Context => ({ ...ctx, world: { ...ctx.world, inWorkerThread: undefined } });
