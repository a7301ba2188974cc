import { describe, expect, it } from 'vitest';
import { classify, kindOf } from '../../src/core/import/classify.js';
import { sentenceCase } from '../../src/core/import/identity.js';
import { editDistance, mend } from '../../src/core/import/mend.js';
import { normalise } from '../../src/core/import/normalise.js';
import { officialsIn, salutationEnd } from '../../src/core/import/officials.js';
import { asksIn, findRequests } from '../../src/core/import/requests.js';
import { splitSections } from '../../src/core/import/sections.js';
import { labelled, MONTHS, TABLES } from '../../src/core/import/vocabulary.js';

describe('pass 1: normalise', () => {
  it.each([
    [
      'CRLF and CR line ends',
      'a\r\nb\rc',
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ],
    ],
    ['spaces of every kind, tabs', 'Ana\u00A0\tPérez\u202F  Ruiz', [[1, 'Ana Pérez Ruiz']]],
    ['soft hyphens and zero-width spaces', 'Minis\u00ADtry of Jus\u200Btice', [[1, 'Ministry of Justice']]],
    ['control characters', 'UA\u0007 12.21\u0000', [[1, 'UA 12.21']]],
    [
      '" I " before a label: a line break, same line number',
      'Phone: 202 555 0100 I Fax: 202 555 0101 | Email: a@b.org',
      [
        [1, 'Phone: 202 555 0100'],
        [1, 'Fax: 202 555 0101'],
        [1, 'Email: a@b.org'],
      ],
    ],
    ['" I " as a word stays', 'I urge you to release him', [[1, 'I urge you to release him']]],
    ['page furniture goes', 'Title\nPage 1 of 2\n3/4\nDownload full UA\nShare this', [[1, 'Title']]],
  ])('%s', (_name, text, lines) => {
    expect(normalise(text).map((l) => [l.n, l.text])).toEqual(lines);
  });
});

describe('pass 2: classify', () => {
  it.each([
    ['', 'blank'],
    ['URGENT ACTION', 'heading'],
    ['Additional information', 'heading'],
    ['And copies to:', 'heading'],
    ['SAMPLE LETTER', 'heading'],
    ['Email: a@b.org', 'label'],
    ['Correo-e: a@b.org', 'label'],
    ['Anrede: Your Majesty', 'label'],
    ['Formule d’appel : Monsieur le Ministre,', 'label'],
    ["Formule d'appel : Monsieur le Ministre,", 'label'],
    ['Ambassador Ana Ruiz Embassy of Utopia 1 Main St Phone: 202 555 0100', 'contact'],
    ['webmaster@mfa.example.org', 'contact'],
    ['Dear Minister,', 'salutation'],
    ['Your Excellency,', 'salutation'],
    ['Estimado Señor Fiscal:', 'salutation'],
    ['Sehr geehrter Herr Minister,', 'salutation'],
    ['Dear Minister Ruiz, I am writing to express my concern', 'prose'],
    ['Yours sincerely,', 'closing'],
    ['Atentamente,', 'closing'],
    ['◼ Release him now', 'bullet'],
    ['• Libérez-le', 'bullet'],
    ['2) Protect his family', 'bullet'],
    ['3.5 million people', 'prose'],
    ['I am writing to express my concern about the detention of a student.', 'prose'],
  ])('%j is %s', (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });
});

describe('the vocabulary tables', () => {
  it('every language has every list, and labels for every field', () => {
    const [reference] = TABLES;
    for (const table of TABLES) {
      expect(Object.keys(table).sort(), table.language).toEqual(Object.keys(reference ?? {}).sort());
      expect(table.months, table.language).toHaveLength(12);
      expect(Object.keys(table.labels).sort(), table.language).toEqual(Object.keys(reference?.labels ?? {}).sort());
    }
    expect(TABLES.map((t) => t.language)).toEqual(['en', 'es', 'fr', 'de', 'pt', 'it', 'nl']);
  });
  it.each([
    ['Correo-e: a@b.org', 'email', 'a@b.org'],
    ['Tel.: +34 1', 'phone', '+34 1'],
    ['Téléphone : +33 1', 'phone', '+33 1'],
    ['Anrede: Exzellenz', 'salutation', 'Exzellenz'],
    ['Contact Form: https://x.org', 'contact_form', 'https://x.org'],
    ['Aanhef: Geachte minister', 'salutation', 'Geachte minister'],
  ])('%s', (text, field, value) => {
    expect(labelled(text)).toEqual({ field, value });
  });
  it('month names of every language', () => {
    expect([MONTHS.march, MONTHS.märz, MONTHS.maart, MONTHS.março, MONTHS.settembre]).toEqual([3, 3, 3, 3, 9]);
  });
});

