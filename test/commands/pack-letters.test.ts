import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PackLetters } from '../../src/commands/batch/record.js';

const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex').slice(0, 32);

describe("PackLetters: the pack's letters held for the journal, 28 bytes each", () => {
  it('gives back every letter in order: its key, its signer and its target (the same object for letters that share it)', () => {
    const lima = { ua: '105.22', target: 'boluarte', targetName: 'Dina Ercilia Boluarte Zegarra', lang: 'es' };
    const washington = { ua: '105.22', target: 'rivero', targetName: 'Oswaldo de Rivero', lang: 'en' };
    const letters = new PackLetters('post');
    const expected = [];
    // Past the first 256, so the key bytes and target numbers grow.
    for (let i = 0; i < 5000; i++) {
      const to = i % 2 === 0 ? lima : washington;
      if (i % 7 === 6) {
        letters.add(to, hex(i), undefined);
        expected.push({ to, key: `copy:${hex(i)}`, signer: '' });
      } else {
        letters.add(to, hex(i), `Signer Núñez ${i >> 1}`);
        expected.push({ to, key: `${hex(i)}:post`, signer: `Signer Núñez ${i >> 1}` });
      }
    }
    expect(letters.length).toBe(5000);
    const back = [...letters];
    expect(back).toEqual(expected);
    expect(back[0]?.to).toBe(lima);
    expect(back[4999]?.to).toBe(washington);
  });

  it("a fax pack's signed letters are keyed to the fax channel; its unsigned copies as any copy", () => {
    const to = { ua: '105.22', target: 'boluarte', targetName: 'Dina Ercilia Boluarte Zegarra', lang: 'es', fax: '+5113113900' };
    const letters = new PackLetters('fax:file');
    letters.add(to, hex(1), 'Ana');
    letters.add(to, hex(2), undefined);
    expect([...letters].map(({ key }) => key)).toEqual([`${hex(1)}:fax:file`, `copy:${hex(2)}`]);
  });
});
