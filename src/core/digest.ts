/**
 * SHA-256 of text, in hex. node:crypto is taken when a digest is first needed: loading it (and
 * OpenSSL's first hash) is milliseconds of every start, and most runs, a letter to the screen,
 * hash nothing. One call (crypto.hash, Node 20.12): a batch keys every letter twice, and a Hash
 * object for each short key cost twice the digest.
 */
export function sha256Hex(text: string | Uint8Array): string {
  // Taken once: a print pack keys each of its letters (20,000 for 10,000 signers), and looking
  // the module up took as long as the hash. The one-shot hash: a Hash object took twice as long.
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.hash('sha256', text, 'hex');
}

/** SHA-256 of the parts joined by a separator, in hex, without joining them: a letter's text is most of it. */
export function sha256HexJoined(parts: readonly string[], separator: string): string {
  crypto ??= process.getBuiltinModule('node:crypto');
  const hash = crypto.createHash('sha256');
  parts.forEach((part, i) => {
    if (i > 0) hash.update(separator);
    hash.update(part);
  });
  return hash.digest('hex');
}

let crypto: typeof import('node:crypto') | undefined;
