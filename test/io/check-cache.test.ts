import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCache } from '../../src/io/check-cache.js';
import { tempFolders } from '../helpers/folders.js';
import { t } from '../helpers/words.js';

const folder = tempFolders('check-cache');

describe('the cache of checked files', () => {
  it('gives back a result for the very text it was checked from, and nothing for any other', () => {
    const cache = checkCache(t, { UA_CACHE_DIR: folder() });
    cache.put('action\u0000105.22', 'id: "105.22"\n', { id: '105.22' });
    expect(cache.get('action\u0000105.22', 'id: "105.22"\n')).toEqual({ id: '105.22' });
    expect(cache.get('action\u0000105.22', 'id: "105.23"\n')).toBeUndefined();
    expect(cache.get('action\u0000other', 'id: "105.22"\n')).toBeUndefined();
  });

  it('keeps one entry a file: an edited file replaces its old result', () => {
    const dir = folder();
    const cache = checkCache(t, { UA_CACHE_DIR: dir });
    cache.put('config', 'a: 1\n', { a: 1 });
    cache.put('config', 'a: 2\n', { a: 2 });
    expect(cache.get('config', 'a: 1\n')).toBeUndefined();
    expect(cache.get('config', 'a: 2\n')).toEqual({ a: 2 });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('checks afresh when an entry is damaged or was made under other rules', () => {
    const dir = folder();
    const cache = checkCache(t, { UA_CACHE_DIR: dir });
    cache.put('config', 'a: 1\n', { a: 1 });
    const [file] = readdirSync(dir);
    const entry = JSON.parse(readFileSync(join(dir, file as string), 'utf8'));
    writeFileSync(join(dir, file as string), JSON.stringify({ ...entry, rules: 'an older ua' }));
    expect(cache.get('config', 'a: 1\n')).toBeUndefined();
    writeFileSync(join(dir, file as string), '{"rules":');
    expect(cache.get('config', 'a: 1\n')).toBeUndefined();
  });

  it('is not needed: a cache folder that cannot be written leaves every check to be done', () => {
    const file = join(folder(), 'a-file');
    writeFileSync(file, '');
    const cache = checkCache(t, { UA_CACHE_DIR: join(file, 'below') });
    cache.put('config', 'a: 1\n', { a: 1 });
    expect(cache.get('config', 'a: 1\n')).toBeUndefined();
  });
});
