import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
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
