import type { PlainKey, PluralKey, Translate } from '../../core/i18n.js';
import type { AddressState } from '../../core/outcomes.js';
import { addressList } from '../../core/outcomes.js';
import { displayWidth, padEnd } from '../../core/screen.js';
import type { Outcome, Result } from '../../io/mail/delivery.js';
import type { Context } from '../context.js';

const DELIVERED = new Set(['sent', 'already sent']);

/** Every outcome, in the order a summary counts them. */
export const OUTCOMES: readonly Outcome[] = ['sent', 'already sent', 'partly sent', 'refused', 'deferred', 'unknown', 'not sent'];

const OUTCOME_KEYS: Readonly<Record<Outcome, PlainKey>> = {
  sent: 'outcome.sent',
  'already sent': 'outcome.alreadySent',
  'partly sent': 'outcome.partlySent',
  refused: 'outcome.refused',
  deferred: 'outcome.deferred',
  unknown: 'outcome.unknown',
  'not sent': 'outcome.notSent',
};

/** An outcome as people read it, in the interface's language (JSON keeps the English word). */
export function outcomeWord(t: Translate, outcome: Outcome): string {
  return t(OUTCOME_KEYS[outcome]);
}

const COUNTED_KEYS: Readonly<Record<Outcome, PluralKey>> = {
  sent: 'outcome.counted.sent',
  'already sent': 'outcome.counted.alreadySent',
  'partly sent': 'outcome.counted.partlySent',
  refused: 'outcome.counted.refused',
  deferred: 'outcome.counted.deferred',
  unknown: 'outcome.counted.unknown',
  'not sent': 'outcome.counted.notSent',
};

/** "3 sent", "3 enviadas": the word agrees with the number. */
export function outcomeCount(t: Translate, outcome: Outcome, count: number): string {
  return t(COUNTED_KEYS[outcome], { count });
}

/** The outcome of every letter: a table on stderr for people, JSON on stdout with --json. */
export function printResults(results: readonly Result[], json: boolean, ctx: Context): void {
  const { world, globals, t } = ctx;
  if (json) {
    const rows = results.map(({ plan, outcome, reason, addresses }) => ({
      ua: plan.letter.actionId,
      target: plan.letter.targetId,
      lang: plan.letter.lang,
      to: plan.recipients,
      outcome,
      addresses: addressList(addresses),
      ...(reason ? { reason } : {}),
      message_id: plan.messageId,
      ...(plan.testTo ? { test_to: plan.testTo } : {}),
    }));
    world.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  }
  if (globals.quiet && results.every((r) => DELIVERED.has(r.outcome))) return;
  const style = ctx.style(world.stderr);
  const paint = (outcome: Outcome) => (DELIVERED.has(outcome) ? style.good(outcomeWord(t, outcome)) : style.warn(outcomeWord(t, outcome)));
  const rows = results.map(({ plan, outcome, reason }) => [plan.letter.targetId, plan.recipients.join(', '), outcome, reason ?? ''] as const);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')), column === 0 ? 6 : 2));
  const lines = rows.map(
    ([target, to, outcome, reason]) => `  ${padEnd(target, widths[0] ?? 0)}  ${padEnd(to, widths[1] ?? 0)}  ${paint(outcome)}${reason ? `  ${reason}` : ''}`,
  );
  ctx.tell([style.bold(deliveredLine(t, results)), ...lines].join('\n'));
}

/** "2 of 3 letters sent (1 before this run)": what has reached the officials, this run or earlier. */
export function deliveredLine(t: Translate, results: readonly Result[], sayBefore = true): string {
  const delivered = results.filter((r) => isDelivered(r.outcome)).length;
  const before = results.filter((r) => r.outcome === 'already sent').length;
  const line = t('send.delivered', { sent: delivered, count: results.length });
  return sayBefore && before > 0 ? `${line} ${t('send.before', { count: before })}` : line;
}

/** The letter has reached its officials: in this run, or before it. */
export function isDelivered(outcome: Outcome): boolean {
  return DELIVERED.has(outcome);
}

/** Some address of the letter has it, or may have it (its outcome is unknown). */
export function reachedAny(addresses: Readonly<Record<string, AddressState>>): boolean {
  return Object.values(addresses).some((state) => state === 'sent' || state === 'unknown');
}

/**
 * What reached the officials decides the exit code: 0 when every letter reached every
 * address; 1 when none reached anyone; 3 in between (a letter some addresses accepted, or whose
 * outcome is unknown, counts as partly done).
 */
export function exitCodeOf(results: readonly Result[]): number {
  return exitCodeFor(
    results.every((r) => isDelivered(r.outcome)),
    results.some((r) => reachedAny(r.addresses)),
  );
}

/** The same, from a count kept as the letters went: whether all were delivered, whether any reached anyone. */
export function exitCodeFor(allDelivered: boolean, anyReached: boolean): number {
  if (allDelivered) return 0;
  return anyReached ? 3 : 1;
}
