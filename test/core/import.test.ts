import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findDate } from '../../src/core/import/dates.js';
import { toYaml } from '../../src/core/import/emit.js';
import { extractAction } from '../../src/core/import/extract.js';
import { detectLanguage, languagesIn } from '../../src/core/import/languages.js';
import { fits } from '../../src/core/import/salutations.js';
import { idFor, parseTarget, type Warning } from '../../src/core/import/targets.js';
import { validateAction } from '../../src/core/validate-action.js';
import { parseYamlSource } from '../../src/core/yaml-source.js';
import { localeCodes } from '../../src/io/repository.js';
import { DOCUMENTS } from '../helpers/paths.js';
import { t } from '../helpers/words.js';

const document = (name: string) => readFileSync(join(DOCUMENTS, name), 'utf8');
const imported = (name: string) => extractAction(t, document(name));
type Target = {
  id: string;
  name: string;
  title?: string;
  organisation?: string;
  salutation: Record<string, string>;
  email?: string[];
  phone?: string[];
  fax?: string[];
  social?: Record<string, string>;
  copy?: boolean;
  address?: string[];
};
const targets = (name: string) => imported(name).data.targets as Target[];
const validates = (name: string) => {
  const yaml = toYaml(t, imported(name), name);
  return validateAction(t, parseYamlSource(t, yaml, name), name, localeCodes()).map((p) => `${p.path}: ${p.message}`);
};

describe('dates as documents write them', () => {
  it.each([
    ['PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 7 March 2023', '2023-03-07'],
    ['PLEASE SEND APPEALS BEFORE 10 MAY 2016 TO:', '2016-05-10'],
    ['This Urgent Action expires on April 25, 2022.', '2022-04-25'],
    ['do not send appeals after 2. März 2015', '2015-03-02'],
    ['ANTES DEL 13 de septiembre de 2011', '2011-09-13'],
    ["JUSQU'AU 1er mars 2024", '2024-03-01'],
    ['APPEAL DEADLINE NOTICE: 16 August 2017', '2017-08-16'],
    ['30 February 2020', undefined],
    ['no date here', undefined],
  ])('%s', (text, date) => {
    expect(findDate(text)).toBe(date);
  });
});

describe('languages and ids', () => {
  it('names languages in several languages, in order', () => {
    expect(languagesIn('PREFERRED LANGUAGE TO ADDRESS TARGET: Spanish.')).toEqual(['es']);
    expect(languagesIn('Please write immediately in Chinese, English or your own language')).toEqual(['zh', 'en']);
    expect(languagesIn('LANGUE(S) À PRIVILÉGIER POUR LA RÉDACTION DE VOS APPELS : français')).toEqual(['fr']);
    expect(detectLanguage('Me dirijo a usted para expresarle mi preocupación por la muerte de las personas')).toBe('es');
    expect(detectLanguage('Je vous écris pour vous faire part de ma préoccupation pour les personnes et de leur famille')).toBe('fr');
  });
  it('makes short ids from the main surname', () => {
    expect(['Dina Ercilia Boluarte Zegarra', 'Oswaldo de Rivero', 'Chen Ming'].map(idFor)).toEqual(['boluarte', 'rivero', 'ming']);
  });
});

describe('email addresses in a contact block', () => {
  const emailsOf = (...texts: string[]) => {
    const warnings: Warning[] = [];
    const target = parseTarget(
      t,
      ['Ministra Ñúñez', ...texts].map((text, i) => ({ n: i + 1, text })),
      false,
      warnings,
    );
    return { email: target?.email, warnings };
  };

  it('finds addresses written in any script, and an A-label top-level domain', () => {
    expect(emailsOf('Email: ministra@justicia.españa.es', 'zoë@пример.рф', 'Correo: despacho@justicia.xn--p1ai.').email).toEqual([
      'ministra@justicia.españa.es',
      'zoë@пример.рф',
      'despacho@justicia.xn--p1ai',
    ]);
  });

  it('still reports what is not an address', () => {
    expect(emailsOf('Email: ministra@justicia.example, ministra..x@justicia.example').warnings).toEqual([
      { line: 2, message: expect.stringContaining('"ministra..x@justicia.example"') },
    ]);
  });
});

