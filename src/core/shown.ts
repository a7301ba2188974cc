/**
 * Text that came from a file, a flag or a server, made safe to print: control characters
 * (ESC sequences can clear a screen or retitle a terminal) become visible escapes. One
 * sanitiser for everything shown on a terminal; `quoted` also cuts a long value for an error.
 */
// C0 and C1 controls but tab and newline, DEL, the line and paragraph separators, and the
// bidirectional overrides, which can make text read backwards.
const CONTROL = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[${CONTROL}]`, 'g');
const ANY_UNSAFE = new RegExp(`[${CONTROL}]`);

export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value echoed in a message: quoted, one line, at most `max` characters. */
export function quoted(value: string, max = 60): string {
  const flat = forTerminal(value.replace(/\r?\n|\t/g, ' '));
  return `"${(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat).replace(/"/g, '\\"')}"`;
}

/** Whether text holds a control character (tab and newline aside) that a UA file or a letter must not carry. */
export function hasControlCharacters(text: string): boolean {
  return ANY_UNSAFE.test(text);
}
