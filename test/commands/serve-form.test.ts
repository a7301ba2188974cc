import { describe, expect, it } from 'vitest';
import { blankForm, checkForm, type FormValues, formChoices, formOf, formValues, lettersOf, letterTexts } from '../../src/commands/serve/letter-form.js';
import { fromAcceptLanguage } from '../../src/commands/serve/site.js';
import { composeLetters } from '../../src/core/compose.js';
import { renderForScreen, TEXT_WIDTH } from '../../src/core/render.js';
import { locale, ua105 } from '../helpers/action.js';
import { t, wordsIn } from '../helpers/words.js';

// The attendee's form of `ua serve`, without a server: what the browser sent, read as text; the
// answers checked by `ua compose`'s field rules, each problem by its field in the attendee's
// language; the choices the form offers; the letters it previews.

const PERU = ua105();
const ANA: FormValues = {
  lang: 'es',
  targets: ['boluarte'],
  name: 'Ana Pérez',
  city: 'Leeds',
  country: 'Reino Unido',
  email: '',
  about: 'Soy profesora.',
  note: 'Les pido que actúen ya.',
};

describe('what the browser sent, as text', () => {
  it('takes the fields of the form, a missing one as empty, and nothing else', () => {
    expect(formValues({ _csrf: 'x', step: 'hand', lang: 'es', targets: 'boluarte', name: 'Ana', extra: ['ignored'] })).toEqual({
      lang: 'es',
      targets: ['boluarte'],
      name: 'Ana',
      city: '',
      country: '',
      email: '',
      about: '',
      note: '',
    });
  });

  it('takes several officials as a list', () => {
    expect(formValues({ targets: ['boluarte', 'rivero'] })?.targets).toEqual(['boluarte', 'rivero']);
  });

  it('is an empty form when there is no body', () => {
    expect(formValues(undefined)).toEqual({ lang: '', targets: [], name: '', city: '', country: '', email: '', about: '', note: '' });
    expect(formValues(null)?.targets).toEqual([]);
  });

  it.each([
    ['a list where text belongs (name=a&name=b)', { name: ['a', 'b'] }],
    ['an object where text belongs (name[x]=a)', { name: { x: 'a' } }],
    ['a number where text belongs', { city: 3 }],
    ['an official that is not text', { targets: ['boluarte', { id: 'rivero' }] }],
    ['officials as an object', { targets: { 0: 'boluarte' } }],
  ])('refuses %s', (_name, body) => {
    expect(formValues(body)).toBeUndefined();
  });
});

describe("the answers, checked by ua compose's rules", () => {
  it('keeps the answers given, trimmed, and leaves out the optional ones left empty', () => {
    const { answers, problems } = checkForm(t, PERU, { ...ANA, name: '  Ana Pérez ', about: '', email: 'ana@example.org' });
    expect(problems).toEqual({});
    expect(answers).toEqual({
      lang: 'es',
      targets: ['boluarte'],
      name: 'Ana Pérez',
      city: 'Leeds',
      country: 'Reino Unido',
      email: 'ana@example.org',
      note: 'Les pido que actúen ya.',
    });
  });

  it('names every problem by its field at once, and keeps no answers', () => {
    const { answers, problems } = checkForm(t, PERU, {
      ...ANA,
      lang: 'de',
      targets: ['nobody'],
      name: '',
      city: 'Leeds\u001b[31m',
      email: 'not-an-address',
      about: 'one\ntwo',
      note: 'x'.repeat(4001),
    });
    expect(answers).toBeUndefined();
    expect(problems).toEqual({
      lang: 'Please choose a language.',
      targets: 'Please choose at least one official.',
      name: 'Please fill this in.',
      city: 'contains a control character',
      email: 'not an email address',
      about: 'must be a single line',
      note: 'too long (at most 4000 characters)',
    });
  });

  it.each([
    ['no official', { targets: [] }, 'targets'],
    ['an official of another UA beside one of this one', { targets: ['boluarte', 'someone-else'] }, 'targets'],
    ['a name over 100 characters', { name: 'A'.repeat(101) }, 'name'],
    ['a country left as spaces', { country: '   ' }, 'country'],
    ['a language the UA has no letter in', { lang: 'pt' }, 'lang'],
  ])('refuses %s', (_name, change, field) => {
    const { answers, problems } = checkForm(t, PERU, { ...ANA, ...change });
    expect(answers).toBeUndefined();
    expect(Object.keys(problems)).toEqual([field]);
  });

  it("speaks the attendee's language", () => {
    expect(checkForm(wordsIn('es'), PERU, { ...ANA, name: '' }).problems).toEqual({ name: 'Rellene este campo, por favor.' });
    expect(checkForm(wordsIn('fr'), PERU, { ...ANA, targets: [] }).problems.targets).toMatch(/^Veuillez/);
  });

  it('comes back as the form it was typed in (to change a letter handed in)', () => {
    const { answers } = checkForm(t, PERU, ANA);
    expect(answers && formOf(answers)).toEqual(ANA);
  });
});

