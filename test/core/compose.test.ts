import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLetters } from '../../src/core/compose.js';
import type { Sender } from '../../src/core/fields.js';
import { renderDocument } from '../../src/core/render.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';
import { t } from '../helpers/words.js';

const expected = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'letters', name), 'utf8');

function letterText(lang: string, targetId: string, sender: Sender): string {
  const action = ua105();
  const targets = action.targets.filter((target) => target.id === targetId);
  return renderDocument(composeLetters({ t, action, lang, targets, sender, today: TODAY_DAY, locale: locale(lang) }), 'text');
}

describe('letters, word for word', () => {
  it('English, to the President, with every optional answer', () => {
    const sender = {
      name: 'Ana Pérez',
      city: 'Leeds',
      country: 'United Kingdom',
      email: 'ana@example.org',
      address: ['12 Park Lane', 'Leeds LS1 2AB'],
      about: 'I am a nurse and a mother of two',
      note: 'I visited Juliaca in 2019 & met wonderful people there.',
    };
    expect(letterText('en', 'boluarte', sender)).toBe(expected('en-boluarte.txt'));
  });

  it('Spanish, to the ambassador, with only the required answers', () => {
    expect(letterText('es', 'rivero', { name: 'Ana Pérez', city: 'Leeds', country: 'Reino Unido' })).toBe(expected('es-rivero.txt'));
  });

  it('French, to the ambassador and to the President', () => {
    expect(letterText('fr', 'rivero', { name: 'Zoë Müller', city: 'Genève', country: 'Suisse', about: 'Je suis enseignante.' })).toBe(
      expected('fr-rivero.txt'),
    );
    expect(letterText('fr', 'boluarte', { name: 'Zoë Müller', city: 'Genève', country: 'Suisse' })).toBe(expected('fr-boluarte.txt'));
  });
});

