import { basename, dirname, extname, resolve } from 'node:path';
import type { Letter } from '../../core/compose.js';
import { type EmailPlan, emailBody, emailPlanner, UnsafeHeaderError } from '../../core/email.js';
import type { Sender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { letterKey } from '../../core/identity.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import type { Channel } from '../../core/outcomes.js';
import { dataError, usageError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { composeMessage } from '../../io/mail/message.js';
import { journalFile } from '../../io/paths.js';
import { isFolderTarget } from '../../io/sinks.js';
import { Stage, writeFileAtomically } from '../../io/staging.js';
import type { World } from '../../world.js';
import { recordPrepared } from '../common/record-prepared.js';
import type { Context } from '../context.js';

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
  ctx: Context;
}

/** Writes the drafts (stdout, a file, or a folder); returns the files written. */
export async function writeEmlFiles(context: PrepareContext & { split?: boolean }): Promise<string[]> {
  const { letters, out, ctx } = context;
  const { world, t } = ctx;
  const plans = plansFor(t, context);
  if (!out && plans.length > 1) throw usageError(t('prepare.emlOnePerLetter', { count: plans.length }), t('prepare.emlOnePerLetterHint'));
  const messages = plans.map((plan) => composeMessage(plan, world.now(), true));
  const written: string[] = [];
  await recording(plans, 'eml', context, () => {
    if (!out) {
      world.stdout.write(messages[0] ?? '');
      return;
    }
    written.push(...writeDrafts(plans, messages, out, context));
    ctx.note(t('prepare.wroteDrafts', { count: letters.length }));
  });
  return written;
}

/**
 * One .eml per letter: into a folder, or as the one file named. Several letters saved under one
 * name (`split`, from the compose menu) become carta-boluarte.eml, carta-rivero.eml beside it.
 */
function writeDrafts(plans: readonly EmailPlan[], messages: readonly Buffer[], out: string, context: PrepareContext & { split?: boolean }): string[] {
  const { world, t } = context.ctx;
  const path = resolve(world.cwd, out);
  const folder = isFolderTarget(out, world.cwd);
  if (!folder && plans.length === 1) {
    writeFileAtomically(t, { path, force: context.force, shown: out }, messages[0] ?? '');
    return [path];
  }
  if (!folder && !context.split)
    throw usageError(t('prepare.oneFile', { out, count: plans.length }), t('prepare.oneFileHint', { folder: out.replace(/\/?$/, '/') }));
  const stem = basename(path, extname(path));
  const name = (plan: EmailPlan) =>
    folder ? `${plan.letter.actionId}-${plan.letter.targetId}-${plan.letter.lang}.eml` : `${stem}-${plan.letter.targetId}${extname(path) || '.eml'}`;
  const stage = Stage.open(t, { path: folder ? path : dirname(path), kind: 'files', force: context.force, shown: folder ? out : dirname(out) });
  try {
    plans.forEach((plan, i) => {
      stage.write(name(plan), messages[i] ?? '');
    });
    return stage.commit();
  } catch (error) {
    throw stage.failed(error);
  }
}

export async function printMailtoLinks(context: PrepareContext & { open: boolean }): Promise<number> {
  const { world, t } = context.ctx;
  const plans = plansFor(t, context);
  return recording(plans, 'mailto', context, async () => {
    for (const plan of plans) {
      const link = mailtoLink(plan, context.sender);
      world.stdout.write(`${link}\n`);
      if (context.open) await world.openUrl(link, t);
    }
  });
}

/** RFC 6068: addresses, then subject and body percent-encoded as UTF-8, line breaks as CRLF. */
export function mailtoLink(plan: EmailPlan, sender: Sender): string {
  const to = plan.to.map((mailbox) => encodeURIComponent(mailbox.address).replace(/%40/g, '@')).join(',');
  const body = emailBody(plan.letter, sender).replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${encodeURIComponent(plan.subject)}&body=${encodeURIComponent(body)}`;
}

function plansFor(t: Translate, { letters, sender, from }: PrepareContext): EmailPlan[] {
  const withEmail = letters.filter((letter) => letter.to.length > 0);
  if (withEmail.length === 0) throw dataError(t('prepare.noEmail'), t('prepare.noEmailHint'));
  try {
    // Without --from the draft's From is the sender's own address, or left to the mail program.
    const plan = emailPlanner(t, { from: from ?? sender.email });
    return withEmail.map((letter) => plan(letter, sender));
  } catch (error) {
    if (error instanceof UnsafeHeaderError) throw dataError(t('send.refusedValue', { where: error.message }));
    throw error;
  }
}

/** Does the work with the journal held, then records each letter as prepared (the person sends it). */
async function recording(plans: readonly EmailPlan[], channel: 'eml' | 'mailto', context: PrepareContext, work: () => void | Promise<void>): Promise<number> {
  const { sender, ctx } = context;
  const { world, t } = ctx;
  const journal = await Journal.open(journalFile(world.env), { t, waitSeconds: context.wait, say: ctx.note });
  try {
    await work();
    const entries = plans.map((plan) => preparedEntry(plan.letter, `${plan.key}:${channel}`, channel, plan.recipients, sender, world, plan.messageId));
    await Promise.all(entries.map((entry) => journal.append(entry)));
  } finally {
    await journal.close();
  }
  return 0;
}

/** Letters printed or saved to send by post: recorded as prepared, so that "ua report" counts what a volunteer did. */
export async function recordPrinted(letters: readonly Letter[], sender: Sender, ctx: Context): Promise<void> {
  const entries = letters.map((letter) =>
    preparedEntry(letter, `${letterKey(letter.actionId, letter.targetId, sender)}:post`, 'post', [letter.recipient[0] ?? letter.targetId], sender, ctx.world),
  );
  await recordPrepared(entries, ctx);
}

function preparedEntry(letter: Letter, key: string, channel: Channel, to: string[], sender: Sender, world: World, messageId?: string): JournalEntry {
  return {
    v: ENTRY_VERSION,
    at: world.now().toISOString(),
    ua: letter.actionId,
    key,
    state: 'prepared',
    channel,
    target: letter.targetId,
    target_name: letter.recipient[0],
    lang: letter.lang,
    to,
    addresses: Object.fromEntries(to.map((address) => [address, 'prepared'])),
    sender: sender.name,
    ...(messageId ? { message_id: messageId } : {}),
  };
}
