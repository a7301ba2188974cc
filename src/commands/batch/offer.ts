import { forTerminal } from '../../core/shown.js';
import { UaError, usageError } from '../../errors.js';
import { unreportedUas } from '../../io/submissions.js';
import { decideInteractive } from '../common/interactivity.js';
import type { Context } from '../context.js';
import { reportAddress, type SubmitOptions, submit } from '../report/submit.js';

/** What the offer reads of a batch's options. */
export interface OfferOptions {
  /** --submit: send without asking. */
  submit: boolean;
  dryRun: boolean;
  testTo?: string;
  yes: boolean;
  json: boolean;
  smtp?: string;
  from?: string;
}

/** --submit on a UA that says nowhere to report: refused before any letter is written or sent. */
export async function checkSubmit(ua: string, ctx: Context): Promise<void> {
  if (!(await reportAddress(ua, ctx))) throw usageError(ctx.t('submit.nowhere', { id: ua }), ctx.t('submit.nowhereHint', { id: ua }));
}

/**
 * After an evening's batch (a print pack made, letters sent; never a rehearsal): one submission
 * for the evening's actions, counts only. --submit sends it; at a terminal the organiser is
 * asked (no by default: nothing leaves without a yes); otherwise a line says how. The letters
 * are done whatever happens here: a submission that fails makes the run partly done (exit 3).
 */
export async function offerSubmission(ua: string, code: number, options: OfferOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  if ((code !== 0 && code !== 3) || options.dryRun || options.testTo || world.isWorkerThread) return code;
  // Quiet, without --submit or a terminal to ask at: the line would not be shown. Not worked out
  // for nothing: it reads the journal, 0.4 s and 40 MB after a pack of 10,000 signers.
  if (!options.submit && ctx.globals.quiet && !decideInteractive(t, {}, world)) return code;
  // Nothing new for the section (every letter was sent before): nothing to offer.
  if (!unreportedUas(t, world.env, { ua }).has(ua)) return code;
  if (!options.submit) {
    const answer = await ask(ua, options, ctx);
    if (answer !== 'yes') {
      ctx.note(t('submit.batchLater', { id: ua }));
      return answer === 'cancelled' ? 130 : code;
    }
  }
  const submitting: SubmitOptions = { dryRun: false, open: false, resend: false, smtp: options.smtp, from: options.from, wait: 30 };
  try {
    return Math.max(code, await submit(ua, submitting, ctx));
  } catch (error) {
    if (!(error instanceof UaError) || error.kind === 'cancelled') throw error;
    ctx.note(forTerminal(`ua: ${error.message}`));
    if (error.hint) ctx.note(forTerminal(`  ${error.hint}`));
    return 3;
  }
}

/** The organiser's answer, at a terminal, when the UA says where to report; otherwise no question. */
async function ask(ua: string, options: OfferOptions, ctx: Context): Promise<'yes' | 'no' | 'cancelled'> {
  const { world, t } = ctx;
  if (!decideInteractive(t, {}, world) || options.yes || options.json || !(await reportAddress(ua, ctx))) return 'no';
  try {
    const prompter = await world.prompter(ctx.style(world.stderr), t);
    return (await prompter.confirm(t('submit.batchAsk', { id: ua }), false)) ? 'yes' : 'no';
  } catch (error) {
    // Ctrl-C at the question: the evening's letters stand; only the report waits.
    if (error instanceof UaError && error.kind === 'cancelled') return 'cancelled';
    throw error;
  }
}
