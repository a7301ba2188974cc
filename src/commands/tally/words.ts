import type { Translate } from '../../core/i18n.js';
import type { Channel } from '../../core/outcomes.js';
import { forTerminal } from '../../core/shown.js';
import type { SetAside, TallyProblem, TallyResult } from '../../core/tally.js';
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

/** Each UA, its actions and volunteers, then by channel and outcome; a closing line on what was read. */
export function textTally(t: Translate, result: TallyResult): string {
  const out: string[] = [];
  for (const ua of result.uas) {
    out.push(t('tally.heading', { id: ua.ua, actions: t('tally.actions', { count: ua.count }), volunteers: t('tally.volunteers', { count: ua.volunteers }) }));
    for (const row of result.rows.filter((r) => r.ua === ua.ua)) {
      const key = SUBMITTED_OUTCOME_KEYS[row.outcome];
      // An outcome the format knows but this table misses would be a bug: its code is shown.
      const outcome = key ? t(key, { count: row.count }) : `${row.count} ${forTerminal(row.outcome)}`;
      out.push(`  ${t('punct.labelled', { label: t(`report.channel.${row.channel as Channel}`), value: outcome })}`);
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