describe('documents of other shapes', () => {
  it('an older "UA: 73/16 Index:" UA with requests, a Salutation line, copies', () => {
    const { data } = imported('old-style.txt');
    expect(data).toMatchObject({
      id: '73.16',
      index: 'ASA 17/3726/2016',
      issued: '2016-03-29',
      deadline: '2016-05-10',
      country: 'China',
      title: 'Lawyer detained for defending workers',
    });
    expect(data.languages).toEqual({ preferred: 'zh', also: ['en'], own_language_ok: true });
    expect(data.asks).toEqual([
      'Calling on the authorities to release Wang Lin immediately and unconditionally;',
      'Urging them to ensure that she is not tortured or otherwise ill-treated;',
      'Calling on them to allow her access to her family and lawyers of her choice.',
    ]);
    expect(targets('old-style.txt')).toEqual([
      expect.objectContaining({
        name: 'Chen Ming',
        title: 'Director of Guangzhou Public Security Bureau',
        fax: ['+86 20 8311 5119'],
        salutation: { en: 'Dear Director,' },
      }),
      expect.objectContaining({ name: 'Wang Yi', title: 'Minister of Foreign Affairs', email: ['webmaster@mfa.gov.cn'], copy: true }),
    ]);
    expect(data.letters).toBeUndefined();
    expect(validates('old-style.txt')).toEqual([]);
  });

  it('a follow-up, with the target after the letter', () => {
    const { data, warnings } = imported('follow-up.txt');
    expect(data).toMatchObject({ id: '163.09', update_of: '163.09', index: 'AMR 41/012/2010', deadline: '2010-04-26', country: 'Mexico' });
    expect(warnings.map((w) => w.path)).toContain('update_of');
    expect(targets('follow-up.txt')[0]).toMatchObject({
      id: 'rivero',
      name: 'Ángel Aguirre Rivero',
      title: 'Governor',
      email: ['gobernador@guerrero.gob.mx'],
      salutation: { en: 'Dear Governor,' },
    });
    expect((data.letters as Record<string, { body: string }>).en?.body).toMatch(
      /^I am writing to express my concern[\s\S]*investigate the threats against them\.\n$/,
    );
    expect(validates('follow-up.txt')).toEqual([]);
  });

  it('a Spanish section version', () => {
    const { data } = imported('spanish.txt');
    expect(data).toMatchObject({ id: '274.11', index: 'AMR 41/054/2011', issued: '2011-08-30', deadline: '2011-09-13', country: 'Mexico', update_of: null });
    expect(data.languages).toEqual({ preferred: 'es', own_language_ok: true });
    expect(targets('spanish.txt')[0]).toMatchObject({
      name: 'Lic. José Francisco Blake Mora',
      title: 'Secretario de Gobernación',
      email: ['secretario@segob.gob.mx'],
      salutation: { es: 'Señor Secretario:' },
    });
    expect(data.asks).toHaveLength(2);
    expect(validates('spanish.txt')).toEqual([]);
  });

  it('a French section version: the letter in French, several people, no UA number (said, not invented)', () => {
    const { data, warnings } = imported('french.txt');
    expect(data.id).toBeUndefined();
    expect(warnings).toContainEqual(expect.objectContaining({ path: 'id' }));
    expect(data).toMatchObject({ deadline: '2024-04-15', country: 'Tunisia', languages: { preferred: 'fr', own_language_ok: true } });
    expect(data.subjects).toEqual([
      { name: 'Aïcha Benali', pronouns: 'elle' },
      { name: 'Karim Haddad', pronouns: 'il' },
    ]);
    expect(targets('french.txt')[0]).toMatchObject({ name: 'Kamel Feki', title: "Ministre de l'Intérieur", salutation: { fr: 'Monsieur le Ministre,' } });
    expect(Object.keys(data.letters as object)).toEqual(['fr']);
    expect(validates('french.txt')).toEqual([': missing required key "id"']);
  });

  it('a contact block flattened onto one line with " I " between fields', () => {
    expect(targets('flattened.txt')).toEqual([
      expect.objectContaining({
        id: 'ravanchi',
        name: 'Majid Takht-Ravanchi',
        title: 'Ambassador',
        organisation: 'Permanent Mission of Iran',
        address: ['622 Third Avenue, New York, NY 10017'],
        phone: ['212 687 2020'],
        fax: ['212 867 7086'],
        email: ['iran@un.int'],
        social: { twitter: '@Iran_UN' },
      }),
    ]);
    expect(imported('flattened.txt').data.subjects).toEqual([{ name: 'Ahmad Karimi', pronouns: 'he/him' }]);
    expect(validates('flattened.txt')).toEqual([]);
  });

  it('a web page with requests and no letter: id from the address, month-day dates, several emails, an obfuscated one reported', () => {
    const { data, warnings } = imported('us-requests.txt');
    expect(data).toMatchObject({ id: '11.22', deadline: '2022-04-25', country: 'Mexico', title: 'Journalists killed in Mexico' });
    expect(data.asks).toEqual(['Investigate the killings promptly, impartially and effectively.', 'Protect the families of the journalists.']);
    const [secretary, copy] = targets('us-requests.txt');
    expect(secretary).toMatchObject({ email: ['contacto@segob.gob.mx', 'secretario@segob.gob.mx'], social: { twitter: '@Segob_mx / @adan_augusto' } });
    expect(copy).toMatchObject({ name: 'Alejandro Encinas Rodríguez', copy: true });
    expect(copy?.email).toBeUndefined();
    expect(warnings).toContainEqual({ line: 24, message: expect.stringMatching(/^obfuscated email address "\[email protected\]": not kept/) });
    expect(JSON.stringify(data)).not.toMatch(/Download full UA|page 1 of 2/);
    expect(validates('us-requests.txt')).toEqual([]);
  });

  it('a German section version: "UA-041/2015", "Datum: 20. Februar 2015", "nicht nach dem 2. März 2015", Anrede', () => {
    const { data } = imported('german.txt');
    expect(data).toMatchObject({ id: '41.15', index: 'MDE 13/1102/2015', issued: '2015-02-20', deadline: '2015-03-02', country: 'Saudi Arabia' });
    expect(data.languages).toEqual({ preferred: 'ar', also: ['en', 'de'], own_language_ok: false });
    expect(targets('german.txt')[0]).toMatchObject({
      name: 'King Salman bin Abdul Aziz Al Saud',
      fax: ['+966 11 403 3125'],
      salutation: { en: 'Your Majesty,' },
    });
    expect(data.asks).toHaveLength(2);
    expect(validates('german.txt')).toEqual([]);
  });

  it('marks what it worked out with a comment in the YAML', () => {
    const yaml = toYaml(t, imported('us-requests.txt'), 'us-requests.txt');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=\.\/action\.schema\.json/);
    expect(yaml).toContain('#   line 24: obfuscated email address');
    expect(yaml).toMatch(/en: Dear Secretary,\n\s+# check: made from the name and title/);
  });
});

