import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const REAL_UA = join(ROOT, 'actions', '105.22.yaml');
export const realText = () => readFileSync(REAL_UA, 'utf8');

/** A copy of the real UA file with one exact piece of text replaced (which must be there). */
export function brokenCopy(from: string, to: string, name = '105.22.yaml'): string {
  const text = realText();
  if (!text.includes(from)) throw new Error(`the UA file no longer contains ${JSON.stringify(from)}`);
  return writeCopy(text.replace(from, to), name);
}

export function writeCopy(text: string, name = '105.22.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ua-broken-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Letter templates that reach past what a letter is given (constructors, the root, lookups) or name a field that is not there. */
export const PRYING_TEMPLATES = [
  '{{#each action}}{{this.constructor.name}}{{/each}}',
  '{{#with action}}{{constructor}}{{/with}}',
  '{{#each action.asks}}{{nmae}}{{/each}}',
  '{{@root.nope}}',
  '{{toString}}',
  '{{lookup action "id"}}',
];
