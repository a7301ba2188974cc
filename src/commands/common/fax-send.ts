import { documentTitle } from '../../core/choose.js';
import type { Letter } from '../../core/compose.js';
import { localDay } from '../../core/dates.js';
import type { EmailPlan } from '../../core/email.js';
import { faxNumber, planFax } from '../../core/fax.js';
import { gatewayAddress, parseGateway } from '../../core/fax-gateway.js';
import type { Sender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { forTerminal } from '../../core/shown.js';
import { dataError, usageError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { readJournal } from '../../io/journal-read.js';
import { deliver, type Outgoing, type Result } from '../../io/mail/delivery.js';
import type { Rate } from '../../io/mail/rate.js';
import { describeServer } from '../../io/mail/server.js';
import { journalFile } from '../../io/paths.js';
import type { Paper } from '../../io/pdf.js';
import { exitCodeOf, outcomeWord, printResults } from '../send/results.js';
import { confirm, guardDeadline, owedLetters, type SendingRun, showDryRun } from '../send/send.js';
import { fromAddress, smtpSettings, withPassword } from '../send/settings.js';
import { SendSummary } from '../send/summary.js';
import { holdBack } from './fax-hold.js';
import { faxCovers, faxTargets } from './fax-letters.js';

/** A fax send: compose's letters, or an evening's, each with its signer; --now and the paper. */
export interface FaxSendRun extends SendingRun {
  letters: { letter: Letter; sender: Sender }[];
  now: boolean;
  paper: Paper;
  /** Batch: connections side by side, and the provider's pace. */
  connections?: number;
  rate?: Rate;
  /** Batch: the evening's local day, which the journal keeps with each fax. */
  evening?: string;
}

/**
 * `--format fax --send`: each letter to a target with a fax, as a PDF attached to an email to
 * the user's email-to-fax gateway, through the same delivery and journal as an email (lock,
 * 'transferring' before the first byte, each outcome recorded). What the rules hold back (the
 * recipient's night, the gap after a refusal, a number that keeps failing) is said in a line;
 * the run then ends with exit 3, and a later run sends it.
 */
export async function sendFaxes(run: FaxSendRun): Promise<number> {
  const { action, options, config, ctx } = run;
  const { world, t, note: say } = ctx;
  // 1. The gateway, the fax numbers and the messages: each PDF attached, each to the gateway's address for the number.
  const template = config.fax.gateway ?? world.env.UA_FAX_GATEWAY;
  if (!template) throw usageError(t('fax.noGateway', { file: forTerminal(config.file) }), t('fax.noGatewayHint'));
  const parsed = parseGateway(t, template);
  if ('problem' in parsed) throw dataError(parsed.problem);
  const faxable = new Set(
    faxTargets(
      t,
      action,
      [...new Set(run.letters.map(({ letter }) => letter.targetId))].flatMap((id) => action.targets.filter((target) => target.id === id)),
      say,
    ),
  );
  const plans = await planAll(
    run,
    [...faxable].map((target) => target.id),
    (e164) => gatewayAddress(parsed.gateway, e164),
  );

  // 2. A rehearsal opens nothing; a real send keeps to the deadline, as an email does.
  if (options.dryRun) return showDryRun(plans, options, ctx, say, undefined);
  guardDeadline(action, options, ctx);
  const settings = smtpSettings(t, options, world.env, config);

  // 3. Under the journal's lock: what is still owed, and what the hours and earlier refusals hold back.
  const journal = await Journal.open(journalFile(world.env), { t, waitSeconds: options.wait, say });
  try {
    const entries = readJournal(t, journalFile(world.env)).entries;
    const { go, held } = holdBack(plans, entries, { t, uiLang: ctx.uiLang, action, now: world.now(), anyHour: run.now, resend: options.resend });
    for (const { note } of held) say(note);
    for (const { failing } of held) if (failing) await journal.append(failing);
    const { outgoing, skipped } = owedLetters(t, go, journal, options.resend);
    if (outgoing.length === 0) return finish(t, skipped, held.length, run);

    // 4. Consent and the password, then the faxes, each step journaled before it counts.
    if (!options.yes) await confirm(SendSummary.of(outgoing), plans[0]?.from?.address ?? '', describeServer(t, settings), run);
    const withLogin = await withPassword(t, settings, world.env, config, run.interactive ? () => world.prompter(ctx.style(world.stderr), t) : undefined);
    const results: Result[] = [];
    let counter = 0;
    const onDone = (result: Result, _: Outgoing, index: number) => {
      results[index] = result;
      say(t('punct.labelled', { label: `${++counter}/${outgoing.length} ${Object.keys(result.addresses).join(', ')}`, value: outcomeWord(t, result.outcome) }));
    };
    const delivery = await deliver(outgoing, {
      t,
      open: world.mailer(withLogin, t),
      journal,
      now: world.now,
      onDone,
      connections: run.connections,
      rate: run.rate,
    });
    const code = finish(t, [...skipped, ...results], held.length, run);
    if (delivery.journalFailure) throw delivery.journalFailure;
    if (delivery.stopped) ctx.tell(t('send.stopped', { reason: delivery.stopped }));
    return code;
  } finally {
    await journal.close();
  }
}

/** The results as an email send prints them; a fax held back makes the run partly done (exit 3). */
function finish(t: Translate, results: Result[], held: number, { options, ctx }: FaxSendRun): number {
  printResults(results, options.json, ctx);
  if (held > 0) ctx.tell(t('fax.heldBack', { count: held }));
  const code = results.length > 0 ? exitCodeOf(results) : 0;
  return held > 0 && code === 0 ? 3 : code;
}

async function planAll(run: FaxSendRun, faxable: readonly string[], address: (e164: string) => string): Promise<EmailPlan[]> {
  const { action, options, config, ctx } = run;
  const { world, t } = ctx;
  const { faxPdfBytes } = await import('../../io/pdf-fax.js');
  const covers = faxCovers(t, action, localDay(world.now()));
  const plans: EmailPlan[] = [];
  for (const { letter, sender } of run.letters.filter(({ letter }) => faxable.includes(letter.targetId))) {
    const target = action.targets.find((candidate) => candidate.id === letter.targetId);
    const e164 = target && faxNumber(action, target)?.e164;
    if (!e164) continue;
    const cover = covers(letter, sender);
    const pdf = await faxPdfBytes(letter, cover, run.paper, documentTitle(action));
    const from = fromAddress(t, options, world.env, config, sender);
    const words = (await import('./fax-letters.js')).wordsIn(t, letter.lang);
    const body = words('fax.mail.body', { number: cover.rows[1]?.value ?? e164, reference: cover.reference });
    plans.push(planFax(t, letter, sender, { address: address(e164), pdf, cover, body, from, testTo: options.testTo, evening: run.evening }));
  }
  return plans;
}
