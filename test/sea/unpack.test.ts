import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFolder } from '../../src/io/cache-folder.js';
import { type Payload, unpacked } from '../../src/sea/unpack.js';
import { deadPid } from '../helpers/spawn.js';

const FILES: Record<string, string> = { 'package.json': '{"type":"module"}', 'dist/ua.js': 'export {};', 'node_modules/a/b/c.js': 'c' };

/** A payload of FILES that counts the files it gives, and may do something as it gives one. */
function payload(onRead: (file: string) => void = () => undefined): Payload & { reads: string[] } {
  const reads: string[] = [];
  return {
    id: '0123456789abcdef',
    *files() {
      for (const [file, text] of Object.entries(FILES)) {
        reads.push(file);
        onRead(file);
        yield [file, new TextEncoder().encode(text)] as const;
      }
    },
    reads,
  };
}

let home = '';
let cache = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));
const fresh = () => {
  home = mkdtempSync(join(tmpdir(), 'ua-unpack-'));
  cache = join(home, 'ua-letters');
  return cache;
};

describe('unpacked: ua’s files, once, whole or not at all', () => {
  it('writes every file into <cache>/<id> on the first run; later runs read nothing', () => {
    const first = payload();
    const folder = unpacked(fresh(), first);
    expect(folder).toBe(join(cache, '0123456789abcdef'));
    for (const [file, text] of Object.entries(FILES)) expect(readFileSync(join(folder, file), 'utf8')).toBe(text);
    expect(readdirSync(cache)).toEqual(['0123456789abcdef']);
    const later = payload();
    expect(unpacked(cache, later)).toBe(folder);
    expect(later.reads).toEqual([]);
  });

  it('a run that finds the folder put in place by another while it wrote uses that one, and leaves no partial folder', () => {
    fresh();
    const other = join(cache, '0123456789abcdef');
    const racing = payload((file) => {
      if (file === 'node_modules/a/b/c.js') {
        mkdirSync(join(other, 'dist'), { recursive: true });
        writeFileSync(join(other, 'dist', 'ua.js'), '// the other run’s');
      }
    });
    expect(unpacked(cache, racing)).toBe(other);
    expect(readdirSync(cache)).toEqual(['0123456789abcdef']);
    expect(readFileSync(join(other, 'dist', 'ua.js'), 'utf8')).toBe('// the other run’s');
  });

  it('a write that fails: the error, and neither the folder nor a partial one', () => {
    fresh();
    const full = payload((file) => {
      if (file === 'dist/ua.js') throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    });
    expect(() => unpacked(cache, full)).toThrow('no space left on device');
    expect(readdirSync(cache)).toEqual([]);
  });

  it('partial folders of ended runs are removed; one whose run goes on is left alone', () => {
    fresh();
    const ended = deadPid();
    mkdirSync(join(cache, `0123456789abcdef.partial-${ended}-a1b2c3`), { recursive: true });
    mkdirSync(join(cache, `fedcba9876543210.partial-${process.pid}-d4e5f6`), { recursive: true });
    unpacked(cache, payload());
    expect(readdirSync(cache).sort()).toEqual(['0123456789abcdef', `fedcba9876543210.partial-${process.pid}-d4e5f6`]);
  });
});

describe('cacheFolder', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/c', HOME: '/h' }, 'linux', '/c/ua-letters'],
    [{ XDG_CACHE_HOME: 'relative', HOME: '/h' }, 'linux', '/h/.cache/ua-letters'],
    [{ HOME: '/h' }, 'darwin', '/h/.cache/ua-letters'],
    [{ HOME: '/h', LOCALAPPDATA: '/l' }, 'win32', '/l/ua-letters'],
    [{ HOME: '/h', LOCALAPPDATA: '/l', XDG_CACHE_HOME: '/c' }, 'win32', '/c/ua-letters'],
  ] as const)('%j on %s → %s', (env, platform, expected) => {
    expect(cacheFolder(env, platform)).toBe(expected);
  });
});
