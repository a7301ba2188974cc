import type { Action, Lang } from '../../core/action.js';
import type { CallSituation } from '../../core/call.js';
import type { CallOutcome } from '../../core/outcomes.js';
import { fitLines } from '../../core/screen.js';
import { screenWidth } from '../../io/style.js';
import type { Prompter } from '../../world.js';
import type { Context } from '../context.js';
import { type CallSigner, recordCall } from './record.js';
import { officeName, outcomeKey, scriptHeading, situationLines } from './view.js';

/** One volunteer's calls for one UA, at a terminal. */
export interface CallRun {
  action: Action;
  lang: Lang;
  script: string;
  signer: CallSigner;
  ctx: Context;
  prompter: Prompter;
}

type Answer = CallOutcome | 'skip';

/**
 * Each target in turn (those not yet reached first): who, the number, the time there and any
 * warning, the script; then how the call went, recorded at once. "No answer" stays to do: the
 * next `ua call` offers it again. "I did not call" records nothing.
 */
export async function callOneByOne(run: CallRun, items: readonly { situation: CallSituation; last?: CallOutcome }[]): Promise<void> {
  const { ctx, prompter, action, lang } = run;
  const { world, t } = ctx;
  const width = screenWidth(world.stderr, world.env, Number.POSITIVE_INFINITY);
  const style = ctx.style(world.stderr);
  const show = (text: string) => world.stderr.write(`${fitLines(text, width)}\n`);
  for (const { situation, last } of items) {
    const lines = situationLines(t, situation, world.now(), last, ctx.uiLang);
    show(`\n${lines.map((line, i) => (i === 0 ? style.bold(line) : line.includes('⚠') ? style.warn(line) : line)).join('\n')}`);
    show(`\n${style.bold(scriptHeading(t, lang))}\n${run.script}\n`);
    const answer = await prompter.select<Answer>(t('call.question'), [
      { value: 'spoke', name: t('call.spoke') },
      { value: 'voicemail', name: t('call.voicemail') },
      { value: 'no-answer', name: t('call.noAnswer') },
      { value: 'wrong-number', name: t('call.wrongNumber') },
      { value: 'skip', name: t('call.skip') },
    ]);
    if (answer === 'skip') continue;
    await recordCall({ action, situation, signer: run.signer, lang }, answer, ctx);
    ctx.note(t('call.recorded', { outcome: t(`call.${outcomeKey(answer)}`) }));
    if (answer === 'no-answer') ctx.note(t('call.again', { id: action.id, who: officeName(situation.target, ctx.uiLang) }));
  }
}