describe('pass 4a: a contact block as officials', () => {
  const officials = (...texts: string[]) => officialsIn(texts.map((text) => ({ n: 1, text }))).map((lines) => lines.map((l) => l.text));
  it.each([
    [
      'three officials flattened onto one line; each salutation stays with its own official',
      [
        'Minister Ana Ruiz Minister of the Interior 5 Main Street, Onhava 1001 Zembla Ambassador Bo Lind Embassy of Zembla 2100 Wisconsin Ave NW, Washington DC 20007 Phone: 202 555 0100',
        'Fax: 202 555 0101 Email: embassy@zembla.example Salutation: Dear Ambassador Chief Eli Moss Chief of Police 9 Harbour Road, Onhava 1002 Zembla Email: chief@police.example',
      ],
      [
        ['Minister Ana Ruiz', 'Minister of the Interior', '5 Main Street, Onhava 1001 Zembla'],
        [
          'Ambassador Bo Lind',
          'Embassy of Zembla',
          '2100 Wisconsin Ave NW, Washington DC 20007',
          'Phone: 202 555 0100',
          'Fax: 202 555 0101',
          'Email: embassy@zembla.example',
          'Salutation: Dear Ambassador',
        ],
        ['Chief Eli Moss', 'Chief of Police', '9 Harbour Road, Onhava 1002 Zembla', 'Email: chief@police.example'],
      ],
    ],
    [
      'a block of one field a line is one official, a note kept with its value',
      ['Director of Prisons', 'Eli Moss', 'Tel: +86 10 6626 2114 (Chinese only)', 'Email: a@b.example'],
      [['Director of Prisons', 'Eli Moss', 'Tel: +86 10 6626 2114 (Chinese only)', 'Email: a@b.example']],
    ],
    [
      'an email value ends at whitespace, a phone at its digits',
      ['Ambassador Bo Lind Embassy of Zembla Email: a@b.example Minister Ana Ruiz Ministry of Justice Phone: +1 202 555 0100 Salutation: Dear Minister'],
      [
        ['Ambassador Bo Lind', 'Embassy of Zembla', 'Email: a@b.example'],
        ['Minister Ana Ruiz', 'Ministry of Justice', 'Phone: +1 202 555 0100', 'Salutation: Dear Minister'],
      ],
    ],
    [
      'labels run together, a street type after its name: mended first, then cut',
      ['Minister Peter Banda Minister of Justice Fairley Road, Lusaka 10101, Zambia Email:minister@justice.example Fax:+260 211 253 512'],
      [['Minister Peter Banda', 'Minister of Justice', 'Fairley Road, Lusaka 10101, Zambia', 'Email:minister@justice.example', 'Fax:+260 211 253 512']],
    ],
  ])('%s', (_name, texts, expected) => {
    expect(officials(...texts)).toEqual(expected);
  });

  it.each([
    ['Dear Ambassador Chief Eli Moss', 'Dear Ambassador'],
    ['Dear Minister/Estimado Señor Secretario de Seguridad', 'Dear Minister/Estimado Señor Secretario de Seguridad'],
    ['Dear Secretary General', 'Dear Secretary General'],
    ['Dear Deputy Minister Governor Ana Ruiz', 'Dear Deputy Minister'],
    ['Your Excellency', 'Your Excellency'],
  ])('a salutation stops at the next title word: %s', (value, salutation) => {
    expect(value.slice(0, salutationEnd(value)).trim()).toBe(salutation);
  });
});

describe('pass 3: the document split once into sections', () => {
  const kinds = (text: string, title?: string) => {
    const lines = classify(normalise(text));
    return splitSections(lines, title).list.map((s) => [s.kind, s.start, s.end]);
  };
  it.each([
    [
      'identity, summary, targets, letter, background',
      'URGENT ACTION\nUA 1.23\nTITLE\n\nA long paragraph that says what happened to whom, where and when it happened.\n\nMinister Ana Ruiz\nEmail: a@b.example\n\nDear Minister,\nRelease her.\nYours sincerely,\n\nAdditional information\nShe was arrested.\nPREFERRED LANGUAGE TO ADDRESS TARGET: English',
      'TITLE',
      [
        ['identity', 0, 3],
        ['summary', 4, 4],
        ['targets', 5, 8],
        ['letter', 9, 11],
        ['targets', 12, 12],
        ['background', 13, 14],
        ['targets', 15, 15],
      ],
    ],
    [
      'requests under an intro, no letter',
      'Please write immediately in English or your own language:\n◼ Release him.\n◼ Protect his family.\n\nMinister Ana Ruiz\nEmail: a@b.example',
      undefined,
      [
        ['requests', 0, 2],
        ['targets', 3, 5],
      ],
    ],
  ])('%s', (_name, text, title, expected) => {
    expect(kinds(text, title)).toEqual(expected);
  });
});

