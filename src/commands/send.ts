import type { GlobalOptions } from '../cli.js';
import type { Action } from '../core/action.js';
import type { Letter } from '../core/compose.js';
import { deadlineStatus, formatDate, localDay, parseIsoDate } from '../core/dates.js';
import { type EmailPlan, planEmail, UnsafeHeaderError } from '../core/email.js';
import type { Sender } from '../core/fields.js';
import { cancelled, dataError, usageError } from '../errors.js';
import type { Config } from '../io/config.js';
import { Journal, latestStates, readJournal } from '../io/journal.js';
import { composeMessage, describeServer } from '../io/mailer.js';
import { journalFile } from '../io/paths.js';
import { loadLocale } from '../io/repository.js';
import { note, styleFor } from '../io/style.js';
import type { World } from '../world.js';
import { deliver, type Result } from './send-deliver.js';
import { printResults } from './send-results.js';
import { fromAddress, type SendFlags, smtpSettings, withPassword } from './send-settings.js';

export interface SendOptions extends SendFlags {
  dryRun?: boolean;
  yes?: boolean;
  afterDeadline?: boolean;
  resend?: boolean;
  json?: boolean;
}

export interface SendContext {
  action: Action;
  letters: Letter[];
  sender: Sender;
  options: SendOptions;
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
  const settings = smtpSettings(options, world.env, config);
  const from = fromAddress(options, world.env, config, context.sender);
  const plans = planAll(context, from, say);
  if (config.exposed) say(styleFor(world.stderr, globals).warn(`Warning: ${config.file} holds a password and others can read it (chmod 600 it).`));

  // 2. Rehearsals first: a dry run opens no connection and needs no password.
  if (options.dryRun) {
    const messages = await Promise.all(plans.map((plan) => composeMessage(plan, world.now())));
    world.stdout.write(messages.map((message) => message.toString('utf8').replace(/\r\n/g, '\n')).join(`${'-'.repeat(76)}\n`));
    say(`Dry run: ${plans.length} message${plans.length === 1 ? '' : 's'} shown, nothing sent, no connection opened.`);
    return 0;
  }
  guardDeadline(action, options, world);

  // 3. The journal decides what is still to send: sent and unknown letters are not sent again.
  const journal = new Journal(journalFile(world.env));
  const { toSend, skipped } = pending(plans, journal, options.resend === true, say);
  if (toSend.length === 0) {
    printResults(skipped, options.json === true, world, globals);
    return skipped.every((result) => result.outcome === 'already sent') ? 0 : 3;
  }

  // 4. Consent: a summary and a question at a terminal; --yes otherwise. Then the password.
  if (!options.yes) await confirm(toSend, from, describeServer(settings), context);
  const withLogin = await withPassword(settings, world.env, config, context.interactive ? world.prompter : undefined);

  // 5. Send, one letter at a time, each step in the journal before it counts.
  let counter = 0;
  const onDone = (result: Result) => say(`${++counter}/${toSend.length} ${result.plan.envelope.to.join(', ')}: ${result.outcome}`);
  const { results, stopped } = await deliver(toSend, { open: world.mailer(withLogin), journal, now: world.now, say, onDone });
  const all = [...skipped, ...results];
  printResults(all, options.json === true, world, globals);
  if (stopped) world.stderr.write(`ua: stopped: ${stopped}\n`);

  // 6. The exit code says how it went.
  const sent = all.filter((r) => r.outcome === 'sent' || r.outcome === 'already sent').length;
  if (sent === all.length) return 0;
  return sent > 0 ? 3 : 1;
}

