import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../../io/paths.js';
import { writeFileAtomically } from '../../io/staging.js';
import type { Context } from '../context.js';

/**
 * After letters went out for a UA: one line saying how to tell the section, once per UA on this
 * machine (the UAs reminded are kept in the state folder). A rehearsal is not reminded; a
 * folder that cannot be written only means the line may come again.
 */
export function remindToReport(ctx: Context, ua: string, done: number): void {
  if (done === 0) return;
  const { world, t } = ctx;
  const file = join(stateDir(world.env), 'reminded.json');
  let reminded: string[] = [];
  try {
    reminded = JSON.parse(readFileSync(file, 'utf8')) as string[];
    if (!Array.isArray(reminded)) reminded = [];
  } catch {
    // No file yet (or not ours): no UA was reminded.
  }
  if (reminded.includes(ua)) return;
  ctx.note(t('submit.reminder', { id: ua }));
  try {
    mkdirSync(stateDir(world.env), { recursive: true, mode: 0o700 });
    writeFileAtomically(t, { path: file, force: true }, JSON.stringify([...reminded, ua].sort()));
  } catch {
    // A nicety: the reminder may come once more.
  }
}
