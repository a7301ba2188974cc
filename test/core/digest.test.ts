import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexJoined } from '../../src/core/digest.js';
import { letterKey } from '../../src/core/identity.js';

describe('sha256Hex', () => {
  it.each([
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ])('%j: the standard digest', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it('text is hashed as UTF-8, bytes as they are: the digests the journal’s keys were made with', () => {
    const text = 'Signer Núñez 7\u0000Zoë 🌻';
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(sha256Hex(Buffer.from(text))).toBe(createHash('sha256').update(Buffer.from(text)).digest('hex'));
    expect(sha256HexJoined(['a', 'ñ', ''], '\u0000')).toBe(sha256Hex('a\u0000ñ\u0000'));
  });

  it('a letter keeps the key earlier journals gave it', () => {
    const sender = { name: 'Ana Pérez', city: 'Leeds', email: 'ana@example.org' };
    const expected = createHash('sha256').update(['105.22', 'minister', 'signer:ana pérez|ana@example.org', ''].join('\u0000')).digest('hex').slice(0, 32);
    expect(letterKey('105.22', 'minister', sender)).toBe(expected);
  });
});
