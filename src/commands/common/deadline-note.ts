import type { Action } from '../../core/action.js';
import { deadlineStatus, formatDate, localDay, parseIsoDate } from '../../core/dates.js';
import { loadLocale } from '../../io/repository.js';
import type { Context } from '../context.js';

/** Composing after the deadline is allowed; the user is told, on stderr. */
export function warnDeadline(action: Action, { world, t, uiLang }: Context, say: (text: string) => void, warn: (text: string) => string): void {
  const deadline = parseIsoDate(action.deadline);
  if (!deadline) return;
  const status = deadlineStatus(deadline, localDay(world.now()));
  if (status.open) return;
  const when = formatDate(deadline, loadLocale(t, uiLang));
  // The UA's own note (`ua show` gives it) is in the document's language; this one is the volunteer's.
  say(warn(`${t('compose.deadlinePassed', { id: action.id, date: when })} ${t('compose.deadlineAdvice')}`));
}
