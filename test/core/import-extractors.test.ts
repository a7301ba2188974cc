import { describe, expect, it } from 'vitest';
import { findBackground, findBackgroundRange, findReportWhere } from '../../src/core/import/background.js';
import { findCountry } from '../../src/core/import/country.js';
import { findHashtags } from '../../src/core/import/extract.js';
import { findIdentity } from '../../src/core/import/identity.js';
import type { Line } from '../../src/core/import/normalise.js';
import { findSubjects, findTakeAction } from '../../src/core/import/people.js';
import { type FoundTarget, parseTarget, type Warning } from '../../src/core/import/targets.js';
import { findDates } from '../../src/core/import/when.js';
import { t } from '../helpers/words.js';

/** Each extractor alone, on the few lines it reads: a table of lines → facts. */
const lines = (...texts: string[]): Line[] => texts.map((text, i) => ({ n: i + 1, text }));

describe('identity', () => {
  it.each([
    [['URGENT ACTION', 'UA 105.22', 'JOURNALISTS KILLED'], { id: '105.22', title: 'Journalists killed' }],
    [['UA: 73/16 Index: ASA 17/3726/2016 Date: 29 March 2016', 'Lawyer detained'], { id: '73.16', index: 'ASA 17/3726/2016' }],
    [['ACCIÓN URGENTE', 'AU: 274/11 Índice: AMR 41/054/2011'], { id: '274.11', index: 'AMR 41/054/2011' }],
    [['URGENT ACTION', 'ua-011-2015', 'Headline here'], { id: '11.15' }],
    [['URGENT ACTION', 'Protesters detained'], { title: 'Protesters detained' }],
    // Re-posts: a date is not a number; the title is the heading nearest the case, not the site's name or menu.
    [
      [
        'A volunteer blog',
        'Posted on 14.03.2024 by Maria',
        'Urgent Action 14.03.2024',
        'Lawyer arrested',
        'The lawyer was arrested on 1 March after he defended protesters in court.',
        'UA 31/24',
      ],
      { id: '31.24', title: 'Lawyer arrested' },
    ],
    [
      [
        'Coalition for Fair Trials | Action Alert',
        'Published 05/06/2024',
        'Defender sentenced',
        'The defender was sentenced to seven years in prison on charges that he denies.',
      ],
      { title: 'Defender sentenced' },
    ],
    [
      ['URGENT ACTION', 'UA 3.24', 'JOURNALISTS THREATENED', 'MEXICO', 'Three journalists were threatened after they reported on a mine in Sonora.'],
      { id: '3.24', title: 'Journalists threatened' },
    ],
    [['Home | Donate', 'URGENT ACTION', 'UA 88.24', 'Colombo, Sri Lanka, 21 August 2024', 'Families harassed'], { id: '88.24', title: 'Families harassed' }],
  ])('%j', (texts, facts) => {
    const data: Record<string, unknown> = {};
    findIdentity(t, lines(...texts), data, [], new Map(), 1);
    expect(data).toMatchObject(facts);
    if (!('id' in facts)) expect(data.id).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    [['PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 7 March 2023'], { deadline: '2023-03-07' }],
    [['PLEASE SEND APPEALS BEFORE 10 MAY 2016 TO:'], { deadline: '2016-05-10' }],
    [["MERCI D'AGIR JUSQU'AU 22 mai 2024"], { deadline: '2024-05-22' }],
    [['ENVÍEN LLAMAMIENTOS ANTES DEL 14 de mayo de 2019 A:'], { deadline: '2019-05-14' }],
    [['UA 73/16 Date: 29 March 2016'], { issued: '2016-03-29' }],
    [['Further information on UA: 163/09'], { update_of: '163.09' }],
  ])('%j', (texts, facts) => {
    const data: Record<string, unknown> = {};
    findDates(t, lines(...texts), data, [], 1, 'update_of' in facts ? '163.09' : undefined);
    expect(data).toMatchObject(facts);
  });

  it('writes no deadline it cannot read, and says so', () => {
    const data: Record<string, unknown> = {};
    const warnings: Warning[] = [];
    findDates(t, lines('Please act soon.'), data, warnings, 1, undefined);
    expect(data.deadline).toBeUndefined();
    expect(warnings).toContainEqual(expect.objectContaining({ path: 'deadline' }));
  });
});

