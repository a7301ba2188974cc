import { join, resolve } from 'node:path';
import type { GlobalOptions } from '../cli.js';
import type { Letter } from '../core/compose.js';
import { type EmailPlan, emailBody, planEmail, UnsafeHeaderError } from '../core/email.js';
import type { Sender } from '../core/fields.js';
import { dataError, usageError } from '../errors.js';
import { writeFilesAtomically } from '../io/files.js';
import { Journal, type JournalEntry } from '../io/journal.js';
import { composeMessage } from '../io/mailer.js';
import { journalFile } from '../io/paths.js';
import { isFolderTarget } from '../io/sinks.js';
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
  globals: GlobalOptions;
  world: World;
}

export async function writeEmlFiles(context: PrepareContext): Promise<number> {
  const { world, letters, out } = context;
  const plans = plansFor(context);
  if (!out && plans.length > 1)
    throw usageError(`--format eml makes one file per letter (${plans.length} here)`, 'Add --out <folder>/, or choose one --target.');
  const messages = await Promise.all(plans.map((plan) => composeMessage(plan, world.now(), true)));
  if (!out) world.stdout.write(messages[0] ?? '');
  else {
    const folder = isFolderTarget(out, world.cwd);
    if (!folder && plans.length > 1)
      throw usageError(`--out ${out} is one file, and there are ${plans.length} letters`, `Write --out ${out.replace(/\/?$/, '/')} for a folder.`);
    const path = (plan: EmailPlan) =>
      folder ? join(resolve(world.cwd, out), `${plan.letter.actionId}-${plan.letter.targetId}-${plan.letter.lang}.eml`) : resolve(world.cwd, out);
    writeFilesAtomically(
      plans.map((plan, i) => ({ path: path(plan), content: messages[i]?.toString('latin1') ?? '' })),
      context.force,
    );
    note(
      world.stderr,
      context.globals,
      `Wrote ${letters.length} draft${letters.length === 1 ? '' : 's'}: open ${letters.length === 1 ? 'it' : 'each'} in your mail program and send.`,
    );
  }
  record(plans, 'eml', context);
  return 0;
}

export async function printMailtoLinks(context: PrepareContext & { open: boolean }): Promise<number> {
  const plans = plansFor(context);
  for (const plan of plans) {
    const link = mailtoLink(plan, context.sender);
    context.world.stdout.write(`${link}\n`);
    if (context.open) await context.world.openUrl(link);
  }
  record(plans, 'mailto', context);
  return 0;
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

function record(plans: readonly EmailPlan[], channel: 'eml' | 'mailto', { world, sender }: PrepareContext): void {
  const journal = new Journal(journalFile(world.env));
  for (const plan of plans) {
    const entry: JournalEntry = {
      at: world.now().toISOString(),
      ua: plan.letter.actionId,
      key: `${plan.key}:${channel}`,
      state: 'prepared',
      channel,
      target: plan.letter.targetId,
      target_name: plan.letter.recipient[0],
      lang: plan.letter.lang,
      to: plan.envelope.to,
      sender: sender.name,
      message_id: plan.messageId,
    };
    journal.append(entry);
  }
}
