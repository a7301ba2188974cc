import { describe, expect, it } from 'vitest';
import { closestIds, normalizeId } from '../../src/core/ids.js';

describe('normalizeId', () => {
  it.each([
    ['105.22', '105.22'],
    ['105/22', '105.22'],
    ['UA 105.22', '105.22'],
    ['ua105/22', '105.22'],
    ['UA: 105-22', '105.22'],
    ['AU 274/11', '274.11'],
    ['  0105.22 ', '105.22'],
    ['hello', 'hello'],
  ])('%s -> %s', (typed, id) => {
    expect(normalizeId(typed)).toBe(id);
  });
});

describe('closestIds', () => {
  const known = ['105.22', '106.23', '12.19', '999.01'];
  it('names the nearest ids first', () => {
    expect(closestIds('105.23', known)).toEqual(['105.22', '106.23']);
  });
  it('suggests nothing for something unrelated', () => {
    expect(closestIds('spaghetti', known)).toEqual([]);
  });
});
