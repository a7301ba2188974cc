import type { Line } from './normalise.js';
import type { Sections } from './sections.js';
import type { FoundTarget } from './targets.js';

/**
 * Where each fact was read, as the document's line numbers, for `ua import --review` to show the
 * line beside the fact: the head's facts, each target's fields (an address line, an email by its
 * address), the letter's first and last lines, each ask. A fact with no line was not read.
 */
export function sourcesOf(
  head: Readonly<Record<string, number | undefined>>,
  targets: readonly FoundTarget[],
  lines: readonly Line[],
  sections: Sections,
): Map<string, number> {
  const sources = new Map<string, number>();
  const set = (path: string, line: number | undefined) => {
    if (line !== undefined && line > 0) sources.set(path, line);
  };
  for (const [path, line] of Object.entries(head)) set(path, line);
  const { letter, requests } = sections;
  const letterLine = letter ? lines[letter.start]?.n : undefined;
  for (const [i, target] of targets.entries()) {
    const own = target.sources;
    set(`targets[${i}].name`, own.name);
    set(`targets[${i}].title`, own.title);
    for (const [j, address] of target.address.entries()) set(`targets[${i}].address[${j}]`, own[`address:${address}`] ?? own.address);
    for (const [j, email] of target.email.entries()) set(`targets[${i}].email[${j}]`, own[`email:${email}`]);
    set(`targets[${i}].salutation`, own.salutation ?? (i === 0 ? letterLine : undefined));
  }
  if (letter) {
    const body = lines.slice(letter.start + 1, letter.end).filter((line) => line.text !== '');
    set('letters.first', body[0]?.n);
    set('letters.last', body[body.length - 1]?.n);
  }
  if (requests) {
    const asks = lines.slice(requests.start + 1, requests.end + 1).filter((line) => line.text !== '');
    for (const k of asks.keys()) set(`asks[${k}]`, asks[k]?.n);
    // Asks on the intro's own line (no bullets): that line for each.
    if (asks.length === 0) set('asks', lines[requests.start]?.n);
  }
  return sources;
}
