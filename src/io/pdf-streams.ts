import { constants, inflateSync } from 'node:zlib';

/**
 * What a PDF's compressed streams inflate to, bounded. pdf.js inflates a content stream whole
 * into memory before reading a word of it, so a 20 MB PDF of zeros compressed 1000:1 (a
 * "decompression bomb") would take gigabytes; this checks first, with zlib's own output cap, so
 * no more than the cap is ever allocated.
 */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;

/** The first stream past the bounds, or undefined when every stream pdf.js would inflate for text fits. */
export function inflatesTooFar(pdf: Buffer, total = MAX_INFLATED_BYTES): { bytes: number } | undefined {
  const text = pdf.toString('latin1');
  let inflated = 0;
  for (const match of text.matchAll(/>>\s*stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const dictionary = text.slice(Math.max(0, text.lastIndexOf('obj', match.index ?? 0)), match.index);
    // Images are never decoded for text; other filters (DCT, JBIG2…) are not zlib.
    if (/\/Subtype\s*\/Image/.test(dictionary) || !/\/(FlateDecode|Fl)\b/.test(dictionary)) continue;
    const end = text.indexOf('endstream', start);
    let data = pdf.subarray(start, end < 0 ? pdf.length : end);
    // A filter chain may inflate twice ([/FlateDecode /FlateDecode]): each layer is bounded.
    const layers = Math.max(1, (dictionary.match(/\/(FlateDecode|Fl)\b/g) ?? []).length);
    for (let layer = 0; layer < layers; layer++) {
      const cap = total - inflated;
      const out = inflate(data, cap);
      if (out === OVER) return { bytes: inflated + cap };
      if (out === undefined) break;
      data = out;
    }
    inflated += data.length;
  }
  return undefined;
}

const OVER = Symbol();

/** zlib stops at maxOutputLength; a damaged stream is pdf.js's to report, not ours. */
function inflate(data: Buffer, cap: number): Buffer | typeof OVER | undefined {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return OVER;
    return undefined;
  }
}
