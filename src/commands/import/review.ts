import { findDate } from '../../core/import/dates.js';
import type { Imported } from '../../core/import/extract.js';
import { type Decision, type Fact, factsOf, reviewed } from '../../core/import/review.js';
import type { Problem } from '../../core/problems.js';
import { formatProblem } from '../../core/problems.js';
import { forTerminal } from '../../core/shown.js';
import type { Prompter } from '../../world.js';
import type { Context } from '../context.js';

// What a UA file cannot do without: asked for when the document did not give it.
const REQUIRED = ['id', 'title', 'country', 'deadline'];

/**
 * `ua import --review`: each fact beside the document's line it came from (the guesses first),
 * kept, edited or removed; then the result is validated, and while it does not validate the
 * coordinator goes through the facts again or has it written as it is (exit 3).
 */
export async function review(imported: Imported, text: string, validate: (imported: Imported) => Problem[], ctx: Context): Promise<Imported> {
  const { world, t } = ctx;
  const prompter = await world.prompter(ctx.style(world.stderr), t);
  const source = text.replace(/\r\n?/g, '\n').split('\n');
  let current = imported;
  for (;;) {
    const decisions: Decision[] = [];
    for (const fact of withMissing(factsOf(current), current)) decisions.push(await decide(fact, source, prompter, ctx));
    current = reviewed(current, decisions);
    const count = (action: Decision['action']) => decisions.filter((d) => d.action === action).length;
    ctx.note(t('import.reviewDone', { edited: count('edit'), removed: count('remove') }));
    const problems = validate(current);
    if (problems.length === 0) return current;
    ctx.note(`${t('import.reviewInvalid')}\n${problems.map(formatProblem).join('\n')}`);
    const next = await prompter.select(
      t('import.reviewWhatNow'),
      [
        { value: 'again', name: t('import.reviewAgain') },
        { value: 'write', name: t('import.reviewWriteAnyway') },
      ],
      'again',
    );
    if (next === 'write') return current;
  }
}

/** The facts found, and the ones a UA file needs that were not: those can be added. */
function withMissing(facts: readonly Fact[], imported: Imported): Fact[] {
  const missing = REQUIRED.filter((path) => imported.data[path] === undefined).map((path) => ({ path, value: '' }));
  return [...missing, ...facts];
}

async function decide(fact: Fact, source: readonly string[], prompter: Prompter, { t, note }: Context): Promise<Decision> {
  note(forTerminal(t('import.reviewFact', { path: fact.path, value: fact.value || t('import.reviewMissing') })));
  if (fact.derived) note(forTerminal(t('import.reviewDerived', { note: fact.derived })));
  const line = fact.line ? source[fact.line - 1]?.trim() : undefined;
  note(forTerminal(line && fact.line ? t('import.reviewFrom', { line: fact.line, text: line }) : t('import.reviewNotRead')));
  const choices = fact.value
    ? [
        { value: 'accept' as const, name: t('import.reviewKeep') },
        { value: 'edit' as const, name: t('import.reviewEdit') },
        { value: 'remove' as const, name: t('import.reviewRemove') },
      ]
    : [
        { value: 'edit' as const, name: t('import.reviewAdd') },
        { value: 'accept' as const, name: t('import.reviewLeave') },
      ];
  const action = await prompter.select(t(fact.value ? 'import.reviewAsk' : 'import.reviewAskMissing', { path: fact.path }), choices, choices[0]?.value);
  if (action !== 'edit') return { path: fact.path, action };
  const value = await prompter.input(t('import.reviewNewValue', { path: fact.path }), {
    default: fact.value || undefined,
    validate: (typed) => (typed.trim() ? undefined : t('import.reviewEmpty')),
  });
  // "7 March 2023" typed for a deadline is the date the UA file writes 2023-03-07.
  const typed = value.trim();
  return { path: fact.path, action: 'edit', value: fact.path === 'deadline' ? (findDate(typed) ?? typed) : typed };
}
