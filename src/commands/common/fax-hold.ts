import type { Action, Target } from '../../core/action.js';
import type { EmailPlan } from '../../core/email.js';
import { faxRetry, faxTime, MAX_FAX_TRIES } from '../../core/fax-schedule.js';
import type { Translate } from '../../core/i18n.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import { wallTime } from '../../core/time-zones.js';

/** A fax the rules keep back this run: why, in a line; and the 'failing' entry to journal, when it has just become so. */
export interface Held {
  plan: EmailPlan;
  note: string;
  failing?: JournalEntry;
}

export interface HoldContext {
  t: Translate;
  uiLang: string;
  action: Action;
  now: Date;
  /** --now: the recipient's hours do not hold a fax back. */
  anyHour: boolean;
  /** --resend: a number recorded as failing is tried again. */
  resend: boolean;
}

/**
 * Which faxes may go now: not in the recipient's night (unless --now), not before the gap after
 * the last refusal, never again after ten refusals (unless --resend). Asked of the journal as it
 * stands under its lock, so two runs at once agree.
 */
export function holdBack(plans: readonly EmailPlan[], entries: readonly JournalEntry[], context: HoldContext): { go: EmailPlan[]; held: Held[] } {
  const go: EmailPlan[] = [];
  const held: Held[] = [];
  for (const plan of plans) {
    const target = context.action.targets.find((candidate) => candidate.id === plan.letter.targetId) as Target;
    const reason = context.resend ? undefined : retryHold(plan, entries, context);
    const hold = reason ?? (context.anyHour ? undefined : hoursHold(plan, target, context));
    if (hold) held.push(hold);
    else go.push(plan);
  }
  return { go, held };
}

function retryHold(plan: EmailPlan, entries: readonly JournalEntry[], { t, now, uiLang }: HoldContext): Held | undefined {
  const number = plan.recipients[0] ?? '';
  const retry = faxRetry(entries, plan.key, number, now);
  const target = forTerminal(plan.letter.recipient[0] ?? plan.letter.targetId);
  if (retry.ok) return undefined;
  if (retry.why === 'wait') return { plan, note: t('fax.waiting', { target, count: retry.tries, yours: yourTime(uiLang, retry.next) }) };
  const recorded = entries.some((entry) => entry.key === plan.key && entry.state === 'failing');
  const failing: JournalEntry | undefined = recorded
    ? undefined
    : {
        v: ENTRY_VERSION,
        at: now.toISOString(),
        ua: plan.letter.actionId,
        key: plan.key,
        state: 'failing',
        channel: 'fax',
        target: plan.letter.targetId,
        target_name: plan.letter.recipient[0],
        lang: plan.letter.lang,
        to: [number],
        addresses: { [number]: 'failing' },
        sender: plan.senderName,
        reason: t('fax.failingReason', { count: MAX_FAX_TRIES }),
      };
  return { plan, note: t('fax.failing', { target, count: retry.tries }), ...(failing ? { failing } : {}) };
}

function hoursHold(plan: EmailPlan, target: Target, { t, uiLang, action, now }: HoldContext): Held | undefined {
  const time = faxTime(t, action, target, now);
  const name = forTerminal(plan.letter.recipient[0] ?? plan.letter.targetId);
  if (time.ok) return undefined;
  if (time.why === 'no-zone') return { plan, note: t('fax.noZone', { target: name }) };
  const there = wallTime(now, time.zone);
  const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const when = time.next ? t('fax.canGo', { theirs: clock(wallTime(time.next, time.zone).minute), yours: yourTime(uiLang, time.next) }) : '';
  return { plan, note: `${t('fax.night', { target: name, time: clock(there.minute), zone: time.zone })} ${when}`.trim() };
}

/** "Mon 14:00": an instant on the volunteer's own clock. */
function yourTime(uiLang: string, instant: Date): string {
  return new Intl.DateTimeFormat(uiLang, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
