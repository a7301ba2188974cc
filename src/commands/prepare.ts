import { resolve } from 'node:path';
import type { GlobalOptions } from '../cli.js';
import type { Letter } from '../core/compose.js';
import { type EmailPlan, emailBody, planEmail, UnsafeHeaderError } from '../core/email.js';
import type { Sender } from '../core/fields.js';
import type { JournalEntry } from '../core/journal-entries.js';
import { dataError, usageError } from '../errors.js';
import { Journal } from '../io/journal.js';
import { composeMessage } from '../io/mailer.js';
import { journalFile } from '../io/paths.js';
import { isFolderTarget } from '../io/sinks.js';
import { Stage, writeFileAtomically } from '../io/staging.js';
import { note } from '../io/style.js';
import type { World } from '../world.js';

/**
 * For people without SMTP: an .eml draft per letter to open in a mail program, or a mailto:
 * link. Both are recorded in the journal as "prepared": the person sends them.
 */
export interface PrepareContext {
  letters: Letter[];
  sender: Sender;
  from?: string;
  out?: string;
  force: boolean;
  /** Seconds to wait for another run that holds the journal. */
  wait: number;
  globals: GlobalOptions;
  world: World;
}

export async function writeEmlFiles(context: PrepareContext): Promise<number> {
  const { world, letters, out } = context;
  const plans = plansFor(context);
  if (!out && plans.length > 1)
    throw usageError(`--format eml makes one file per letter (${plans.length} here)`, 'Add --out <folder>/, or choose one --target.');
  const messages = await Promise.all(plans.map((plan) => composeMessage(plan, world.now(), true)));
  return recording(plans, 'eml', context, () => {
    if (!out) {
      world.stdout.write(messages[0] ?? '');
      return;
    }
    const folder = isFolderTarget(out, world.cwd);
    if (!folder && plans.length > 1)
      throw usageError(`--out ${out} is one file, and there are ${plans.length} letters`, `Write --out ${out.replace(/\/?$/, '/')} for a folder.`);
    const path = resolve(world.cwd, out);
    if (!folder) writeFileAtomically({ path, force: context.force, shown: out }, messages[0] ?? '');
    else {
      const stage = Stage.open({ path, kind: 'files', force: context.force, shown: out });
      try {
        plans.forEach((plan, i) => {
          stage.write(`${plan.letter.actionId}-${plan.letter.targetId}-${plan.letter.lang}.eml`, messages[i] ?? '');
        });
        stage.commit();
      } catch (error) {
        throw stage.failed(error);
      }
    }
    note(
      world.stderr,
      context.globals,
      `Wrote ${letters.length} draft${letters.length === 1 ? '' : 's'}: open ${letters.length === 1 ? 'it' : 'each'} in your mail program and send.`,
    );
  });
}

export async function printMailtoLinks(context: PrepareContext & { open: boolean }): Promise<number> {
  const plans = plansFor(context);
  return recording(plans, 'mailto', context, async () => {
    for (const plan of plans) {
      const link = mailtoLink(plan, context.sender);
      context.world.stdout.write(`${link}\n`);
      if (context.open) await context.world.openUrl(link);
    }
  });
}

/** RFC 6068: addresses, then subject and body percent-encoded as UTF-8, line breaks as CRLF. */
export function mailtoLink(plan: EmailPlan, sender: Sender): string {
  const to = plan.to.map((mailbox) => encodeURIComponent(mailbox.address).replace(/%40/g, '@')).join(',');
  const body = emailBody(plan.letter, sender).replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${encodeURIComponent(plan.subject)}&body=${encodeURIComponent(body)}`;
}

function plansFor({ letters, sender, from }: PrepareContext): EmailPlan[] {
  const withEmail = letters.filter((letter) => letter.to.length > 0);
  if (withEmail.length === 0) throw dataError('none of the chosen targets has an email address', 'Print the letters instead.');
  try {
    // Without --from the draft's From is the sender's own address, or left to the mail program.
    return withEmail.map((letter) => planEmail(letter, sender, { from: from ?? sender.email }));
  } catch (error) {
    if (error instanceof UnsafeHeaderError) throw dataError(`refused: ${error.message}`);
    throw error;
  }
}

/** Does the work with the journal held, then records each letter as prepared (the person sends it). */
async function recording(plans: readonly EmailPlan[], channel: 'eml' | 'mailto', context: PrepareContext, work: () => void | Promise<void>): Promise<number> {
  const { world, sender, globals } = context;
  const journal = await Journal.open(journalFile(world.env), { waitSeconds: context.wait, say: (text) => note(world.stderr, globals, text) });
  try {
    await work();
    const entries = plans.map(
      (plan): JournalEntry => ({
        v: 2,
        at: world.now().toISOString(),
        ua: plan.letter.actionId,
        key: `${plan.key}:${channel}`,
        state: 'prepared',
        channel,
        target: plan.letter.targetId,
        target_name: plan.letter.recipient[0],
        lang: plan.letter.lang,
        to: plan.envelope.to,
        addresses: Object.fromEntries(plan.envelope.to.map((address) => [address, 'prepared'])),
        sender: sender.name,
        message_id: plan.messageId,
      }),
    );
    await Promise.all(entries.map((entry) => journal.append(entry)));
  } finally {
    await journal.close();
  }
  return 0;
}