describe('new shapes, each document with the facts its UA file must hold (test/fixtures/documents/expected/)', () => {
  const expected = (name: string) => parse(readFileSync(join(DOCUMENTS, 'expected', `${name}.yaml`), 'utf8'));
  it.each([
    'inline-letter',
    'excellency',
    'german-english',
    'flattened-officials',
    'requests-bullets',
    'requests-spanish',
    'requests-german',
    'update-heading',
    'copies-diplomat',
    'french-deadline',
    'capitals-officials',
    'flattened-no-postcode',
    'pdf-furniture',
  ])('%s', (name) => {
    const { data } = imported(`${name}.txt`);
    const facts = expected(name);
    expect(data).toMatchObject(facts);
    // Where a wrong value does harm, nothing beyond the expected: as many targets, and each one's
    // salutations, emails and copy flag exactly (toMatchObject alone lets extra keys through).
    const found = (data.targets ?? []) as Target[];
    const wanted = (facts.targets ?? []) as Target[];
    expect(found).toHaveLength(wanted.length);
    for (const [i, target] of wanted.entries()) {
      expect(found[i]?.salutation, `targets[${i}].salutation`).toEqual(target.salutation);
      expect(found[i]?.email, `targets[${i}].email`).toEqual(target.email);
      expect(found[i]?.copy, `targets[${i}].copy`).toEqual(target.copy);
    }
  });

  it.each(readdirSync(DOCUMENTS).filter((f) => f.endsWith('.txt')))('every value worked out in %s is both a warning and a "# check:" comment', (name) => {
    const result = imported(name);
    const yaml = toYaml(t, result, name);
    for (const path of result.derived.keys()) {
      expect(result.warnings.map((w) => w.path)).toContain(path);
      expect(yaml).toMatch(/# check: /);
    }
    if (result.data.letters) expect([...result.derived.keys()].some((p) => /^letters\.\w+\.subject$/.test(p))).toBe(true);
  });

  it('a title in capitals, a preferred language not in the document: worked out, so marked', () => {
    const { warnings, derived } = imported('capitals-officials.txt');
    expect([...derived.keys()]).toEqual(expect.arrayContaining(['title', 'languages.preferred', 'letters.en.subject']));
    expect(warnings).toContainEqual(
      expect.objectContaining({ path: 'title', line: 4, message: expect.stringContaining('"PROTESTERS FACE TRIAL IN VELDONIA"') }),
    );
    // A document that names its preferred language has nothing to check there.
    expect(imported('copies-diplomat.txt').derived.has('languages.preferred')).toBe(false);
  });

  it('a salutation in another language than the page is labelled with its own; none is made from a German honorific', () => {
    const { data, warnings, derived } = imported('german-english.txt');
    const [, embassy] = data.targets as Target[];
    expect(JSON.stringify(data.targets)).not.toMatch(/Herrn,|Dear S\.E\.|Dear The /);
    expect(embassy?.salutation).toEqual({});
    expect(warnings).toContainEqual(expect.objectContaining({ path: 'targets[1].salutation', message: expect.stringContaining('none can be made') }));
    expect([...derived.keys()]).not.toContain('targets[1].salutation');
  });
});

describe("the sample letter's salutation goes only to a target whose title it fits", () => {
  it.each([
    ['Dear Minister,', { name: 'Ana Ruiz', title: 'Minister of Justice' }, true],
    ['Madame la Ministre,', { name: 'Lucía Ferrer Abad', title: "Ministre de l'Intérieur" }, true],
    ['Dear Minister,', { name: 'Joseph Darro', title: 'Inspector General of Police' }, false],
    ['Dear Prosecutor General,', { name: 'Farid Nassar', title: 'Attorney General' }, false],
    ['Your Excellency,', { name: 'Anika Solberg', title: 'President' }, true],
    ['Dear Madam President Dina Boluarte,', { name: 'Dina Ercilia Boluarte Zegarra' }, true],
    ['Dear Minister,', { name: 'Ana Ruiz' }, false],
    ['Dear Mr Chen,', { name: 'Wang Yi', title: 'Minister of Foreign Affairs' }, false],
    ['Dear Mr Chen,', { name: 'Chen Ming', title: 'Director' }, true],
  ])('%s to %o: %s', (salutation, target, expected) => {
    expect(fits(salutation, target)).toBe(expected);
  });

  it('a letter to a minister is not given to an inspector general: a warning instead', () => {
    const text = document('copies-diplomat.txt').replace('Dear Inspector General,', 'Dear Minister,');
    const { data, warnings } = extractAction(t, text);
    const [first] = data.targets as Target[];
    expect(JSON.stringify(data.targets)).not.toContain('Dear Minister');
    expect(first?.salutation).toEqual({ en: 'Dear Inspector General,' });
    expect(warnings).toContainEqual(expect.objectContaining({ path: 'targets[0].salutation', message: expect.stringContaining('"Dear Minister,"') }));
  });
});

describe('where to report', () => {
  it('the report link or address the document states, never one it does not', () => {
    const withLink = extractAction(t, `${document('flattened.txt')}\nClick here to let us know the actions you took:\nhttps://www.amnesty.example/report-ua\n`);
    expect(withLink.data.report).toEqual({ url: 'https://www.amnesty.example/report-ua', note: 'Let us know the actions you took:' });
    const withAddress = extractAction(t, `${document('flattened.txt')}\nLet us know the actions you took: write to reports@amnesty.example.\n`);
    expect(withAddress.data.report).toMatchObject({ email: 'reports@amnesty.example' });
    const without = extractAction(t, `${document('flattened.txt')}\nLet us know the actions you took.\n`);
    expect(without.data.report).toEqual({ note: 'Let us know the actions you took.' });
  });
});
