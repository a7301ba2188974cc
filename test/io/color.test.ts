import { describe, expect, it } from 'vitest';
import { type ColorChoice, colorChoice } from '../../src/io/color.js';
import { colored } from '../../src/io/style.js';

describe('colour, as the run asks for it', () => {
  it.each<[string, boolean, Record<string, string>, ColorChoice]>([
    ['nothing said: a terminal only', true, {}, 'auto'],
    ['--no-color', false, {}, 'never'],
    ['--no-color wins over FORCE_COLOR', false, { FORCE_COLOR: '1' }, 'never'],
    ['NO_COLOR', true, { NO_COLOR: '1' }, 'never'],
    ['NO_COLOR empty means nothing (no-color.org)', true, { NO_COLOR: '' }, 'auto'],
    ['TERM=dumb', true, { TERM: 'dumb' }, 'never'],
    ['FORCE_COLOR=1, even into a pipe', true, { FORCE_COLOR: '1' }, 'always'],
    ['FORCE_COLOR empty, as Node reads it', true, { FORCE_COLOR: '' }, 'always'],
    ['FORCE_COLOR wins over NO_COLOR and TERM=dumb, as in Node', true, { FORCE_COLOR: '3', NO_COLOR: '1', TERM: 'dumb' }, 'always'],
    ['FORCE_COLOR=0', true, { FORCE_COLOR: '0' }, 'never'],
    ['FORCE_COLOR=false', true, { FORCE_COLOR: 'false' }, 'never'],
  ])('%s', (_, flag, env, choice) => {
    expect(colorChoice(flag, env)).toBe(choice);
  });

  it('"auto" colours a terminal only; "always" and "never" do not ask', () => {
    const terminal = Object.assign(new (class {})(), { isTTY: true }) as never;
    const pipe = {} as never;
    expect([colored(terminal, 'auto'), colored(pipe, 'auto'), colored(pipe, 'always'), colored(terminal, 'never')]).toEqual([true, false, true, false]);
  });
});
