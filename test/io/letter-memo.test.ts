import { describe, expect, it } from 'vitest';
import { LetterMemo } from '../../src/io/letter-memo.js';

describe('LetterMemo: what a document keeps of the texts it sets', () => {
  const memo = () => {
    let letter = 0;
    return { memo: new LetterMemo<string>(() => letter, 8), next: () => letter++ };
  };

  it("a signer's text is there for its letter and the next (their second official), then gone", () => {
    const { memo: m, next } = memo();
    m.set('Ana Pérez', 'lines');
    expect(m.get('Ana Pérez')).toBe('lines');
    next();
    expect(m.get('Ana Pérez')).toBe('lines');
    next();
    expect(m.get('Ana Pérez')).toBeUndefined();
  });

  it('a text that comes back in a later letter is kept for as long as it is used', () => {
    const { memo: m, next } = memo();
    m.set('the body', 'lines');
    next();
    next();
    expect(m.get('the body')).toBeUndefined();
    m.set('the body', 'lines');
    for (let i = 0; i < 50; i++) {
      next();
      m.set(`signer ${i}`, 'theirs');
      expect(m.get('the body')).toBe('lines');
    }
  });

  it('the kept texts are bounded: one not used for a while makes room', () => {
    const { memo: m, next } = memo();
    for (let i = 0; i < 40; i++) m.set(`text ${i}`, 'lines');
    next();
    next();
    for (let i = 0; i < 40; i++) m.set(`text ${i}`, 'lines');
    expect(m.get('text 0')).toBeUndefined();
    expect(m.get('text 39')).toBe('lines');
  });
});

describe('LetterMemo: what it remembers of the texts it has seen is bounded too', () => {
  it('a text first seen more than 2,048 new texts ago is new again, not kept', () => {
    let letter = 0;
    const m = new LetterMemo<string>(() => letter, 8);
    m.set('the body', 'lines');
    for (let i = 0; i < 2100; i++) m.set(`signer ${i}`, 'theirs');
    letter += 2;
    m.set('the body', 'lines');
    letter += 2;
    // Seen as new again: held for its letter and the next, not kept.
    expect(m.get('the body')).toBeUndefined();
  });

  it('a text that comes back a few letters and a thousand texts later is kept', () => {
    let letter = 0;
    const m = new LetterMemo<string>(() => letter, 8);
    m.set('the body', 'lines');
    for (let i = 0; i < 1000; i++) m.set(`signer ${i}`, 'theirs');
    letter += 2;
    m.set('the body', 'lines');
    letter += 5;
    expect(m.get('the body')).toBe('lines');
  });
});