describe('people', () => {
  it.each([
    ['NAME AND PRONOUN: Protesters in Peru (They/them)', [{ name: 'Protesters in Peru', pronouns: 'they/them' }]],
    [
      'NOM, PRÉNOM ET PRONOM À UTILISER : Ana Li (elle), Marc Roy (il)',
      [
        { name: 'Ana Li', pronouns: 'elle' },
        { name: 'Marc Roy', pronouns: 'il' },
      ],
    ],
    ['NAME AND PRONOUN: Sela Varn', [{ name: 'Sela Varn' }]],
    [
      'People concerned: Ana Li (she/her) and Marc Roy (he/him)',
      [
        { name: 'Ana Li', pronouns: 'she/her' },
        { name: 'Marc Roy', pronouns: 'he/him' },
      ],
    ],
    ['Nombre y pronombre: Rosa Quiel (ella)', [{ name: 'Rosa Quiel', pronouns: 'ella' }]],
    ['Name und Pronomen: Jonas Brill (er/ihm)', [{ name: 'Jonas Brill', pronouns: 'er/ihm' }]],
    ['No such field here', []],
  ])('%s', (text, subjects) => {
    expect(findSubjects(lines(text))).toEqual(subjects);
  });
});

describe('the value of a field on the line after its label', () => {
  it('people', () => {
    expect(findSubjects(lines('NAME AND PRONOUN:', 'Sela Varn (she/her)'))).toEqual([{ name: 'Sela Varn', pronouns: 'she/her' }]);
  });
});

describe('take action: what the document tells the reader to do', () => {
  it.each([
    [
      ['TAKE ACTION:', '1. Write a letter in your own words to the official listed.', '2. Click here to let us know.'],
      'Write a letter in your own words to the official listed.',
    ],
    [['TAKE ACTION:', 'Write to the ambassador.'], 'Write to the ambassador.'],
    [['AGISSEZ :', "écrivez au ministre de l'Intérieur."], "écrivez au ministre de l'Intérieur."],
    [['ACTÚE:', '1. Escriba una carta al fiscal.'], 'Escriba una carta al fiscal.'],
    [['Intro.', '1. Write a letter to the minister.'], 'Write a letter to the minister.'],
    [['TAKE ACTION:', 'Email: a@b.example'], undefined],
    [['Please act soon.'], undefined],
  ])('%j', (texts, text) => {
    expect(findTakeAction(lines(...texts))?.text).toBe(text);
  });
});

describe('targets', () => {
  it.each([
    [['Minister of Justice', 'Ana Ruiz', 'Email: a@justice.example'], { name: 'Ana Ruiz', title: 'Minister of Justice', id: 'ruiz' }],
    [['MINISTER OF INTERIOR', 'KOVAC Ivan', 'Email: m@mup.example'], { name: 'KOVAC Ivan', title: 'MINISTER OF INTERIOR', id: 'kovac' }],
    [['Inspector General of Police', 'Joseph Mbeki Darro', 'Email: igp@police.example'], { name: 'Joseph Mbeki Darro', id: 'darro' }],
    [['Ambassador Grace Alemu', 'Embassy of Kaldora', 'Email: e@k.example'], { name: 'Grace Alemu', title: 'Ambassador', organisation: 'Embassy of Kaldora' }],
    [['Mohammed Adamu The Inspector General of Police', 'Fax: +234 1 555'], { name: 'Mohammed Adamu', title: 'The Inspector General of Police' }],
    [
      ['Office of the President', 'President Luis Arriaga', 'Palacio Nacional, Guatemala City 01001', 'Fax: +502 2221 4537', 'X: @PresidenciaGT'],
      { name: 'Luis Arriaga', title: 'President', organisation: 'Office of the President', fax: ['+502 2221 4537'], social: { twitter: '@PresidenciaGT' } },
    ],
    [
      ['Fiscal General', 'Mario Celaya', 'Ministerio Público, Colonia Lomas, Tegucigalpa 11101', 'Email: a@mp.example'],
      { organisation: 'Ministerio Público', address: ['Colonia Lomas, Tegucigalpa 11101'] },
    ],
    [['Fiscal General', 'Dra. Ana Julia Guido', 'Correo-e: f@mp.example'], { name: 'Dra. Ana Julia Guido', id: 'guido' }],
    [
      ['Minister of Justice', 'Ana Ruiz', 'Bluesky: @justicia.bsky.social', 'Mastodon: @ministerio@mastodon.example', 'X: @AnaRuiz'],
      { name: 'Ana Ruiz', social: { bluesky: '@justicia.bsky.social', mastodon: '@ministerio@mastodon.example', twitter: '@AnaRuiz' } },
    ],
  ])('%j', (texts, facts) => {
    expect(parseTarget(t, lines(...texts), false, [])).toMatchObject(facts);
  });
});

