import type { Action } from '../../core/action.js';
import type { Letter } from '../../core/compose.js';
import type { Answers, Sender } from '../../core/fields.js';
import type { Config } from '../../io/config.js';
import type { Context } from '../context.js';
import type { ComposeOptions } from './options.js';

/** One person's letters, composed: what every way of delivering them (compose/deliver.ts) starts from. */
export interface Composed {
  action: Action;
  letters: Letter[];
  sender: Sender;
  /** Every answer, as given and asked: what the profile may remember. */
  answers: Answers;
  config: Config;
  options: ComposeOptions;
  interactive: boolean;
  ctx: Context;
  /** A note for the volunteer on stderr (at a terminal, broken between words to its width). */
  say: (text: string) => void;
}
