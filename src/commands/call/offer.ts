import { type CallSituation, callSituation, phoneTargets } from '../../core/call.js';
import type { Translate } from '../../core/i18n.js';
import { UaError } from '../../errors.js';
import type { Prompter } from '../../world.js';
import type { MenuContext } from '../compose/composed.js';
import { callLanguage, scriptIn } from './call.js';
import { callOneByOne } from './flow.js';
import { lastOutcomes, reached } from './record.js';
import { clockTime, officeName } from './view.js';

/**
 * After a letter, at a terminal: "Also call the Embassy of Peru? It is 10:40 there and the
 * office is open", for each target with a phone not yet reached (nor known to have a wrong
 * number); yes leads into the same call as `ua call`, in the letter's language.
 */
export async function offerCalls(context: Pick<MenuContext, 'action' | 'sender' | 'answers' | 'ctx'>, prompter: Prompter): Promise<void> {
  const { action, sender, ctx } = context;
  const { world, t } = ctx;
  const phones = phoneTargets(action.targets);
  if (phones.length === 0) return;
  const lang = languageFor(t, context);
  if (!lang) return;
  const signer = { name: sender.name, city: sender.city, email: sender.email };
  const last = lastOutcomes(t, world.env, action, phones, signer);
  for (const target of phones.filter((one) => !reached(last.get(one.id)) && last.get(one.id) !== 'wrong-number')) {
    const now = world.now();
    const situation = callSituation(t, action, target, now);
    if (!(await prompter.confirm(offer(t, situation, now, ctx.uiLang), false))) continue;
    const script = scriptIn(t, action, lang, signer);
    await callOneByOne({ action, lang, script, signer, ctx, prompter }, [{ situation, last: last.get(target.id) }]);
  }
}

/** The letter's language when there is a call script in it, else the one `ua call` would choose; none: no offer. */
function languageFor(t: Translate, { action, answers }: Pick<MenuContext, 'action' | 'answers'>): string | undefined {
  try {
    return callLanguage(t, action, undefined, answers.lang);
  } catch (error) {
    if (error instanceof UaError) return undefined;
    throw error;
  }
}

/** "Also call Embassy of Peru? It is 10:40 there and the office is open." */
function offer(t: Translate, situation: CallSituation, now: Date, uiLang: string): string {
  const who = officeName(situation.target, uiLang);
  const { zone, opening } = situation;
  if (!zone || !opening) return t('call.offer', { who });
  const time = clockTime(t('locale'), now, zone, false);
  if (opening.open) return t('call.offerOpen', { who, time });
  const theirs = opening.next ? clockTime(t('locale'), opening.next, zone) : '—';
  return t('call.offerClosed', { who, time, theirs });
}