describe('pass 4: requests, in every table’s words', () => {
  const asks = (text: string) => findRequests(normalise(text))?.asks;
  it.each([
    ['Please write immediately in English or your own language:\n◼ Release him.\n◼ Protect his family.', ['Release him.', 'Protect his family.']],
    ['In your own language, please:\n• Release her\n  and her son.\n• Drop the charges.', ['Release her and her son.', 'Drop the charges.']],
    ['Bitte schreiben Sie, auf Deutsch:\n1. Lassen Sie ihn frei.\n2. Schützen Sie seine Familie.', ['Lassen Sie ihn frei.', 'Schützen Sie seine Familie.']],
    ['Escriba inmediatamente, en español:\n- pidiendo su liberación;\n- instando a protegerla.', ['pidiendo su liberación;', 'instando a protegerla.']],
    ['- Calling on the authorities to release her;', undefined],
    ['Please write to the minister.', undefined],
  ])('%j', (text, expected) => {
    expect(asks(text)).toEqual(expected);
  });
});

describe('titles in capitals', () => {
  it.each([
    ['JOURNALISTS KILLED IN MEXICO', 'Three journalists were killed in Mexico.', 'Journalists killed in Mexico'],
    ['18 KILLED DURING PROTESTS', 'Protests continue.', '18 killed during protests'],
    ['Mixed Case Stays', '', 'Mixed Case Stays'],
  ])('%s', (title, document, expected) => {
    expect(sentenceCase(title, document)).toBe(expected);
  });
});

describe('pass 1b: mend what typing and conversion did', () => {
  const mended = (text: string) => mend(normalise(text)).map((l) => l.text);
  it.each([
    ['a section label misspelt', 'ADDITONAL INFORMATON', ['ADDITIONAL INFORMATION']],
    ['two swapped letters', 'SAMPEL LETTER', ['SAMPLE LETTER']],
    ['a label with stray capitals keeps its words', 'AdditionaL InformatioN', ['AdditionaL InformatioN']],
    ['a label spelt right is not made a shorter one', 'NAME AND PRONOUNS: Ana Li', ['NAME AND PRONOUNS: Ana Li']],
    ['a word like a label in prose stays', 'Backgrounds are checked by the police.', ['Backgrounds are checked by the police.']],
    [
      'a deadline line misspelt',
      'PLEASE TAKE ACTON AS SOON AS POSSIBLE UNTILL: 19 April 2024',
      ['PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 19 April 2024'],
    ],
    ['labels glued to the value before them', 'Lusaka 10101, ZambiaEmail:a@b.exampleFax:+260 1 2', ['Lusaka 10101, Zambia Email:a@b.example Fax:+260 1 2']],
    ['a label in capitals is not cut', 'EMAIL: a@b.example', ['EMAIL: a@b.example']],
    ['a heading and its first value on one line', 'Additional information: She was arrested.', ['Additional information:', 'She was arrested.']],
    ['"Take action: 1. Write…"', 'Take action: 1. Write a letter.', ['Take action:', '1. Write a letter.']],
    ['words run together, the parts used alone elsewhere', 'She wasarrested.\nShe was arrested again.', ['She was arrested.', 'She was arrested again.']],
    ['a full stop without its space; a name run into a word', 'a strike.She asked to releaseMaya', ['a strike. She asked to release Maya']],
    ['a compound is not parted without the evidence', 'She was without a lawyer.', ['She was without a lawyer.']],
    ['addresses and links stay whole', 'Write to ana.Ruiz@x.example or www.x.example/Take', ['Write to ana.Ruiz@x.example or www.x.example/Take']],
  ])('%s', (_name, text, expected) => {
    expect(mended(text)).toEqual(expected);
  });
  it('edit distance: added, dropped, changed and swapped letters', () => {
    expect([editDistance('sample', 'sampel'), editDistance('until', 'untill'), editDistance('action', 'acton'), editDistance('letter', 'better')]).toEqual([
      1, 1, 1, 1,
    ]);
  });
});

describe('pass 4: asks that lost their bullets, or were never a list', () => {
  it.each([
    [
      'Please write immediately in English or your own language: Calling on them to release her;  Urging them to protect her family.',
      ['Calling on them to release her;', 'Urging them to protect her family.'],
    ],
    [
      'Escriban inmediatamente, en español o en su propio idioma, pidiendo que la liberen de inmediato; y pidiéndoles que protejan a su familia.',
      ['pidiendo que la liberen de inmediato;', 'pidiéndoles que protejan a su familia.'],
    ],
    [
      'Bitte schreiben Sie, auf Englisch oder Deutsch: Ich fordere Sie auf, ihn freizulassen. Bitte sorgen Sie für seine Sicherheit.',
      ['Ich fordere Sie auf, ihn freizulassen.', 'Bitte sorgen Sie für seine Sicherheit.'],
    ],
    ['Please write immediately in English or your own language:', []],
    ['Please write to the minister: ask her to act.', []],
    ['BITTE SCHREIBEN SIE SOFORT, nicht nach dem 24. Oktober 2016', []],
  ])('%s', (text, expected) => {
    expect(asksIn(text)).toEqual(expected);
  });
});
