import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../src/core/import/emit.js';
import { extractAction } from '../../src/core/import/extract.js';
import { DOCUMENTS } from '../helpers/paths.js';
import { expectedFacts, expectShape } from '../helpers/ua-shapes.js';
import { t } from '../helpers/words.js';

describe('the shapes coordinators really have, each a made-up document and the facts its UA file must hold', () => {
  it.each([
    'label-typos',
    'label-inline-values',
    'office-first',
    'flattened-run-together',
    'label-excellency',
    'appeals-paragraph',
    'appeals-prose-es',
    'appeals-prose-de',
    'country-dateline',
    'country-addresses',
    'country-titles',
    'country-stated',
    'repost-blog',
    'repost-ngo',
    'pdf-joined-words',
  ])('%s', (name) => {
    const { data } = extractAction(t, readFileSync(join(DOCUMENTS, `${name}.txt`), 'utf8'));
    expectShape(data, expectedFacts(name));
  });
});

describe('a country worked out is marked so; one stated is not', () => {
  it.each([
    ['country-dateline', 'worked out from the date line (Sri Lanka)'],
    ['country-addresses', "worked out from the officials' addresses (Iran)"],
    ['country-titles', "worked out from the officials' titles (Cambodia)"],
    ['country-stated', undefined],
  ])('%s', (name, note) => {
    const result = extractAction(t, readFileSync(join(DOCUMENTS, `${name}.txt`), 'utf8'));
    expect(result.derived.get('country')?.replace(/: check it$/, '')).toBe(note);
    const yaml = toYaml(t, result, name);
    if (note) expect(yaml).toContain(`country: ${result.data.country} # check: ${note}: check it\n`);
    else expect(yaml).toMatch(/^country: Uganda$/m);
  });
});
