import { describe, expect, it } from 'vitest';
import { composeLetters, type Letter } from '../../src/core/compose.js';
import type { Sender } from '../../src/core/fields.js';
import { letterRenderer } from '../../src/core/letter-skeleton.js';
import { renderSingle } from '../../src/core/render.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';
import { t } from '../helpers/words.js';

const senders: (Sender | null)[] = [
  { name: 'Ana Pérez', city: 'Leeds', country: 'UK' },
  { name: 'Ana Pérez', city: 'Leeds', country: 'UK', email: 'ana@example.org' },
  // A second Ana: the same shape, other texts.
  { name: 'Zoë Ørjan-Smith', city: 'Málaga', country: 'ES', email: 'zoe@example.org' },
  { name: 'Jo', city: 'York', country: 'GB', address: ['1 High Street', 'Flat 2'], about: 'soy profesor', note: 'Please act now.\n\nThank you.' },
  // Texts that look like the markers, or hold Handlebars' own syntax: written as they are.
  { name: '\u00010\u0002 {{name}}', city: '\u0001w1\u0002', country: 'FR', about: '  ' },
  { name: "Seán O'Brien & <Co>", city: 'Leeds', country: 'UK', about: `${'a very long word '.repeat(12)}https://example.org/${'x'.repeat(90)}` },
  null,
];

function lettersOf(sender: Sender | null): Letter[] {
  const action = ua105();
  return ['en', 'es', 'fr'].flatMap((lang) => composeLetters({ t, action, lang, targets: action.targets, sender, today: TODAY_DAY, locale: locale(lang) }));
}

describe('text letters from skeletons', () => {
  it('are, byte for byte, what the layout writes for each letter', () => {
    const render = letterRenderer('text');
    // Twice: the first letter of a shape makes its skeleton, the others fill it.
    for (let round = 0; round < 2; round++)
      for (const sender of senders) for (const letter of lettersOf(sender)) expect(render(letter)).toBe(renderSingle(letter, 'text'));
  });

  it('keep up with a letter whose lists and empty texts differ from the last one of its kind', () => {
    const render = letterRenderer('text');
    const [letter] = lettersOf(senders[1] ?? null);
    if (!letter) return expect.fail();
    const variants: Letter[] = [
      letter,
      { ...letter, sender: [] },
      { ...letter, sender: ['One line only'] },
      { ...letter, paragraphs: [...letter.paragraphs, 'And one more.'] },
      { ...letter, signature: [], blanks: ['Signature', 'Name', '', 'Address'] },
      { ...letter, blanks: ['', ''], signature: [] },
      { ...letter, salutation: '' },
      { ...letter, closing: '' },
    ];
    for (const variant of [...variants, ...variants]) expect(render(variant)).toBe(renderSingle(variant, 'text'));
  });

  it('leave the other formats to their layouts', () => {
    const [letter] = lettersOf(senders[0] ?? null);
    if (!letter) return expect.fail();
    for (const format of ['markdown', 'html', 'json'] as const) expect(letterRenderer(format)(letter)).toBe(renderSingle(letter, format));
  });
});
