import type { GlobalOptions } from '../cli.js';
import type { Action } from '../core/action.js';
import type { Letter } from '../core/compose.js';
import { deadlineStatus, formatDate, localDay, parseIsoDate } from '../core/dates.js';
import { type EmailPlan, planEmail, readableMessage, UnsafeHeaderError } from '../core/email.js';
import type { Sender } from '../core/fields.js';
import { LetterIndex } from '../core/journal-entries.js';
import { cancelled, dataError, usageError } from '../errors.js';
import { t, uiLanguage } from '../i18n.js';
import type { Config } from '../io/config.js';
import { Journal, noteDamaged, readJournal } from '../io/journal.js';
import { composeMessage, describeServer } from '../io/mailer.js';
import { journalFile } from '../io/paths.js';
import { loadLocale } from '../io/repository.js';
import { note, styleFor } from '../io/style.js';
import type { World } from '../world.js';
import { deliver, type Outgoing, type Result } from './send-deliver.js';
import { exitCodeOf, outcomeWord, printResults } from './send-results.js';
import { fromAddress, type SendFlags, smtpSettings, waitSeconds, withPassword } from './send-settings.js';

/** The sending options compose and batch share. */
export interface SendingFlags extends SendFlags {
  send?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  afterDeadline?: boolean;
  resend?: boolean;
  json?: boolean;
  /** Seconds to wait for another run that holds the journal. */
  wait?: string;
}

export interface SendContext {
  action: Action;
  letters: Letter[];
  sender: Sender;
  options: SendingFlags;
  config: Config;
  interactive: boolean;
  globals: GlobalOptions;
  world: World;
}

/** `--send`: each letter to its target once, with the truth about what happened. */
export async function sendLetters(context: SendContext): Promise<number> {
  const { action, options, world, globals, config } = context;
  const say = (text: string) => note(world.stderr, globals, text);

  // 1. What would be sent: one email per target with an address; anything unsafe is refused.
  const from = fromAddress(options, world.env, config, context.sender);
  const plans = planAll(context, from, say);
  if (config.exposed) say(styleFor(world.stderr, globals).warn(t('send.exposed', { file: config.file })));

  // 2. Rehearsals first: a dry run opens no connection and needs no server or password.
  if (options.dryRun) return showDryRun(plans, options, world, say, deadlineNote(action, options, world));
  guardDeadline(action, options, world);
  const settings = smtpSettings(options, world.env, config);

  // 3. The journal, ours alone for the run, decides what is still owed.
  const journal = await Journal.open(journalFile(world.env), { waitSeconds: waitSeconds(options.wait), say });
  try {
    const { outgoing, skipped } = owedLetters(plans, journal, options.resend === true);
    if (outgoing.length === 0) {
      printResults(skipped, options.json === true, world, globals);
      return exitCodeOf(skipped);
    }

    // 4. Consent: a summary and a question at a terminal; --yes otherwise. Then the password.
    if (!options.yes) await confirm(outgoing, from, describeServer(settings), context);
    const withLogin = await withPassword(settings, world.env, config, context.interactive ? () => world.prompter(styleFor(world.stderr, globals)) : undefined);

    // 5. Send, each step in the journal before it counts.
    let counter = 0;
    const onDone = (result: Result) =>
      say(t('punct.labelled', { label: `${++counter}/${outgoing.length} ${Object.keys(result.addresses).join(', ')}`, value: outcomeWord(result.outcome) }));
    const delivery = await deliver(outgoing, { open: world.mailer(withLogin), journal, now: world.now, onDone });
    const all = [...skipped, ...delivery.results];
    printResults(all, options.json === true, world, globals);
    if (delivery.journalFailure) throw delivery.journalFailure;
    if (delivery.stopped) world.stderr.write(`${t('send.stopped', { reason: delivery.stopped })}\n`);

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
export function owedLetters(plans: readonly EmailPlan[], index: Pick<Journal, 'owed'>, resend: boolean): { outgoing: Outgoing[]; skipped: Result[] } {
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
  options: SendingFlags,
  world: World,
  say: (text: string) => void,
  deadline: string | undefined,
): Promise<number> {
  const file = journalFile(world.env);
  const read = readJournal(file);
  noteDamaged(file, read, say);
  const { outgoing, skipped } = owedLetters(plans, LetterIndex.of(read.entries), options.resend === true);
  const rule = `${'-'.repeat(76)}\n`;
  for (const { plan, owed } of outgoing) {
    // Built as it would be sent, so a dry run fails where the real run would.
    await composeMessage(plan, world.now());
    const only = owed.send.length < plan.recipients.length ? `[${t('send.onlyTo', { addresses: owed.send.join(', ') })}]\n` : '';
    world.stdout.write(`${only}${readableMessage(plan, world.now())}${rule}`);
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
  { interactive, world, globals }: Pick<SendContext, 'interactive' | 'world' | 'globals'>,
): Promise<void> {
  const n = outgoing.length;
  if (!interactive) throw usageError(t('send.needsYes', { count: n }));
  world.stderr.write(`${summary(outgoing, from, server)}\n`);
  const prompter = await world.prompter(styleFor(world.stderr, globals));
  if (!(await prompter.confirm(t('send.confirm', { count: n }), false))) throw cancelled();
}

function planAll({ letters, sender, options, action }: SendContext, from: string, say: (text: string) => void): EmailPlan[] {
  const withEmail = letters.filter((letter) => letter.to.length > 0);
  for (const letter of letters.filter((l) => l.to.length === 0)) say(t('send.byPost', { name: letter.recipient[0] ?? letter.targetId, id: action.id }));
  if (withEmail.length === 0) throw dataError(t('send.noEmail', { id: action.id }), t('send.noEmailHint'));
  try {
    return withEmail.map((letter) => planEmail(letter, sender, { from, testTo: options.testTo }));
  } catch (error) {
    if (error instanceof UnsafeHeaderError) throw dataError(t('send.refusedValue', { where: error.message }), t('send.refusedValueHint'));
    throw error;
  }
}

/** After the deadline a real send needs --after-deadline; a rehearsal (--test-to) does not. */
export function guardDeadline(action: Action, options: Pick<SendingFlags, 'afterDeadline' | 'testTo'>, world: World): void {
  const passed = passedOn(action, options, world);
  if (!passed) return;
  throw usageError(t('send.deadline', { id: action.id, date: passed }), t('send.deadlineHint'));
}

/** What a dry run says when the real send would stop at the deadline. */
export function deadlineNote(action: Action, options: Pick<SendingFlags, 'afterDeadline' | 'testTo'>, world: World): string | undefined {
  const passed = passedOn(action, options, world);
  return passed ? t('send.deadlineNote', { id: action.id, date: passed }) : undefined;
}

function passedOn(action: Action, options: Pick<SendingFlags, 'afterDeadline' | 'testTo'>, world: World): string | undefined {
  const deadline = parseIsoDate(action.deadline);
  if (!deadline || options.afterDeadline || options.testTo) return undefined;
  if (deadlineStatus(deadline, localDay(world.now())).open) return undefined;
  return formatDate(deadline, loadLocale(uiLanguage()));
}

function summary(outgoing: readonly Outgoing[], from: string, server: string): string {
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
