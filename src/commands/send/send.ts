import type { Action } from '../../core/action.js';
import type { Letter } from '../../core/compose.js';
import { deadlineStatus, formatDate, localDay, parseIsoDate } from '../../core/dates.js';
import { type EmailPlan, emailPlanner, readableMessage, UnsafeHeaderError } from '../../core/email.js';
import type { Sender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { LetterIndex, type Owed } from '../../core/journal-entries.js';
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
import { remindToReport } from '../common/report-reminder.js';
import type { Context } from '../context.js';
import type { SendingOptions } from './options.js';
import { exitCodeOf, outcomeWord, printResults } from './results.js';
import { fromAddress, smtpSettings, withPassword } from './settings.js';
import { SendSummary } from './summary.js';

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
    if (!options.yes) await confirm(SendSummary.of(outgoing), from, describeServer(t, settings), context);
    const withLogin = await withPassword(t, settings, world.env, config, context.interactive ? () => world.prompter(ctx.style(world.stderr), t) : undefined);

    // 5. Send, each step in the journal before it counts.
    const results: Result[] = [];
    let counter = 0;
    const onDone = (result: Result, _: Outgoing, index: number) => {
      results[index] = result;
      say(t('punct.labelled', { label: `${++counter}/${outgoing.length} ${Object.keys(result.addresses).join(', ')}`, value: outcomeWord(t, result.outcome) }));
    };
    const delivery = await deliver(outgoing, { t, open: world.mailer(withLogin, t), journal, now: world.now, onDone });
    const all = [...skipped, ...results];
    printResults(all, options.json, ctx);
    if (!options.testTo) remindToReport(ctx, action.id, results.filter((r) => r.outcome === 'sent' || r.outcome === 'partly sent').length);
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
 * address has (or whose outcome is unknown) is reported, not sent.
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
    const owed = owedBy(t, plan, index, resend, seen);
    if (owed.send.length > 0) outgoing.push({ plan, owed });
    else skipped.push(notAgain(t, plan, owed));
  }
  return { outgoing, skipped };
}

/**
 * What one letter still owes, by the journal. The same letter twice in one run would be sent
 * twice: the sheet check refuses it earlier, and `seen` (the run's letters so far) is the last guard.
 */
export function owedBy(t: Translate, plan: EmailPlan, index: Pick<Journal, 'owed'>, resend: boolean, seen: Set<string>): Owed {
  onlyOnce(t, plan, seen);
  const letter = {
    key: plan.key,
    ua: plan.letter.actionId,
    target: plan.letter.targetId,
    senderName: plan.senderName,
    senderEmail: plan.replyTo?.address,
    to: plan.to.map((mailbox) => mailbox.address),
    testTo: plan.testTo,
  };
  return index.owed(letter, plan.recipients, resend);
}

/** Refuses a letter `seen` already has: the same signer to the same target twice in one run. */
export function onlyOnce(t: Translate, plan: EmailPlan, seen: Set<string>): void {
  if (seen.has(plan.key)) throw dataError(t('send.twice', { sender: plan.senderName, target: plan.letter.targetId }));
  seen.add(plan.key);
}

/** A letter that owes nothing now: every address has it, or its outcome is unknown (--resend sends it). */
export function notAgain(t: Translate, plan: EmailPlan, owed: Owed): Result {
  const addresses = Object.fromEntries([...owed.had.map((a) => [a, 'sent'] as const), ...owed.inDoubt.map((a) => [a, 'unknown'] as const)]);
  if (owed.inDoubt.length === 0) return { plan, outcome: 'already sent', addresses, reason: t('send.recordedSent') };
  return {
    plan,
    outcome: owed.had.length > 0 ? 'partly sent' : 'unknown',
    addresses,
    reason: t('send.unknownBefore', { addresses: owed.inDoubt.join(', '), target: plan.letter.targetId }),
  };
}

/**
 * The messages as a person reads them, after the journal's say; nothing opened, no lock taken.
 * The plans may be a stream (a batch's): each is shown and let go.
 */
export async function showDryRun(
  plans: Iterable<EmailPlan> | AsyncIterable<EmailPlan>,
  options: Pick<SendingOptions, 'resend'>,
  { world, t }: Context,
  say: (text: string) => void,
  deadline: string | undefined,
): Promise<number> {
  const file = journalFile(world.env);
  const read = readJournal(t, file);
  noteDamaged(t, file, read, say);
  const index = LetterIndex.of(read.entries);
  const seen = new Set<string>();
  const rule = `${'-'.repeat(76)}\n`;
  let shown = 0;
  let skipped = 0;
  for await (const plan of plans) {
    const owed = owedBy(t, plan, index, options.resend, seen);
    if (owed.send.length === 0) {
      skipped++;
      continue;
    }
    // Built as it would be sent, so a dry run fails where the real run would.
    composeMessage(plan, world.now());
    const only = owed.send.length < plan.recipients.length ? `[${t('send.onlyTo', { addresses: owed.send.join(', ') })}]\n` : '';
    world.stdout.write(`${only}${readableMessage(t, plan, world.now())}${rule}`);
    shown++;
  }
  if (skipped > 0) say(t('send.dryRunSkipped', { count: skipped }));
  say(t('send.dryRun', { count: shown }));
  if (deadline) say(deadline);
  return 0;
}

/** Consent: the summary and a question at a terminal; without one, --yes is needed. */
export async function confirm(
  summary: SendSummary,
  from: string,
  server: string,
  { interactive, ctx }: Pick<SendContext, 'interactive' | 'ctx'>,
): Promise<void> {
  const { world, t } = ctx;
  const n = summary.count;
  if (!interactive) throw usageError(t('send.needsYes', { count: n }));
  ctx.tell(summary.text(t, from, server));
  const prompter = await world.prompter(ctx.style(world.stderr), t);
  if (!(await prompter.confirm(t('send.confirm', { count: n }), false))) throw cancelled(t('errors.cancelled'));
}

function planAll({ letters, sender, options, action, ctx: { t } }: SendContext, from: string, say: (text: string) => void): EmailPlan[] {
  const withEmail = letters.filter((letter) => letter.to.length > 0);
  for (const letter of letters.filter((l) => l.to.length === 0)) say(t('send.byPost', { name: letter.recipient[0] ?? letter.targetId, id: action.id }));
  if (withEmail.length === 0) throw dataError(t('send.noEmail', { id: action.id }), t('send.noEmailHint'));
  try {
    const plan = emailPlanner(t, { from, testTo: options.testTo });
    return withEmail.map((letter) => plan(letter, sender));
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
