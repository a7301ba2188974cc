import type { Letter } from '../../core/compose.js';
import type { Sender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { dataError } from '../../errors.js';
import { listCharacters, unprintable } from '../../io/pdf-fonts.js';

/** Every piece of text a letter puts on paper. */
export function letterTexts(letter: Letter): string[] {
  return [letter.subject, ...letter.sender, letter.dateline, ...letter.recipient, letter.salutation, ...letter.paragraphs, letter.closing, ...letter.signature];
}

/**
 * A PDF must print every character as written; where it cannot (a script the fonts lack, or one
 * written right to left), nothing is written: the command stops, naming the characters and
 * where they are, rather than printing empty boxes.
 */
export async function refuseUnprintable(t: Translate, letters: readonly Letter[], sender: Sender | null): Promise<void> {
  const missing = await unprintable(letters.flatMap(letterTexts));
  if (missing.length === 0) return;
  throw dataError(t('pdf.cannotPrint', { characters: listCharacters(missing), where: whereIn(t, sender, missing) }), t('pdf.cannotPrintHint'));
}

/** " (in --name "陳美玲")": the sender's fields that hold the characters. */
function whereIn(t: Translate, sender: Sender | null, missing: readonly string[]): string {
  const fields = unprintableFields(sender, missing);
  return fields.length > 0 ? ` ${t('pdf.inFields', { fields: fields.map(([flag, value]) => `${flag} ${quoted(value)}`).join(', ') })}` : '';
}

/** The sender's fields, by flag, that hold any of these characters. */
export function unprintableFields(sender: Sender | null, missing: readonly string[]): [string, string][] {
  if (!sender) return [];
  const fields: [string, string | undefined][] = [
    ['--name', sender.name],
    ['--city', sender.city],
    ['--country', sender.country],
    ['--address', sender.address?.join(', ')],
    ['--about', sender.about],
    ['--note', sender.note],
  ];
  return fields.filter((field): field is [string, string] => field[1] !== undefined && missing.some((char) => field[1]?.includes(char)));
}