export function pending(
  plans: readonly EmailPlan[],
  journal: Journal,
  resend: boolean,
  say: (text: string) => void,
): { toSend: EmailPlan[]; skipped: Result[] } {
  const { entries, damaged } = readJournal(journal.file);
  for (const line of damaged) say(`Note: ${journal.file}:${line.line} is damaged (an interrupted write?) and was skipped.`);
  const latest = latestStates(entries);
  const skipped: Result[] = [];
  const toSend = plans.filter((plan) => {
    const previous = latest.get(plan.key);
    const done = previous?.state === 'sent' || previous?.state === 'partly sent';
    // 'transferring' as the last word: the run ended while the message was on its way.
    const unsure = previous?.state === 'unknown' || previous?.state === 'transferring';
    if (resend || !previous || !(done || unsure)) return true;
    skipped.push({
      plan,
      outcome: done ? 'already sent' : 'unknown',
      reason: done ? `sent on ${previous.at.slice(0, 10)}` : 'earlier outcome unknown: check before sending again (--resend)',
    });
    return false;
  });
  return { toSend, skipped };
}

export async function confirm(
  plans: readonly EmailPlan[],
  from: string,
  server: string,
  { interactive, world }: Pick<SendContext, 'interactive' | 'world'>,
): Promise<void> {
  if (!interactive)
    throw usageError(`sending needs a confirmation: add --yes to send ${plans.length} email${plans.length === 1 ? '' : 's'} without a terminal`);
  world.stderr.write(`${summary(plans, from, server)}\n`);
  const prompter = await world.prompter();
  if (!(await prompter.confirm(`Send ${plans.length === 1 ? 'it' : `these ${plans.length} emails`}?`, false))) throw cancelled();
}

function planAll({ letters, sender, options, action }: SendContext, from: string, say: (text: string) => void): EmailPlan[] {
  const withEmail = letters.filter((letter) => letter.to.length > 0);
  for (const letter of letters.filter((l) => l.to.length === 0)) say(`Note: ${letter.recipient[0]} has no email address in UA ${action.id}: write by post.`);
  if (withEmail.length === 0)
    throw dataError(`none of the chosen targets of UA ${action.id} has an email address`, 'Print the letters instead (without --send).');
  try {
    return withEmail.map((letter) => planEmail(letter, sender, { from, testTo: options.testTo }));
  } catch (error) {
    if (error instanceof UnsafeHeaderError)
      throw dataError(`refused: ${error.message}`, 'Nothing was sent. A value like this could change who receives the letter.');
    throw error;
  }
}

/** After the deadline a real send needs --after-deadline; a rehearsal (--test-to) does not. */
export function guardDeadline(action: Action, options: Pick<SendOptions, 'afterDeadline' | 'testTo'>, world: World): void {
  const deadline = parseIsoDate(action.deadline);
  if (!deadline || options.afterDeadline || options.testTo) return;
  if (deadlineStatus(deadline, localDay(world.now())).open) return;
  throw usageError(
    `the deadline of UA ${action.id} passed on ${formatDate(deadline, loadLocale('en'))}; nothing was sent`,
    'Check with the Amnesty office in your country, then add --after-deadline to send anyway.',
  );
}

function summary(plans: readonly EmailPlan[], from: string, server: string): string {
  const rehearsal = plans[0]?.testTo ? ` (rehearsal: everything goes to ${plans[0].testTo})` : '';
  const head = `About to send ${plans.length} email${plans.length === 1 ? '' : 's'} from ${from} via ${server}${rehearsal}:`;
  const mailbox = (plan: EmailPlan) => plan.to.map((m) => (m.name ? `${m.name} <${m.address}>` : m.address)).join(', ');
  if (plans.length <= 10) return [head, ...plans.map((plan, i) => `  ${i + 1}. ${mailbox(plan)}  [${plan.letter.lang}] "${plan.subject}"`)].join('\n');
  // A whole evening's letters: how many to whom, in which languages.
  const groups = new Map<string, EmailPlan[]>();
  for (const plan of plans) groups.set(mailbox(plan), [...(groups.get(mailbox(plan)) ?? []), plan]);
  const lines = [...groups.entries()].map(([to, group]) => `  ${group.length} × ${to}  [${[...new Set(group.map((p) => p.letter.lang))].join(', ')}]`);
  return [head, ...lines].join('\n');
}