describe('the choices the form offers', () => {
  it("starts blank, in the officials' language, to every official", () => {
    expect(blankForm(PERU)).toEqual({ lang: 'es', targets: ['boluarte', 'rivero'], name: '', city: '', country: '', email: '', about: '', note: '' });
  });

  it("lists the letter languages, the officials' first, and the officials with their title in the reader's language", () => {
    const choices = formChoices(wordsIn('fr'), 'fr', PERU, { ...ANA, lang: 'fr', targets: ['rivero'] });
    expect(choices.languages).toEqual([
      { code: 'es', name: 'Español', checked: false, preferred: true },
      { code: 'en', name: 'English', checked: false, preferred: false },
      { code: 'fr', name: 'Français', checked: true, preferred: false },
    ]);
    expect(choices.officials.map((o) => [o.id, o.checked])).toEqual([
      ['boluarte', false],
      ['rivero', true],
    ]);
    expect(choices.officials[0]?.title).toMatch(/Pérou/);
  });
});

describe('the letters the preview shows', () => {
  it("are ua compose's letters for the same answers, the paragraphs left for the phone to break", async () => {
    const answers = checkForm(t, PERU, { ...ANA, targets: ['boluarte', 'rivero'] }).answers;
    if (!answers) throw new Error('the answers were refused');
    const now = new Date('2026-11-28T18:30:00Z');
    const letters = await lettersOf(t, PERU, answers, now);
    expect(letters.map((letter) => letter.targetId)).toEqual(['boluarte', 'rivero']);
    const sender = { name: ANA.name, city: ANA.city, country: ANA.country, about: ANA.about, note: ANA.note };
    const composed = composeLetters({
      t,
      action: PERU,
      lang: 'es',
      targets: PERU.targets,
      sender,
      today: { year: 2026, month: 11, day: 28 },
      locale: locale('es'),
    });
    const texts = letterTexts(letters);
    expect(texts.some((text) => text.split('\n').some((line) => line.length > TEXT_WIDTH))).toBe(true);
    expect(texts).toEqual(composed.map((letter) => renderForScreen([letter], TEXT_WIDTH, (paragraph) => paragraph)));
  });
});

describe("the page's language, from the browser's Accept-Language", () => {
  it.each([
    ['fr-CH, fr;q=0.9, en;q=0.8', 'fr'],
    ['de-DE, es;q=0.5, en;q=0.7', 'en'],
    ['es-419', 'es'],
    ['en;q=0.2, fr;q=0.9', 'fr'],
    ['fr;q=0, es;q=0.1', 'es'],
    ['pt-BR, de', 'en'],
    ['', 'en'],
    ['fr;q=abc, es', 'es'],
  ])('%s → %s', (header, lang) => {
    expect(fromAcceptLanguage(header)).toBe(lang);
  });
});
