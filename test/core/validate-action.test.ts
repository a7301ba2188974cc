import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/problems.js';
import { checkActionText } from '../../src/core/validate-action.js';
import { localeCodes } from '../../src/io/repository.js';
import { brokenCopy, REAL_UA, realText, writeCopy } from '../helpers/broken.js';
import { t } from '../helpers/words.js';

const readActionFile = (file: string, shownAs = file) => checkActionText(t, readFileSync(file, 'utf8'), shownAs, localeCodes());
const problemsOf = (file: string) => readActionFile(file, 'ua.yaml').problems.map(formatProblem);

describe('the real UA file', () => {
  it('is valid', () => {
    expect(readActionFile(REAL_UA).problems).toEqual([]);
  });
});

describe('each kind of problem is reported with file, line, column and path', () => {
  it.each([
    ['YAML syntax', ['title: 18 killed during protests', 'title: [18 killed'], /^ua\.yaml:5:1: /],
    ['a duplicate key', ['country: Peru', 'country: Peru\ncountry: Perú'], 'ua.yaml:6:1: duplicate key: country'],
    [
      'an unknown key',
      ['    name: Oswaldo de Rivero', '    name: Oswaldo de Rivero\n    nmae: typo'],
      /^ua\.yaml:57:5: targets\[1\]\.nmae: unknown key \(expected one of: id, name, /,
    ],
    ['an unquoted phone number', ['"202 833 9860"', '2028339860'], 'ua.yaml:77:9: targets[1].phone[0]: must be a string (quote it: YAML reads it as a number)'],
    ['an unquoted id', ['id: "105.22"', 'id: 105.22'], 'ua.yaml:3:5: id: must be a string (quote it: YAML reads it as a number)'],
    [
      'a bad email',
      ['digitaldiplomacy@embassyofperu.us', 'digitaldiplomacy(at)embassyofperu.us'],
      'ua.yaml:75:9: targets[1].email[0]: "digitaldiplomacy(at)embassyofperu.us": not an email address',
    ],
    [
      'two emails in one',
      ['digitaldiplomacy@embassyofperu.us', '"a@x.org, b@y.org"'],
      'ua.yaml:75:9: targets[1].email[0]: "a@x.org, b@y.org": one email address only (this holds several)',
    ],
    [
      'a bad report address',
      ['report:\n', 'report:\n  email: report(at)amnesty.example\n'],
      /^ua\.yaml:162:10: report\.email: "report\(at\)amnesty\.example": not an email address/,
    ],
    ['a missing salutation', ["      fr: Monsieur l'Ambassadeur,\n", ''], 'ua.yaml:66:7: targets[1].salutation: no salutation in "fr", which has a letter'],
    ['a bad date', ['deadline: 2023-03-07', 'deadline: 2023-02-30'], 'ua.yaml:6:11: deadline: "2023-02-30" is not a date in the calendar'],
    ['a date in the wrong form', ['deadline: 2023-03-07', 'deadline: 7 March 2023'], 'ua.yaml:6:11: deadline: "7 March 2023" is not valid (YYYY-MM-DD)'],
    ['a missing required key', ['country: Peru\n', ''], 'ua.yaml:3:1: missing required key "country"'],
  ])('%s', (_, [from, to], expected) => {
    const problems = problemsOf(brokenCopy(from as string, to as string));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected as string | RegExp);
  });

  it('a Handlebars syntax error, at its place inside the letter', () => {
    const file = brokenCopy('Me preocupan también las decenas', 'Me preocupan {{#if sender.name}} también las decenas');
    expect(problemsOf(file)).toEqual([expect.stringMatching(/^ua\.yaml:\d+:\d+: letters\.es\.body: template syntax error/)]);
  });

  it('an unknown variable in a letter, at its line and column', () => {
    const text = realText().replace('I am also concerned about the dozens', 'I am also {{sender.nmae}} concerned about the dozens');
    const file = writeCopy(text);
    const line = text.split('\n').findIndex((l) => l.includes('{{sender.nmae}}')) + 1;
    const col = (text.split('\n')[line - 1] ?? '').indexOf('sender.nmae') + 1;
    expect(problemsOf(file)).toEqual([
      `ua.yaml:${line}:${col}: letters.en.body: unknown variable "sender.nmae" in the letter (sender.* has: name, city, country, email, address, about, place)`,
    ]);
  });

  it('a helper or partial a letter may not use', () => {
    const file = brokenCopy('I am also concerned', '{{lookup target "x"}} {{> evil}} I am also concerned');
    const problems = problemsOf(file);
    expect(problems).toEqual([
      expect.stringMatching(/letters\.en\.body: unknown helper "lookup" in the letter$/),
      expect.stringMatching(/letters\.en\.body: partials and decorators are not allowed in a letter$/),
    ]);
  });

  it('every problem of a file at once, in file order', () => {
    const text = realText()
      .replace('id: "105.22"', 'id: 105.22')
      .replace('digitaldiplomacy@embassyofperu.us', 'nobody')
      .replace('    name: Oswaldo de Rivero', '    name: Oswaldo de Rivero\n    rank: 1');
    const problems = problemsOf(writeCopy(text));
    expect(problems.map((p) => p.split(': ')[1])).toEqual(['id', 'targets[1].rank', 'targets[1].email[0]']);
  });

  it('a file that is too large is refused unread', () => {
    const file = writeCopy(`# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(problemsOf(file)).toEqual([expect.stringMatching(/^ua\.yaml:1:1: file too large \(\d+ bytes; the limit is 1048576\)$/)]);
  });

  it('absurd nesting is refused before parsing', () => {
    const file = writeCopy(`id: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(problemsOf(file)).toEqual(['ua.yaml:1:1: nested too deeply (more than 64 levels)']);
  });

  it('an alias bomb is bad input, not a crash', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    expect(problemsOf(writeCopy(`${bomb}\n`))[0]).toMatch(/^ua\.yaml:1:1: /);
  });

  it('a by_target letter for a target that does not exist', () => {
    const file = brokenCopy(
      '    by_target:\n      rivero:\n        body: |\n          I am writing',
      '    by_target:\n      riviera:\n        body: |\n          I am writing',
    );
    expect(problemsOf(file)).toEqual([expect.stringMatching(/letters\.en\.by_target\.riviera: no target has the id "riviera"$/)]);
  });
});
