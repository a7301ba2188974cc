import { describe, expect, it } from 'vitest';
import { mergeAnswers, missingFields, readAnswers } from '../../src/core/fields.js';
import { t } from '../helpers/words.js';

describe('readAnswers', () => {
  it('trims, keeps lists as lists and drops empty optional answers', () => {
    const { answers, problems } = readAnswers(t, { name: '  Ana Pérez ', city: 'Leeds', country: 'UK', address: '1 Road', about: '', targets: ['rivero'] });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ name: 'Ana Pérez', city: 'Leeds', country: 'UK', address: ['1 Road'], targets: ['rivero'] });
  });
  it('lists every problem at once, with the list index where there is one', () => {
    const { problems } = readAnswers(t, { name: 'Ana\nEvil: header', email: 'not-mail', country: 42, address: ['ok', 'bad\tline'], colour: 'blue' });
    expect(problems).toEqual([
      { key: 'name', message: 'must be a single line' },
      { key: 'email', message: 'not an email address' },
      { key: 'country', message: 'must be text (quote it)' },
      { key: 'address', index: 1, message: 'contains a control character' },
      { key: 'colour', unknown: true, message: expect.stringMatching(/^unknown field/) },
    ]);
  });
  it('keeps paragraphs in a note', () => {
    expect(readAnswers(t, { note: 'One.\r\n\r\nTwo.' }).answers.note).toBe('One.\n\nTwo.');
  });
});

describe('precedence and missing fields', () => {
  it('lets later sources win: profile < answers file < flags', () => {
    const merged = mergeAnswers({ name: 'Profile', city: 'York' }, { name: 'File', country: 'UK' }, { name: 'Flag', city: undefined });
    expect(merged).toEqual({ name: 'Flag', city: 'York', country: 'UK' });
  });
  it('names the flags of every missing required field', () => {
    expect(missingFields({ city: 'Leeds' }).map((field) => field.flag)).toEqual(['--name', '--country']);
  });
});
