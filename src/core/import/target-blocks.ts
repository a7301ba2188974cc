import type { Translate } from '../i18n.js';
import type { FoundLetter } from './letter.js';
import { officialsIn } from './officials.js';
import { salutationsOf } from './salutations.js';
import { type FoundTarget, isContactBlock, type Line, parseTarget, type Warning } from './targets.js';
import { BACKGROUND, COPIES, HEADER, TITLE } from './vocabulary.js';

/** Section 4, targets: the contact blocks, each cut into officials, each official a target. */

export function findTargets(t: Translate, lines: readonly Line[], warnings: Warning[]): FoundTarget[] {
  const targets: FoundTarget[] = [];
  let copy = false;
  let block: Line[] = [];
  const flush = () => {
    // Sentences before a name ("2. Click here to let us know…") belong to the text, not the target.
    while (block.length > 0 && isProse(block[0]?.text ?? '')) block.shift();
    if (block.length > 0 && isContactBlock(block)) {
      for (const official of officialsIn(block)) {
        const target = parseTarget(t, official, copy, warnings);
        if (target) targets.push(target);
      }
    }
    block = [];
  };
  for (const line of lines) {
    if (COPIES.test(line.text)) {
      flush();
      copy = true;
      continue;
    }
    if (line.text === '' || BACKGROUND.test(line.text)) flush();
    else block.push(line);
  }
  flush();
  const seen = new Map<string, number>();
  for (const target of targets) {
    const count = (seen.get(target.id) ?? 0) + 1;
    seen.set(target.id, count);
    if (count > 1) target.id = `${target.id}-${count}`;
  }
  return targets;
}

/** A heading, a numbered instruction or a sentence: text around a contact block, not part of it. */
function isProse(text: string): boolean {
  // A page heading ("Urgent Action update: Land defenders jailed") is never a name.
  if (HEADER.test(text)) return true;
  if (/@|\b(Phone|Tel|Fax|E-?mail|Correo|Courriel)\s*:/i.test(text)) return false;
  // "MINISTER OF INTERIOR" over "KOVAC Ivan": a role in capitals is the official's first line.
  const capitals = text === text.toUpperCase() && /\p{L}{4}/u.test(text) && !TITLE.test(text);
  return /^\d+\.\s/.test(text) || text.length > 90 || /:$/.test(text) || capitals;
}

export function targetData(
  t: Translate,
  target: FoundTarget,
  index: number,
  letter: FoundLetter | undefined,
  lang: string,
  derived: Map<string, string>,
  warnings: Warning[],
) {
  const salutation = salutationsOf(t, target, index, letter?.salutation, lang, derived, warnings);
  return {
    id: target.id,
    name: target.name,
    ...(target.title ? { title: target.title } : {}),
    ...(target.organisation ? { organisation: target.organisation } : {}),
    salutation,
    ...(target.address.length > 0 ? { address: target.address } : {}),
    ...(target.email.length > 0 ? { email: target.email } : {}),
    ...(target.phone.length > 0 ? { phone: target.phone } : {}),
    ...(target.fax.length > 0 ? { fax: target.fax } : {}),
    ...(Object.keys(target.social).length > 0 ? { social: target.social } : {}),
    ...(target.contact_form ? { contact_form: target.contact_form } : {}),
    ...(target.copy ? { copy: true } : {}),
  };
}
