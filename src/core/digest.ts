/**
 * SHA-256 of text, in hex. node:crypto is taken when a digest is first needed: loading it (and
 * OpenSSL's first hash) is milliseconds of every start, and most runs, a letter to the screen,
 * hash nothing. One call (crypto.hash, Node 20.12): a batch keys every letter twice, and a Hash
 * object for each short key cost twice the digest.
 */
export function sha256Hex(text: string | Uint8Array): string {
  return process.getBuiltinModule('node:crypto').hash('sha256', text, 'hex');
}

/** SHA-256 of the parts joined by a separator, in hex, without joining them: a letter's text is most of it. */
export function sha256HexJoined(parts: readonly string[], separator: string): string {
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  parts.forEach((part, i) => {
    if (i > 0) hash.update(separator);
    hash.update(part);
  });
  return hash.digest('hex');
}
