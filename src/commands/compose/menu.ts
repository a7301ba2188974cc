import type { Translate } from '../../core/i18n.js';
import { renderDocument, renderForScreen, TEXT_WIDTH } from '../../core/render.js';
import { fitLines, lettersOnScreen } from '../../core/screen.js';
import { forTerminal } from '../../core/shown.js';
import { cancelled, UaError } from '../../errors.js';
import { saveProfile } from '../../io/config.js';
import { editorCommand, editText } from '../../io/editor.js';

import { screenWidth } from '../../io/style.js';
import type { Prompter } from '../../world.js';
import type { MenuContext } from './composed.js';
import { saveLetters } from './save.js';

type Next = 'print' | 'save' | 'edit' | 'cancel';

/**
 * Shows the letters, then prints, saves or edits them as the volunteer chooses. Nothing they
 * typed is lost on the way: an editor that fails, an emptied file or a refused overwrite comes
 * back to this menu with the letters as they were; only Cancel (or Ctrl-C) ends without them.
 */
export async function interactiveDelivery(context: MenuContext): Promise<number> {
  const { letters, ctx } = context;
  const { world, t } = ctx;
  const prompter = await world.prompter(ctx.style(world.stderr), t);
  // On a terminal the letters are shown once, on stdout, where they belong; when stdout is a
  // file or a pipe they are previewed on stderr and "print" sends them there, once.
  const onScreen = world.stdout.isTTY === true;
  const preview = onScreen ? world.stdout : world.stderr;
  // The preview fits the terminal it is on; the editor gets the letters at their own width.
  const width = screenWidth(preview, world.env, TEXT_WIDTH);
  // After an edit, the volunteer's own text is what gets printed or saved.
  let edited: string | undefined;
  let show = true;

  for (;;) {
    const text = edited ?? renderForScreen(letters);
    if (show) preview.write(`\n${(edited === undefined ? lettersOnScreen(letters, width) : fitLines(edited, width)).trimEnd()}\n\n`);
    show = false;
    const next = await prompter.select<Next>(t('menu.question'), menu(t, onScreen, editorCommand(world.env, world.platform), letters.length), 'print');
    if (next === 'cancel') throw cancelled(t('errors.cancelled'));
    if (next === 'edit') {
      const changed = await editLetters(text, context);
      if (changed !== undefined) edited = changed;
      show = changed !== undefined;
    } else if (await deliver(next, onScreen, edited, prompter, context)) break;
  }

  // The UA asks for calls too: offered where a target has a phone (the call's code loads only then).
  if (context.action.targets.some((target) => target.phone?.length)) await (await import('../call/offer.js')).offerCalls(context, prompter);
  // Next time should take seconds: offer to remember who is writing.
  await offerProfile(t, prompter, context);
  return 0;
}

/** Prints or saves the letters; false when the volunteer comes back to the menu (a refused overwrite). */
async function deliver(next: 'print' | 'save', onScreen: boolean, edited: string | undefined, prompter: Prompter, context: MenuContext): Promise<boolean> {
  const { letters, ctx, say } = context;
  const { world, t } = ctx;
  if (next === 'print') {
    if (!onScreen) world.stdout.write(edited ?? renderDocument(letters, context.format));
    else say(t('menu.above', { count: letters.length }));
  } else if (!(await saveLetters(prompter, context, edited))) return false;
  await (await import('./prepare.js')).recordPrinted(letters, context.sender, ctx);
  return true;
}

function menu(t: Translate, onScreen: boolean, editor: string, count: number) {
  return [
    { value: 'print' as const, name: onScreen ? t('menu.done', { count }) : t('menu.print', { count }) },
    { value: 'save' as const, name: t('menu.save', { count }) },
    { value: 'edit' as const, name: t('menu.edit', { editor, count }) },
    { value: 'cancel' as const, name: t('menu.cancel') },
  ];
}

/** The edited text, or undefined (said why) when the letters stay as they were. */
async function editLetters(text: string, { ctx: { world, t }, say, letters }: MenuContext): Promise<string | undefined> {
  const count = letters.length;
  let result: string;
  try {
    result = await editText(t, text, world);
  } catch (error) {
    if (!(error instanceof UaError) || error.kind === 'cancelled') throw error;
    const message = `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}`;
    say(forTerminal(`${t('menu.editorFailed', { message, count })}${error.hint ? ` ${error.hint}` : ''}`));
    return undefined;
  }
  if (result.trim() === '') {
    say(t('menu.emptied', { count }));
    return undefined;
  }
  return result === text ? undefined : result;
}

// Not `about`: it is written in one letter's language, and the next letter may be in another.
// The letter's language is: the next UA is written in it where it has a letter in it.
const PROFILE_FIELDS = ['name', 'city', 'country', 'email', 'address', 'lang'] as const;

export async function offerProfile(t: Translate, prompter: Prompter, { answers, config, say }: Pick<MenuContext, 'answers' | 'config' | 'say'>): Promise<void> {
  const same = PROFILE_FIELDS.every((key) => JSON.stringify(answers[key]) === JSON.stringify(config.profile[key]));
  if (same) return;
  if (!(await prompter.confirm(t('menu.remember', { file: config.file }), true))) return;
  const profile = Object.fromEntries(PROFILE_FIELDS.map((key) => [key, answers[key]]));
  await saveProfile(t, config, { ...config.profile, ...profile });
  say(t('menu.remembered', { name: answers.name ?? '' }));
}
