import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitLines, groupsTo, padEnd, questionLayout, wrapTo } from '../../src/core/screen.js';
import { screenWidth } from '../../src/io/style.js';
import { realText, writeCopy } from '../helpers/broken.js';
import { fakeWorld, run } from '../helpers/world.js';

describe('text measured as a terminal shows it', () => {
  it.each([
    ['ascii', 'Leeds', 5],
    ['accents, composed or not', 'Pérez Pe\u0301rez', 11],
    ['CJK: two columns each', '北京', 4],
    ['colour codes: none', '\u001b[1mUA\u001b[22m', 2],
  ])('%s', (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads to columns, not to UTF-16 units', () => {
    expect(padEnd('北京', 6)).toBe('北京  ');
    expect(padEnd('Lima', 6)).toBe('Lima  ');
  });

  it('wraps between words, by columns; a word longer than the line stands alone', () => {
    expect(wrapTo('aaa  bbb\nccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wrapTo('北京 北京 北京', 9)).toBe('北京 北京\n北京');
    expect(wrapTo('see https://example.org/a/very/long/path here', 10)).toBe('see\nhttps://example.org/a/very/long/path\nhere');
  });

  it('fits only the lines too long, keeping their indentation and every line break', () => {
    expect(fitLines('short\n  one two three four\n\nend', 12)).toBe('short\n  one two\n  three four\n\nend');
  });
});

describe('a question as Inquirer draws it ("? " or "✔ ", the question, a space, the answer)', () => {
  // The lines as they would be on the screen: the mark, the question, its answer.
  const drawn = (question: string, answer: string, width: number) => {
    const layout = questionLayout(question, width);
    return `✔ ${layout.question} ${layout.after(answer)}`.split('\n').map((line) => line.trimEnd());
  };

  it('an answer that fits goes on the question’s line; one that does not, on lines of its own under the question', () => {
    expect(drawn('Your city', 'Leeds', 40)).toEqual(['✔ Your city Leeds']);
    expect(drawn('Write to', 'Dina Ercilia Boluarte Zegarra — Presidenta de la República del Perú', 40)).toEqual([
      '✔ Write to Dina Ercilia Boluarte Zegarra',
      '  — Presidenta de la República del Perú',
    ]);
    expect(drawn('One sentence about yourself, in Spanish (optional)', 'Ambassador', 40)).toEqual([
      '✔ One sentence about yourself, in',
      '  Spanish (optional) Ambassador',
    ]);
    expect(drawn('Remember your details for next time?', 'Yes', 38)).toEqual(['✔ Remember your details for next time?', '  Yes']);
  });

  it('a choice or an error under the question breaks under its own first word', () => {
    expect(questionLayout('Write to', 30).below('Oswaldo de Rivero — Embajador del Perú', 3)).toBe('Oswaldo de Rivero —\n   Embajador del Perú');
  });

  it('the keys’ help breaks between keys only', () => {
    expect(groupsTo(['↑↓ navigate', 'space select', 'a all', 'i invert', '⏎ submit'], ' • ', 40)).toBe(
      '↑↓ navigate • space select • a all\ni invert • ⏎ submit',
    );
  });
});

describe('the width of a screen', () => {
  const terminal = (columns: number) => Object.assign(fakeWorld().world.stdout, { isTTY: true, columns });
  it.each([
    ['a terminal: its width', terminal(60), {}, 60],
    ['never narrower than 40', terminal(20), {}, 40],
    ['never wider than 100', terminal(200), {}, 100],
    ['a terminal that does not say: COLUMNS', terminal(0), { COLUMNS: '50' }, 50],
    ['a terminal that says nothing at all: as a file', terminal(0), {}, 78],
    ['a file or a pipe: as before, whatever COLUMNS says', fakeWorld().world.stdout, { COLUMNS: '50' }, 78],
  ])('%s', (_, stream, env, width) => {
    expect(screenWidth(stream, env, 78)).toBe(width);
  });
});

describe('tables measure display width', () => {
  it('ua list aligns its columns with a title in Chinese', async () => {
    const file = writeCopy(
      realText().replace('id: "105.22"', 'id: "200.26"').replace('title: 18 killed during protests', 'title: 北京的抗议者'),
      '200.26.yaml',
    );
    const { stdout } = await run(['--actions-dir', join(file, '..'), 'list', '--all'], fakeWorld());
    const lines = stdout.trimEnd().split('\n');
    const countryAt = lines.map((line) => displayWidth(line.slice(0, line.indexOf('Peru'))));
    expect(lines).toHaveLength(3);
    expect(new Set(countryAt.slice(1)).size).toBe(1);
    expect(displayWidth(lines[0]?.slice(0, lines[0].indexOf('COUNTRY')) ?? '')).toBe(countryAt[1]);
  });
});
