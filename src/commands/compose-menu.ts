import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Action } from '../core/action.js';
import type { Letter } from '../core/compose.js';
import type { Answers } from '../core/fields.js';
import { EXTENSIONS, type Format, renderDocument } from '../core/render.js';
import { cancelled } from '../errors.js';
import { type Config, saveProfile } from '../io/config.js';
import { editText } from '../io/editor.js';
import type { Prompter } from '../io/prompter.js';
import { writeFileAtomically } from '../io/staging.js';
import type { World } from '../world.js';
import type { ComposeFlags } from './compose.js';

export interface MenuContext {
  letters: Letter[];
  format: Format;
  flags: ComposeFlags;
  answers: Answers;
  config: Config;
  action: Action;
  world: World;
  say: (text: string) => void;
}

type Next = 'print' | 'save' | 'edit' | 'cancel';

/** Shows the letters, then prints, saves or edits them as the user chooses. */
export async function interactiveDelivery(context: MenuContext): Promise<number> {
  const { letters, world } = context;
  const prompter = await world.prompter();
  // After an edit, the user's own text is what gets printed or saved.
  let edited: string | undefined;

  for (;;) {
    // 1. The preview, always as plain text, on stderr (stdout is for the product).
    const preview = edited ?? renderDocument(letters, 'text');
    world.stderr.write(`\n${preview.trimEnd()}\n\n`);

    // 2. What next.
    const next = await prompter.select<Next>(
      'What would you like to do?',
      [
        { value: 'print', name: 'Print it here (stdout)' },
        { value: 'save', name: 'Save it to a file' },
        { value: 'edit', name: `Edit it in your editor (${world.env.VISUAL || world.env.EDITOR || 'vi'})` },
        { value: 'cancel', name: 'Cancel' },
      ],
      'print',
    );
    if (next === 'cancel') throw cancelled();
    if (next === 'edit') {
      edited = await editText(preview, world.openEditor);
      continue;
    }
    const format: Format = edited ? 'text' : context.format;
    const content = edited ?? renderDocument(letters, format);
    if (next === 'print') world.stdout.write(content);
    else await saveToFile(prompter, context, content, format);
    break;
  }

  // 3. Next time should take seconds: offer to remember who is writing.
  await offerProfile(prompter, context);
  return 0;
}

async function saveToFile(prompter: Prompter, context: MenuContext, content: string, format: Format): Promise<void> {
  const { action, letters, world, say } = context;
  const suggestion = context.flags.out ?? `${action.id}-${letters[0]?.lang ?? 'letter'}.${EXTENSIONS[format]}`;
  const answer = await prompter.input('Save to', { default: suggestion, validate: (value) => (value.trim() ? undefined : 'Please give a file name.') });
  const path = resolve(world.cwd, answer.trim());
  const force = context.flags.force === true || (existsSync(path) && (await prompter.confirm(`${answer.trim()} exists. Overwrite it?`, false)));
  if (existsSync(path) && !force) throw cancelled();
  writeFileAtomically({ path, force, shown: answer.trim() }, content);
  say(`Saved ${letters.length} letter${letters.length === 1 ? '' : 's'} to ${path}.`);
}

// Not `about`: it is written in one letter's language, and the next letter may be in another.
const PROFILE_FIELDS = ['name', 'city', 'country', 'email', 'address'] as const;

export async function offerProfile(prompter: Prompter, { answers, config, say }: Pick<MenuContext, 'answers' | 'config' | 'say'>): Promise<void> {
  const same = PROFILE_FIELDS.every((key) => JSON.stringify(answers[key]) === JSON.stringify(config.profile[key]));
  if (same) return;
  if (!(await prompter.confirm(`Remember your details for next time? (saved in ${config.file})`, true))) return;
  const profile = Object.fromEntries(PROFILE_FIELDS.map((key) => [key, answers[key]]));
  await saveProfile(config, { ...config.profile, ...profile });
  say(`Saved. Next time, "ua compose" will write as ${answers.name}.`);
}
