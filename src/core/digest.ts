/**
 * SHA-256 of text, in hex. node:crypto is taken when a digest is first needed: loading it (and
 * OpenSSL's first hash) is milliseconds of every start, and most runs, a letter to the screen,
 * hash nothing.
 */
export function sha256Hex(text: string | Uint8Array): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
