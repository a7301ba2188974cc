import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signerSlug } from '../../src/commands/batch/print.js';
import { fakeWorld, run } from '../helpers/world.js';

describe("a signer's name in a file name", () => {
  it.each([
    ['Ørjan Ærø', 'orjan-aero'],
    ['Straße Groß', 'strasse-gross'],
    ['Łukasz Wróbel', 'lukasz-wrobel'],
    ['Зоя Иванова', 'zoya-ivanova'],
    ['Γιώργος Παπαδόπουλος', 'giorgos-papadopoylos'],
    ['陳美玲', 'chenmeiling'],
    ["Zoë O'Brien", 'zoe-o-brien'],
    ['=Ana', 'ana'],
    ['Ana 😀 Pérez', 'ana-perez'],
  ])('%s → %s', (name, slug) => {
    expect(signerSlug(name, 'signups.csv:2')).toBe(slug);
  });

  it('a name with nothing to write is named by its row, not by a word two signers share', () => {
    expect(signerSlug('😀', 'signups.csv:14')).toBe('row-14');
    expect(signerSlug('★★★', 'signups.csv:15')).toBe('row-15');
  });

  it('is cut at 40 characters, never ending in a dash', () => {
    const slug = signerSlug('Maria de los Ángeles Fernández-Villaverde y de la Concepción', 'x:2');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('a batch names every letter file after its signer, and no two alike', async () => {
    const captured = fakeWorld();
    const names = ['Ørjan Ærø', 'Straße Groß', 'Зоя Иванова', '陳美玲', '😀', '😀'];
    writeFileSync(join(captured.world.cwd, 'signups.csv'), `name,city,country\n${names.map((name, i) => `${name},City ${i},Norge`).join('\n')}\n`);
    const result = await run(['batch', '105.22', '--signers', 'signups.csv', '--format', 'text', '--target', 'boluarte', '--out', 'txt/'], captured);
    expect(result.code).toBe(0);
    const files = readdirSync(join(captured.world.cwd, 'txt')).filter((file) => file.endsWith('.txt'));
    expect(files).toEqual([
      '0001-orjan-aero-boluarte-es.txt',
      '0002-strasse-gross-boluarte-es.txt',
      '0003-zoya-ivanova-boluarte-es.txt',
      '0004-chenmeiling-boluarte-es.txt',
      '0005-row-6-boluarte-es.txt',
      '0006-row-7-boluarte-es.txt',
    ]);
  });
});
