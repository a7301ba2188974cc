import { forTerminal } from '../../core/shown.js';
import { type Attempt, addressOutcomes, type SmtpFailure } from '../../core/smtp-outcome.js';
import type { Submission } from '../../core/submission.js';
import { withSubmitted } from '../../core/submit.js';
import { failure, UaError } from '../../errors.js';
import { readConfig } from '../../io/config.js';
import { describeAttempt } from '../../io/mail/attempt.js';
import { submissionMessage } from '../../io/mail/submission-message.js';
import { forUa, type SubmissionsFile, writeSubmissions } from '../../io/submissions.js';
import type { MailSession, SmtpSettings } from '../../world.js';
import { decideInteractive } from '../common/interactivity.js';
import type { Context } from '../context.js';
import { fromAddress, type SendFlags, smtpSettings, withPassword } from '../send/settings.js';
import { actionCount, submissionText } from './submit-text.js';

/** One submission ready to go: the attachment's exact text, and the evenings (ids kept here only) it reports. */
export interface ReadyPart {
  json: string;
  submission: Submission;
  evenings: string[];
}

/** How the submissions leave: from whom, through which server, logged in. Settled once for a run's submissions. */
export interface Route {
  from: string;
  withLogin: SmtpSettings;
}

export interface SendingSubmission extends ReadyPart {
  to: string;
  /** The record of submissions, held under its lock by the caller, and its file. */
  data: SubmissionsFile;
  file: string;
  route: Route;
  ctx: Context;
  version: string;
}

/** --smtp and --from, as compose --send takes them, and the password (asked once, at a terminal). */
export async function openRoute(options: SendFlags, ctx: Context): Promise<Route> {
  const { world, t } = ctx;
  const config = await readConfig(t, world.env);
  const from = fromAddress(t, options, world.env, config, {});
  const settings = smtpSettings(t, options, world.env, config);
  const interactive = decideInteractive(t, {}, world);
  const withLogin = await withPassword(t, settings, world.env, config, interactive ? () => world.prompter(ctx.style(world.stderr), t) : undefined);
  return { from, withLogin };
}

/**
 * The submission by email, through the user's SMTP settings, exactly once: the record says
 * "transferring" before the message's first byte goes; the server's yes moves the counts (and
 * the evenings) into what was submitted; its no (or a connection lost before the message was
 * whole) changes nothing, so the next run sends the same counts; anything else leaves it in
 * doubt, said so.
 */
export async function sendSubmission(sending: SendingSubmission): Promise<void> {
  const { submission, json, to, data, file, route, ctx, version } = sending;
  const { world, t } = ctx;
  const { from } = route;
  const subject = t('submit.subject', { id: submission.ua, sequence: submission.sequence });
  const raw = await submissionMessage({ from, to, subject, text: submissionText(t, submission, version), submission, json, date: world.now() });

  const mine = forUa(data, submission.ua);
  const wasPending = mine.pending !== undefined;
  const evenings = sending.evenings.length > 0 ? { evenings: sending.evenings } : {};
  const transferring = async () => {
    mine.pending = { sequence: submission.sequence, json, to, at: world.now().toISOString(), ...evenings };
    writeSubmissions(t, file, data);
  };
  const attempt = await attemptOnce(() => world.mailer(route.withLogin, t)(), raw, { from, to: [to] }, transferring);
  const state = addressOutcomes(attempt)[to];
  const shownTo = forTerminal(to);
  if (state === 'sent') {
    mine.sequence = submission.sequence;
    mine.submitted = withSubmitted(mine.submitted, submission.counts);
    if (sending.evenings.length > 0) mine.evenings = [...(mine.evenings ?? []), ...sending.evenings];
    delete mine.pending;
    writeSubmissions(t, file, data);
    ctx.tell(t('submit.sent', { id: submission.ua, sequence: submission.sequence, to: shownTo, count: actionCount(submission) }));
    return;
  }
  const reason = describeAttempt(t, attempt) ?? '';
  if (state === 'unknown')
    throw failure(
      t('submit.unknown', { id: submission.ua, sequence: submission.sequence, to: shownTo, reason }),
      t('submit.inDoubtHint', { id: submission.ua }),
    );
  // It did not arrive. A resend's refusal leaves the first try as it was: still in doubt.
  if (mine.pending && !wasPending) {
    delete mine.pending;
    writeSubmissions(t, file, data);
  }
  throw failure(t('submit.refused', { id: submission.ua, to: shownTo, reason }), t('submit.notSentHint', { id: submission.ua }));
}

/** One connection, one message: how it ended, as a letter's attempt is told. */
async function attemptOnce(
  open: () => Promise<MailSession>,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  transferring: () => Promise<void>,
): Promise<Attempt> {
  let transferStarted = false;
  let session: MailSession | undefined;
  try {
    session = await open();
    const receipt = await session.send(raw, envelope, () => {
      transferStarted = true;
      return transferring();
    });
    return { to: envelope.to, receipt, transferStarted };
  } catch (error) {
    // The record could not be written: the message never left, and the run says why.
    if (error instanceof UaError) throw error;
    return { to: envelope.to, failure: error as SmtpFailure, transferStarted };
  } finally {
    session?.close();
  }
}
