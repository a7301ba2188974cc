import type { GlobalOptions } from '../cli.js';
import { styleFor } from '../io/style.js';
import type { World } from '../world.js';
import type { Result } from './send-deliver.js';

/** The outcome of every letter: a table on stderr for people, JSON on stdout with --json. */
export function printResults(results: readonly Result[], json: boolean, world: World, globals: GlobalOptions): void {
  if (json) {
    const rows = results.map(({ plan, outcome, reason, refused }) => ({
      ua: plan.letter.actionId,
      target: plan.letter.targetId,
      lang: plan.letter.lang,
      to: plan.envelope.to,
      outcome,
      ...(reason ? { reason } : {}),
      ...(refused ? { refused } : {}),
      message_id: plan.messageId,
      ...(plan.testTo ? { test_to: plan.testTo } : {}),
    }));
    world.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  }
  if (globals.quiet && results.every((r) => r.outcome === 'sent' || r.outcome === 'already sent')) return;
  const style = styleFor(world.stderr, globals);
  const paint = (outcome: string) => (outcome === 'sent' || outcome === 'already sent' ? style.good(outcome) : style.warn(outcome));
  const rows = results.map(({ plan, outcome, reason }) => [plan.letter.targetId, plan.envelope.to.join(', '), outcome, reason ?? '']);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0), column === 0 ? 6 : 2));
  const lines = rows.map(
    ([target = '', to = '', outcome = '', reason = '']) =>
      `  ${target.padEnd(widths[0] ?? 0)}  ${to.padEnd(widths[1] ?? 0)}  ${paint(outcome)}${reason ? `  ${reason}` : ''}`,
  );
  const sent = results.filter((r) => r.outcome === 'sent').length;
  world.stderr.write(`${[style.bold(`${sent} of ${results.length} sent`), ...lines].join('\n')}\n`);
}