describe('what makes a letter correct', () => {
  const minimal = { name: 'Ana Pérez', city: 'Leeds', country: 'Reino Unido' };
  const all = (lang: string, sender: Sender = minimal) => {
    const action = ua105();
    return composeLetters({ t, action, lang, targets: action.targets, sender, today: TODAY_DAY, locale: locale(lang) });
  };

  it.each([
    ['en', 'Dear Madam President Dina Boluarte,', 'Dear Ambassador de Rivero,', 'Yours sincerely,'],
    ['es', 'Señora Presidenta:', 'Excelentísimo Señor Embajador:', 'Atentamente,'],
    ['fr', 'Madame la Présidente,', "Monsieur l'Ambassadeur,", "Je vous prie d'agréer, Madame la Présidente, l'expression de ma très haute considération."],
  ])('%s: the salutation of each target, and the closing', (lang, president, ambassador, closing) => {
    const [toPresident, toAmbassador] = all(lang);
    expect(toPresident?.salutation).toBe(president);
    expect(toAmbassador?.salutation).toBe(ambassador);
    expect(toPresident?.closing).toBe(closing);
  });

  it.each([
    ['en', '28 November 2026'],
    ['es', 'Leeds, 28 de noviembre de 2026'],
    ['fr', 'Leeds, le 28 novembre 2026'],
  ])('%s: the date as the language writes it', (lang, dateline) => {
    expect(all(lang)[0]?.dateline).toBe(dateline);
  });

  it('a letter to the ambassador asks him to pass the concern on, not to stop the police', () => {
    for (const lang of ['en', 'es', 'fr']) {
      const [toPresident, toAmbassador] = all(lang).map((letter) => letter.paragraphs.join(' '));
      expect(toAmbassador).not.toEqual(toPresident);
      expect(toAmbassador).toMatch(/convey my concern|transmita mi preocupación|transmettre ma préoccupation/);
      expect(toPresident).toMatch(
        /I urge you to seek dialogue|Le pido encarecidamente que busque el diálogo|Je vous demande instamment de rechercher le dialogue/,
      );
    }
  });

  it('every request of the sample letter is in every language', () => {
    const requests: Record<string, RegExp[]> = {
      en: [
        /seek dialogue/,
        /end to all forms of unlawful force/,
        /safeguard the life and integrity/,
        /support to the families/,
        /collaborate with (the )?authorities investigating/,
      ],
      es: [
        /busque el diálogo|buscar el diálogo/,
        /toda forma de uso ilegítimo de la fuerza/,
        /salvaguardar la vida y la integridad/,
        /apoyo necesario a las familias/,
        /colabor(e|ar) con las autoridades que investigan/,
      ],
      fr: [
        /rechercher le dialogue/,
        /toute forme de recours illégal à la force/,
        /préserver la vie et l'intégrité/,
        /soutien nécessaire aux familles/,
        /coopérer avec les autorités qui enquêtent/,
      ],
    };
    for (const [lang, patterns] of Object.entries(requests)) {
      for (const letter of all(lang)) {
        for (const pattern of patterns) expect(letter.paragraphs.join(' '), `${lang} ${letter.targetId}`).toMatch(pattern);
      }
    }
  });

  it('skipped optional answers leave no trace', () => {
    for (const lang of ['en', 'es', 'fr']) {
      const text = renderDocument(all(lang), 'text');
      expect(text).not.toMatch(/ ,|\(\)|, \.|\bundefined\b|\bnull\b|: *\n *\n *:/);
      expect(text).not.toMatch(/\n\n\n\n\n/); // only the signature space has blank lines in a row
      expect(text).not.toMatch(/[ \t]+\n/); // no trailing blanks
    }
  });

  it('the sentence about the sender ends as a sentence, and a note keeps its paragraphs', () => {
    const [letter] = all('en', { ...minimal, about: 'I teach history', note: 'First thought.\n\nSecond thought.' });
    expect(letter?.paragraphs[0]).toBe('My name is Ana Pérez and I live in Leeds, United Kingdom. I teach history.');
    expect(letter?.paragraphs.slice(-2)).toEqual(['First thought.', 'Second thought.']);
  });

  it('an unsigned copy has no sender details, and space for a walk-in to sign and write their name and address', () => {
    const action = ua105();
    const [copy] = composeLetters({ t, action, lang: 'es', targets: action.targets, sender: null, today: TODAY_DAY, locale: locale('es') });
    expect(copy?.sender).toEqual([]);
    expect(copy?.signature).toEqual([]);
    expect(copy?.dateline).toBe('28 de noviembre de 2026');
    expect(copy?.blanks).toEqual(['(firma)', '(nombre y apellidos, en mayúsculas)', '', '(dirección postal)']);
    const rule = '____________________________________';
    expect(renderDocument(copy ? [copy] : [], 'text')).toMatch(
      new RegExp(
        `Atentamente,\n\n\n\n${rule}\n\\(firma\\)\n\n${rule}\n\\(nombre y apellidos, en mayúsculas\\)\n\n${rule}\n\n${rule}\n\\(dirección postal\\)\n$`,
      ),
    );
    expect(renderDocument(copy ? [copy] : [], 'html').match(/<p class="sign-here">/g)).toHaveLength(4);
    // Markdown: a rule of escaped underscores, a hard line break, the caption.
    expect(renderDocument(copy ? [copy] : [], 'markdown')).toContain(`${'\\_'.repeat(24)}\\\n(dirección postal)`);
    // A signed letter has none of them.
    const [signed] = all('es');
    expect(signed?.blanks).toEqual([]);
    expect(renderDocument(signed ? [signed] : [], 'text')).not.toContain(rule);
  });
});

describe('a batch of letters to the same targets', () => {
  // A batch loads each language's locale once.
  const es = locale('es');
  const compose = (action: ReturnType<typeof ua105>, sender: Sender, templates?: Parameters<typeof composeLetters>[0]['templates']) =>
    composeLetters({ t, action, lang: 'es', targets: action.targets, sender, today: TODAY_DAY, locale: es, templates });

  it('share what their letters to a target have in common, made once: the address, the body, the closing', () => {
    const action = ua105();
    const [ana] = compose(action, { name: 'Ana', city: 'Leeds', country: 'UK' });
    const [zoe] = compose(action, { name: 'Zoë', city: 'York', country: 'UK', note: 'Una nota.' });
    if (!ana || !zoe) return expect.fail();
    expect(zoe.recipient).toBe(ana.recipient);
    expect(zoe.closing).toBe(ana.closing);
    expect(zoe.paragraphs.slice(1, -1)).toEqual(ana.paragraphs.slice(1));
    expect(zoe.paragraphs.at(-1)).toBe('Una nota.');
  });

  it('a letter that is a template is still each signer’s own', async () => {
    const { renderLetterTemplate } = await import('../../src/core/letter-engine.js');
    const action = ua105();
    const letter = action.letters?.es;
    if (!letter) return expect.fail();
    letter.body = `Escribo desde {{sender.city}}.\n\n${letter.body}`;
    const [ana] = compose(action, { name: 'Ana', city: 'Leeds', country: 'UK' }, renderLetterTemplate);
    const [zoe] = compose(action, { name: 'Zoë', city: 'York', country: 'UK' }, renderLetterTemplate);
    expect(ana?.paragraphs[1]).toBe('Escribo desde Leeds.');
    expect(zoe?.paragraphs[1]).toBe('Escribo desde York.');
  });
});