describe('background: from its heading to the next field, in every table', () => {
  it.each([
    [['Hintergrund', 'Jonas Brill ist Gewerkschafter.', 'Name und Pronomen: Jonas Brill (er)'], 'Jonas Brill ist Gewerkschafter.\n'],
    [['Background', 'She was arrested in 2021.', 'NAME AND PRONOUN: Ana Li'], 'She was arrested in 2021.\n'],
    [['Antecedentes', 'Fue detenida en 2021.', 'Idioma preferido: español'], 'Fue detenida en 2021.\n'],
  ])('%j', (texts, background) => {
    const all = lines(...texts);
    const range = findBackgroundRange(all);
    expect(range && findBackground(all.slice(range.start, range.end + 1))).toBe(background);
  });
});

describe('background', () => {
  it.each([
    [['ADDITIONAL INFORMATION', 'First paragraph.', '', 'Second paragraph.'], 'First paragraph.\n\nSecond paragraph.\n'],
    [['ADDITIONAL INFORMATION', 'A sentence broken', 'over two lines.'], 'A sentence broken over two lines.\n'],
    [['ADDITIONAL INFORMATION'], undefined],
  ])('%j', (texts, background) => {
    expect(findBackground(lines(...texts))).toBe(background);
  });
});

describe('what calls and posts need, as the document states it', () => {
  it('hashtags the document asks for, each once, in its order; never a # in an address or after a word', () => {
    expect(findHashtags(['Tweet them using #JusticiaParaJuliaca and #Perú!', 'See https://x.org/#top, C# and issue#4; #justiciaparajuliaca again'])).toEqual([
      '#JusticiaParaJuliaca',
      '#Perú',
    ]);
  });
});

describe('where to report, as the document states it', () => {
  it.each([
    [['Let us know the actions you took: reports@amnesty.example.'], { email: 'reports@amnesty.example' }],
    [
      ['Click here to let us know the actions you took on Urgent Action 105.22:', 'https://www.amnesty.example/report-ua.'],
      { url: 'https://www.amnesty.example/report-ua' },
    ],
    [['Let us know the actions you took on Urgent Action 105.22.', 'It is important to report.'], {}],
    [['Write to officials@gov.example', 'Please write today.'], {}],
  ])('%j', (texts, where) => {
    expect(findReportWhere(lines(...texts))).toEqual(where);
  });
});

describe('country, from the strongest evidence', () => {
  const official = (fields: Partial<FoundTarget>): FoundTarget => ({
    id: 'x',
    name: 'Ana Ruiz',
    address: [],
    email: [],
    phone: [],
    fax: [],
    social: {},
    copy: false,
    line: 9,
    sources: {},
    ...fields,
  });
  it.each([
    [
      'a "Country:" line beats everything',
      ['Country: Uganda', 'Colombo, Sri Lanka, 21 August 2024'],
      [official({ title: 'Minister of Kenya' })],
      'Uganda',
      'stated',
    ],
    [
      'officials’ titles beat addresses',
      ['Kampala'],
      [official({ title: 'Minister of Education of Cambodia', address: ['Lusaka, Zambia'] })],
      'Cambodia',
      'titles',
    ],
    ['an embassy names its country', [], [official({ organisation: 'Embassy of Peru', address: ['Washington DC 20036'] })], 'Peru', 'titles'],
    [
      'the addresses of those written to, not of the copies',
      [],
      [official({ address: ['Tehran 1316, Iran'] }), official({ copy: true, address: ['London, United Kingdom'] })],
      'Iran',
      'addresses',
    ],
    ['a name in another language, or one only ICU knows', [], [official({ address: ['Lima 15001, Perú'] })], 'Peru', 'addresses'],
    ['the date line', ['UA 88.24', 'Colombo, Sri Lanka, 21 August 2024', 'Police officers followed them.'], [], 'Sri Lanka', 'dateLine'],
    ['else the country named most', ['Protests in Chile.', 'More protests in Chile and Peru.'], [], 'Chile', 'mentions'],
  ])('%s', (_name, texts, targets, value, evidence) => {
    expect(findCountry(lines(...texts), targets)).toMatchObject({ value, evidence });
  });
  it('finds none where none is named, and no two-letter word is a country', () => {
    expect(findCountry(lines('Write IN capitals TO the minister.'), [])).toBeUndefined();
  });
});
