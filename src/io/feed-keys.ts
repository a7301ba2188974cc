import type { KeyObject } from 'node:crypto';
import { publicKeyBytes, publicKeyText } from '../core/feeds.js';
import type { Translate } from '../core/i18n.js';
import { dataError } from '../errors.js';
import { crypto } from './crypto.js';
import { readInput } from './read-input.js';

/**
 * A section's Ed25519 keys (node:crypto): the private key signs a feed's index, and stays with
 * whoever publishes; the public key, one line of text, is what volunteers pin when they
 * subscribe. Detached signatures are base64 text, one line.
 */

// An Ed25519 public key in DER (SubjectPublicKeyInfo) is this prefix and the 32 bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function newKeyPair(): { privatePem: string; publicLine: string } {
  const { privateKey, publicKey } = crypto().generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicLine: publicKeyText(der.subarray(SPKI_PREFIX.length)),
  };
}

/** The private key in a file keygen wrote; anything else is said plainly. */
export function readPrivateKey(t: Translate, file: string): KeyObject {
  const text = readInput(t, file, 16 * 1024, `--key ${file}`).toString('utf8');
  try {
    const key = crypto().createPrivateKey(text);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // Said below.
  }
  throw dataError(t('feed.notPrivateKey', { file }), t('feed.notPrivateKeyHint'));
}

export function publicKeyOf(privateKey: KeyObject): string {
  return publicKeyText(crypto().createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
}

export function signIndex(index: Buffer, privateKey: KeyObject): string {
  return `${crypto().sign(null, index, privateKey).toString('base64')}\n`;
}

/** Whether `signature` (base64 text) is the pinned key's signature of exactly these bytes. */
export function verifyIndex(index: Buffer, signature: string, key: string): boolean {
  const raw = publicKeyBytes(key);
  if (!raw) return false;
  const publicKey = crypto().createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  const bytes = Buffer.from(signature.trim(), 'base64');
  try {
    return bytes.length === 64 && crypto().verify(null, index, publicKey, bytes);
  } catch {
    return false;
  }
}
