import type { Action } from '../../core/action.js';
import type { Letter } from '../../core/compose.js';
import type { Answers, Sender } from '../../core/fields.js';
import type { OutputFormat } from '../../core/formats.js';
import type { Format } from '../../core/render.js';
import type { Config } from '../../io/config.js';
import type { Paper } from '../../io/pdf.js';
import type { Context } from '../context.js';
import type { SendingOptions } from '../send/options.js';

/** `--format`: what compose writes (pdf: the print-ready letters; eml: drafts for a mail program). */
export type ComposeFormat = OutputFormat;

/** The answers that flags give: the same fields as an answers file or a profile. */
export interface AnswerFlags {
  lang?: string;
  target?: string[];
  name?: string;
  city?: string;
  country?: string;
  email?: string;
  address?: string[];
  about?: string;
  note?: string;
  noteFile?: string;
}

export interface ComposeOptions extends SendingOptions, AnswerFlags {
  /** An answers file (YAML or JSON; "-" is stdin). */
  answers?: string;
  /** As given: none means text, and no file. */
  format?: ComposeFormat;
  paper: Paper;
  out?: string;
  force: boolean;
  /** --interactive or --no-interactive; undefined: a terminal decides. */
  interactive?: boolean;
  mailto: boolean;
  open: boolean;
  /** --now: a fax goes even in the recipient's night. */
  now: boolean;
}

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

/** The letters at the menu, and the layout they were asked in. */
export interface MenuContext extends Composed {
  format: Format;
}
