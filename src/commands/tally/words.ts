import type { PlainKey, Translate } from '../../core/i18n.js';
import type { Channel } from '../../core/outcomes.js';
import { forTerminal } from '../../core/shown.js';
import type { SetAside, TallyProblem, TallyResult, TallyRow } from '../../core/tally.js';
import { SUBMITTED_OUTCOME_KEYS } from '../common/outcome-words.js';

const PROBLEM_KEYS: Record<TallyProblem, Parameters<Translate>[0]> = {
  'too-large': 'tally.problem.tooLarge',
  'not-json': 'tally.problem.notJson',
  'not-a-submission': 'tally.problem.notASubmission',
  'bad-field': 'tally.problem.badField',
  'absurd-count': 'tally.problem.absurdCount',
  'too-many-rows': 'tally.problem.tooManyRows',
  conflict: 'tally.problem.conflict',
  unreadable: 'tally.problem.unreadable',
  'over-total': 'tally.problem.overTotal',
};

/** "ua: set aside new/1.eml: a count no one reaches (1000000)": which message, and why. */
export function setAsideLine(t: Translate, aside: SetAside): string {
  const why = t(PROBLEM_KEYS[aside.problem] as 'tally.problem.tooLarge', { detail: forTerminal(aside.detail ?? '') });
  return t('tally.setAside', { where: forTerminal(aside.where), why });
}

/** What is listed apart from a UA's actions, under a heading of its own: never added to the total. */
const APART: readonly [TallyRow['kind'], PlainKey][] = [
  ['attempt', 'tally.attempts'],
  ['answer', 'tally.answers'],
];

/** "  email: 5 sent": one row, as the report says an outcome. */
function rowLine(t: Translate, row: TallyRow): string {
  const key = SUBMITTED_OUTCOME_KEYS[row.outcome];
  // An outcome the format knows but this table misses would be a bug: its code is shown.
  const outcome = key ? t(key, { count: row.count }) : `${row.count} ${forTerminal(row.outcome)}`;
  return t('punct.labelled', { label: t(`report.channel.${row.channel as Channel}`), value: outcome });
}

/** Each UA: its actions done, who reported them, by channel and outcome; then its attempts and answers about replies, apart; a closing line on what was read. */
export function textTally(t: Translate, result: TallyResult): string {
  const out: string[] = [];
  for (const ua of result.uas) {
    const actions = t('tally.actions', { count: ua.count });
    const volunteers = t('tally.volunteers', { count: ua.volunteers });
    out.push(
      ua.evenings > 0
        ? t('tally.headingEvenings', { id: ua.ua, actions, volunteers, evenings: t('tally.evenings', { count: ua.evenings }) })
        : t('tally.heading', { id: ua.ua, actions, volunteers }),
    );
    const rows = result.rows.filter((row) => row.ua === ua.ua);
    for (const row of rows.filter((r) => r.kind === 'action')) out.push(`  ${rowLine(t, row)}`);
    for (const [kind, heading] of APART) {
      const apart = rows.filter((row) => row.kind === kind);
      if (apart.length > 0) out.push(`  ${t(heading)}`, ...apart.map((row) => `    ${rowLine(t, row)}`));
    }
  }
  if (result.uas.length === 0) out.push(t('tally.none'));
  out.push(
    t('tally.summary', {
      submissions: t('tally.submissions', { count: result.submissions }),
      volunteers: t('tally.volunteers', { count: result.volunteers }),
    }),
  );
  if (result.duplicates > 0) out.push(t('tally.duplicates', { count: result.duplicates }));
  if (result.setAside.length > 0) out.push(t('tally.setAsideCount', { count: result.setAside.length }));
  if (result.senders) out.push(t('punct.labelled', { label: t('tally.senders'), value: result.senders.map(forTerminal).join(', ') }));
  return `${out.join('\n')}\n`;
}
