import type { Action } from '../../core/action.js';
import type { Letter } from '../../core/compose.js';
import { deadlineStatus, formatDate, localDay, parseIsoDate } from '../../core/dates.js';
import { type EmailPlan, planEmail, readableMessage, UnsafeHeaderError } from '../../core/email.js';
import type { Sender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { LetterIndex } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import { cancelled, dataError, usageError } from '../../errors.js';
import type { Config } from '../../io/config.js';
import { Journal } from '../../io/journal.js';
import { noteDamaged, readJournal } from '../../io/journal-read.js';
import { deliver, type Outgoing, type Result } from '../../io/mail/delivery.js';
import { composeMessage } from '../../io/mail/message.js';
import { describeServer } from '../../io/mail/server.js';
import { journalFile } from '../../io/paths.js';
import { loadLocale } from '../../io/repository.js';
import type { Context } from '../context.js';
import type { SendingOptions } from './options.js';
import { exitCodeOf, outcomeWord, printResults } from './results.js';
import { fromAddress, smtpSettings, withPassword } from './settings.js';

/** What a send needs besides its letters: the UA, the options, the config, whether it may ask, the run. */
export interface SendingRun {
  action: Action;
  options: SendingOptions;
  config: Config;
  interactive: boolean;
  ctx: Context;
}

export interface SendContext extends SendingRun {
  letters: Letter[];
  sender: Sender;
}

/** `--send`: each letter to its target once, with the truth about what happened. */
export async function sendLetters(context: SendContext): Promise<number> {
  const { action, options, config, ctx } = context;
  const { world, t, note: say } = ctx;

  // 1. What would be sent: one email per target with an address; anything unsafe is refused.
  const from = fromAddress(t, options, world.env, config, context.sender);
  const plans = planAll(context, from, say);
  if (config.exposed) say(ctx.style(world.stderr).warn(t('send.exposed', { file: forTerminal(config.file) })));

  // 2. Rehearsals first: a dry run opens no connection and needs no server or password.
  if (options.dryRun) return showDryRun(plans, options, ctx, say, deadlineNote(action, options, ctx));
  guardDeadline(action, options, ctx);
  const settings = smtpSettings(t, options, world.env, config);

  // 3. The journal, ours alone for the run, decides what is still owed.
  const journal = await Journal.open(journalFile(world.env), { t, waitSeconds: options.wait, say });
  try {
    const { outgoing, skipped } = owedLetters(t, plans, journal, options.resend);
    if (outgoing.length === 0) {
      printResults(skipped, options.json, ctx);
      return exitCodeOf(skipped);
    }

    // 4. Consent: a summary and a question at a terminal; --yes otherwise. Then the password.
    if (!options.yes) await confirm(outgoing, from, describeServer(t, settings), context);
    const withLogin = await withPassword(t, settings, world.env, config, context.interactive ? () => world.prompter(ctx.style(world.stderr), t) : undefined);

    // 5. Send, each step in the journal before it counts.
    let counter = 0;
    const onDone = (result: Result) =>
      say(t('punct.labelled', { label: `${++counter}/${outgoing.length} ${Object.keys(result.addresses).join(', ')}`, value: outcomeWord(t, result.outcome) }));
    const delivery = await deliver(outgoing, { t, open: world.mailer(withLogin, t), journal, now: world.now, onDone });
    const all = [...skipped, ...delivery.results];
    printResults(all, options.json, ctx);
    if (delivery.journalFailure) throw delivery.journalFailure;
    if (delivery.stopped) ctx.tell(t('send.stopped', { reason: delivery.stopped }));

    // 6. The exit code says what reached the officials.
    return exitCodeOf(all);
  } finally {
    await journal.close();
  }
}

/**
 * Each plan against the journal: the addresses it still owes go out now; a letter that every
 * address has (or whose outcome is unknown) is reported, not sent. The same letter twice in one
 * run would be sent twice: the sheet check refuses it earlier, and this is the last guard.
 */
export function owedLetters(
  t: Translate,
  plans: readonly EmailPlan[],
  index: Pick<Journal, 'owed'>,
  resend: boolean,
): { outgoing: Outgoing[]; skipped: Result[] } {
  const seen = new Set<string>();
  const outgoing: Outgoing[] = [];
  const skipped: Result[] = [];
  for (const plan of plans) {
    if (seen.has(plan.key)) throw dataError(t('send.twice', { sender: plan.senderName, target: plan.letter.targetId }));
    seen.add(plan.key);
    const letter = {
      key: plan.key,
      ua: plan.letter.actionId,
      target: plan.letter.targetId,
      senderName: plan.senderName,
      senderEmail: plan.replyTo?.address,
      to: plan.to.map((mailbox) => mailbox.address),
      testTo: plan.testTo,
    };
    const owed = index.owed(letter, plan.recipients, resend);
    if (owed.send.length > 0) {
      outgoing.push({ plan, owed });
      continue;
    }
    const addresses = Object.fromEntries([...owed.had.map((a) => [a, 'sent'] as const), ...owed.inDoubt.map((a) => [a, 'unknown'] as const)]);
    if (owed.inDoubt.length === 0) skipped.push({ plan, outcome: 'already sent', addresses, reason: t('send.recordedSent') });
    else
      skipped.push({
        plan,
        outcome: owed.had.length > 0 ? 'partly sent' : 'unknown',
        addresses,
        reason: t('send.unknownBefore', { addresses: owed.inDoubt.join(', '), target: plan.letter.targetId }),
      });
  }
  return { outgoing, skipped };
}

/** The messages as a person reads them, after the journal's say; nothing opened, no lock taken. */
export async function showDryRun(
  plans: readonly EmailPlan[],
  options: Pick<SendingOptions, 'resend'>,
  { world, t }: Context,
  say: (text: string) => void,
  deadline: string | undefined,
): Promise<number> {
  const file = journalFile(world.env);
  const read = readJournal(t, file);
  noteDamaged(t, file, read, say);
  const { outgoing, skipped } = owedLetters(t, plans, LetterIndex.of(read.entries), options.resend);
  const rule = `${'-'.repeat(76)}\n`;
  for (const { plan, owed } of outgoing) {
    // Built as it would be sent, so a dry run fails where the real run would.
    composeMessage(plan, world.now());
    const only = owed.send.length < plan.recipients.length ? `[${t('send.onlyTo', { addresses: owed.send.join(', ') })}]\n` : '';
    world.stdout.write(`${only}${readableMessage(t, plan, world.now())}${rule}`);
  }
  if (skipped.length > 0) say(t('send.dryRunSkipped', { count: skipped.length }));
  say(t('send.dryRun', { count: outgoing.length }));
  if (deadline) say(deadline);
  return 0;
}

export async function confirm(
  outgoing: readonly Outgoing[],
  from: string,
  server: string,
  { interactive, ctx }: Pick<SendContext, 'interactive' | 'ctx'>,
): Promise<void> {
  const { world, t } = ctx;
  const n = outgoing.length;
  if (!interactive) throw usageError(t('send.needsYes', { count: n }));
  ctx.tell(summary(t, outgoing, from, server));
  const prompter = await world.prompter(ctx.style(world.stderr), t);
  if (!(await prompter.confirm(t('send.confirm', { count: n }), false))) throw cancelled(t('errors.cancelled'));
}

function planAll({ letters, sender, options, action, ctx: { t } }: SendContext, from: string, say: (text: string) => void): EmailPlan[] {
  const withEmail = letters.filter((letter) => letter.to.length > 0);
  for (const letter of letters.filter((l) => l.to.length === 0)) say(t('send.byPost', { name: letter.recipient[0] ?? letter.targetId, id: action.id }));
  if (withEmail.length === 0) throw dataError(t('send.noEmail', { id: action.id }), t('send.noEmailHint'));
  try {
    return withEmail.map((letter) => planEmail(t, letter, sender, { from, testTo: options.testTo }));
  } catch (error) {
    if (error instanceof UnsafeHeaderError) throw dataError(t('send.refusedValue', { where: error.message }), t('send.refusedValueHint'));
    throw error;
  }
}

/** After the deadline a real send needs --after-deadline; a rehearsal (--test-to) does not. */
export function guardDeadline(action: Action, options: Pick<SendingOptions, 'afterDeadline' | 'testTo'>, ctx: Context): void {
  const { t } = ctx;
  const passed = passedOn(action, options, ctx);
  if (!passed) return;
  throw usageError(t('send.deadline', { id: action.id, date: passed }), t('send.deadlineHint'));
}

/** What a dry run says when the real send would stop at the deadline. */
export function deadlineNote(action: Action, options: Pick<SendingOptions, 'afterDeadline' | 'testTo'>, ctx: Context): string | undefined {
  const passed = passedOn(action, options, ctx);
  return passed ? ctx.t('send.deadlineNote', { id: action.id, date: passed }) : undefined;
}

function passedOn(action: Action, options: Pick<SendingOptions, 'afterDeadline' | 'testTo'>, ctx: Context): string | undefined {
  const deadline = parseIsoDate(action.deadline);
  if (!deadline || options.afterDeadline || options.testTo) return undefined;
  if (deadlineStatus(deadline, localDay(ctx.world.now())).open) return undefined;
  return formatDate(deadline, loadLocale(ctx.t, ctx.uiLang));
}

function summary(t: Translate, outgoing: readonly Outgoing[], from: string, server: string): string {
  const rehearsal = outgoing[0]?.plan.testTo ? ` ${t('send.rehearsal', { address: outgoing[0].plan.testTo })}` : '';
  const head = `${t('send.aboutTo', { count: outgoing.length, from, server })}${rehearsal}:`;
  const mailbox = ({ plan, owed }: Outgoing) =>
    plan.to
      .filter((m) => plan.testTo || owed.send.includes(m.address))
      .map((m) => (m.name ? `${m.name} <${m.address}>` : m.address))
      .join(', ');
  if (outgoing.length <= 10) return [head, ...outgoing.map((o, i) => `  ${i + 1}. ${mailbox(o)}  [${o.plan.letter.lang}] "${o.plan.subject}"`)].join('\n');
  // A whole evening's letters: how many to whom, in which languages.
  const groups = new Map<string, Outgoing[]>();
  for (const o of outgoing) groups.set(mailbox(o), [...(groups.get(mailbox(o)) ?? []), o]);
  const lines = [...groups.entries()].map(([to, group]) => `  ${group.length} × ${to}  [${[...new Set(group.map((o) => o.plan.letter.lang))].join(', ')}]`);
  return [head, ...lines].join('\n');
}
