/**
 * A quoted-printable body with its soft line breaks, as nodemailer's qp.wrap (10.6.1) places
 * them, and every line ending in CRLF, as a message has them. nodemailer's way, step for step,
 * on positions in the text instead of the substrings and regular expressions it makes for every
 * 76 characters, then a pass to turn LF into CRLF, was a third of what writing a message
 * allocated. Only for text without a CR (ua's bodies, encoded, have none unless a letter itself
 * has one) or another character that its patterns do not take for part of a line: there
 * nodemailer's own is used. test/io/mail/soft-wrap.test.ts compares the two on thousands of texts.
 */
export function softWrapped(text: string, wrap: (text: string, lineLength: number) => string): string {
  return /[\r\u2028\u2029]/.test(text) ? wrap(text, LINE).replace(/\r?\n/g, '\r\n') : wrapWithoutCr(text);
}

const LINE = 76;
/** Where nodemailer looks for a line break or a space to end a line: the last third of it. */
const MARGIN = Math.floor(LINE / 3);

const LF = 10;
const EQUALS = 61;

function wrapWithoutCr(text: string): string {
  const len = text.length;
  if (len <= LINE) return withCrlf(text, 0, len);
  let result = '';
  let pos = 0;
  while (pos < len) {
    const end = Math.min(pos + LINE, len);
    const tail = Math.max(pos, end - MARGIN);
    // The window ends a line, or a line ends in its last third: up to that line's end.
    const lf = lastIndexIn(text, LF, tail, end);
    if (lf !== -1) {
      result += withCrlf(text, pos, lf + 1);
      pos = lf + 1;
      continue;
    }
    let cut = lineEnd(text, pos, end, tail, len);
    if (cut === pos) cut = end;
    if (cut < len && text.charCodeAt(cut - 1) !== LF) {
      if (cut - pos === LINE) cut -= escapeAt(text, cut - 3) ? 3 : 1;
      result += `${withCrlf(text, pos, cut)}=\r\n`;
    } else result += withCrlf(text, pos, cut);
    pos = cut;
  }
  return result;
}

/** [from, to) of the text, each LF in it a CRLF. */
function withCrlf(text: string, from: number, to: number): string {
  let out = '';
  let start = from;
  for (let lf = text.indexOf('\n', from); lf !== -1 && lf < to; lf = text.indexOf('\n', start)) {
    out += `${text.slice(start, lf)}\r\n`;
    start = lf + 1;
  }
  return start === from ? text.slice(from, to) : out + text.slice(start, to);
}

/** The last `code` in [from, to), or -1. */
function lastIndexIn(text: string, code: number, from: number, to: number): number {
  for (let at = to - 1; at >= from; at--) if (text.charCodeAt(at) === code) return at;
  return -1;
}

/** Where the line that starts at `pos` ends, its window being [pos, end): nodemailer's two rules. */
function lineEnd(text: string, pos: number, end: number, tail: number, len: number): number {
  // After the last space, tab or punctuation of a long window's last third.
  if (end - pos > LINE - MARGIN) {
    for (let at = end - 1; at >= tail; at--) if (BREAKS.has(text.charCodeAt(at))) return at + 1;
  }
  // Not inside an escape (=XX), nor inside a UTF-8 character's escapes.
  let cut = end;
  if (!endsInEscape(text, pos, cut)) return cut;
  if (text.charCodeAt(cut - 1) === EQUALS) cut -= 1;
  else if (text.charCodeAt(cut - 2) === EQUALS && cut - 2 >= pos && isHex(text.charCodeAt(cut - 1))) cut -= 2;
  while (cut - pos > 3 && cut - pos < len - pos && !onlyEscapes(text, pos, cut) && cut - 3 >= pos && escapeAt(text, cut - 3)) {
    const code = Number.parseInt(text.slice(cut - 2, cut), 16);
    if (code < 128) break;
    cut -= 3;
    if (code >= 0xc0) break;
  }
  return cut;
}

const BREAKS = new Set([...' \t.,!?'].map((c) => c.charCodeAt(0)));

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** An escape, =XX, starts at `at`. */
function escapeAt(text: string, at: number): boolean {
  return at >= 0 && text.charCodeAt(at) === EQUALS && isHex(text.charCodeAt(at + 1)) && isHex(text.charCodeAt(at + 2));
}

/** [pos, end) ends in "=", "=X" or "=XX" (nodemailer: /[=][\da-f]{0,2}$/i). */
function endsInEscape(text: string, pos: number, end: number): boolean {
  for (let hex = 0; hex <= 2; hex++) {
    const at = end - 1 - hex;
    if (at < pos) return false;
    if (text.charCodeAt(at) === EQUALS) {
      let all = true;
      for (let i = at + 1; i < end; i++) all &&= isHex(text.charCodeAt(i));
      if (all) return true;
    }
  }
  return false;
}

/** [pos, end) is one to four escapes and nothing else (nodemailer: /^(?:=[\da-f]{2}){1,4}$/i). */
function onlyEscapes(text: string, pos: number, end: number): boolean {
  const length = end - pos;
  if (length % 3 !== 0 || length < 3 || length > 12) return false;
  for (let at = pos; at < end; at += 3) if (!escapeAt(text, at)) return false;
  return true;
}
