import { documentTitle } from '../../core/choose.js';
import type { Letter } from '../../core/compose.js';
import type { Translate } from '../../core/i18n.js';
import { type Format, TEXT_WIDTH } from '../../core/render.js';
import { forTerminal } from '../../core/shown.js';
import { deliverLetters } from '../../io/sinks.js';
import { screenWidth } from '../../io/style.js';
import { warnDeadline } from '../common/deadline-note.js';
import type { Composed } from './composed.js';

/** Out: by email; as drafts or links to send by hand; the menu at a terminal; else stdout or files. */
export async function deliverComposed(composed: Composed): Promise<number> {
  const { action, letters, sender, options, interactive, ctx, say } = composed;
  const { world, t } = ctx;
  if (options.send && options.format === 'fax') {
    const faxes = {
      action,
      options,
      config: composed.config,
      interactive,
      ctx,
      letters: letters.map((letter) => ({ letter, sender })),
      now: options.now,
      paper: options.paper,
    };
    return (await import('../common/fax-send.js')).sendFaxes(faxes);
  }
  if (options.send) return send(composed);
  if (!interactive) warnDeadline(action, ctx, say, ctx.style(world.stderr).warn);
  if (options.format === 'fax') return (await import('./fax.js')).writeFaxes(composed);
  if (options.format === 'pdf') {
    await (await import('../common/printable.js')).refuseUnprintable(t, letters, sender);
    const { writePdfLetters } = await import('../../io/pdf-files.js');
    const pdf = { out: options.out, force: options.force, paper: options.paper, cwd: world.cwd, title: documentTitle(action) };
    say(describeFiles(t, await writePdfLetters(t, letters, pdf, world), letters));
    await (await import('./prepare.js')).recordPrinted(letters, sender, ctx);
    return 0;
  }
  if (options.format === 'eml' || options.mailto) {
    const prepare = await import('./prepare.js');
    const files = { letters, sender, from: options.from ?? world.env.UA_FROM, out: options.out, force: options.force, wait: options.wait, ctx };
    if (options.mailto) return prepare.printMailtoLinks({ ...files, open: options.open });
    await prepare.writeEmlFiles(files);
    return 0;
  }
  const format = (options.format ?? 'text') as Format;
  if (interactive) return (await import('./menu.js')).interactiveDelivery({ ...composed, format });
  const written = deliverLetters(t, letters, format, { out: options.out, force: options.force }, world);
  if (written.length > 0) {
    say(describeFiles(t, written, letters));
    await (await import('./prepare.js')).recordPrinted(letters, sender, ctx);
  }
  return 0;
}

/** `--send`: the letters shown at a terminal, sent, and then the offer to remember the sender. */
async function send({ action, letters, sender, answers, config, options, interactive, ctx, say }: Composed): Promise<number> {
  const { world, t } = ctx;
  if (interactive) {
    const { lettersOnScreen } = await import('../../core/screen.js');
    world.stderr.write(`\n${lettersOnScreen(letters, screenWidth(world.stderr, world.env, TEXT_WIDTH)).trimEnd()}\n\n`);
  }
  const code = await (await import('../send/send.js')).sendLetters({ action, letters, sender, options, config, interactive, ctx });
  // The questions and the menu load only at a terminal: a script never pays for them.
  if (interactive) await (await import('./menu.js')).offerProfile(t, await world.prompter(ctx.style(world.stderr), t), { answers, config, say });
  return code;
}

/** "Wrote 2 letters to letters.pdf." */
function describeFiles(t: Translate, paths: readonly string[], letters: readonly Letter[]): string {
  return t('compose.wrote', { count: letters.length, files: forTerminal(paths.join(', ')) });
}
