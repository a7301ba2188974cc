import type { Translate } from '../../core/i18n.js';
import { outcomeKind, SUBMISSION_MIME, type Submission } from '../../core/submission.js';
import { totalsOf } from '../../core/submit.js';
import { CHANNEL_NAMES, OUTCOME_KEYS, SUBMITTED_OUTCOME_KEYS } from '../common/outcome-words.js';

/** "email, 3 sent": a channel and an outcome, counted, as the report says them. */
function told(t: Translate, channel: string, outcome: string, count: number): string {
  const channelName = CHANNEL_NAMES[channel] ? t(CHANNEL_NAMES[channel]) : channel;
  const key = OUTCOME_KEYS[outcome] ?? SUBMITTED_OUTCOME_KEYS[outcome];
  return t('submit.row', { channel: channelName, outcome: key ? t(key, { count }) : `${count} ${outcome}` });
}

/** The actions done a submission counts: tries and answers about replies are listed, not added. */
export const actionCount = (submission: Submission): number =>
  submission.counts.reduce((sum, row) => sum + (outcomeKind(row.outcome) === 'action' ? row.count : 0), 0);

/**
 * The message's text part, and what --dry-run shows beside the JSON: the UA, totals by channel
 * and outcome, the tool. Made of the counts alone, so it can hold nothing else.
 */
export function submissionText(t: Translate, submission: Submission, version: string): string {
  const lines = [t('submit.heading', { id: submission.ua, sequence: submission.sequence }), ''];
  for (const { channel, outcome, count } of totalsOf(submission.counts)) lines.push(`  ${told(t, channel, outcome, count)}`);
  lines.push('', t('submit.total', { count: actionCount(submission) }));
  if (submission.evenings) lines.push(t('submit.evenings', { count: submission.evenings }));
  lines.push('', t('submit.countsOnly', { mime: SUBMISSION_MIME }), t('submit.sentWith', { version }));
  return `${lines.join('\n')}\n`;
}

/** The sentence to paste into a web form: the UA and its counts, nothing of anyone. */
export function formSentence(t: Translate, submission: Submission): string {
  const counts = totalsOf(submission.counts)
    .map(({ channel, outcome, count }) => told(t, channel, outcome, count))
    .join('; ');
  return t('submit.formSentence', { id: submission.ua, count: actionCount(submission), counts });
}
