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

/**
 * An address as a message shows it: without the user name and password it may hold. Passwords
 * never appear in output; a text that is not a URL (an error's words) loses whatever looks like one.
 */
export function withoutCredentials(address: string): string {
  try {
    const url = new URL(address);
    if (!url.username && !url.password) return address;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return address.replace(/\b([a-z][\w+.-]*:\/\/)[^/?#\s@]*@/gi, '$1');
  }
}

/** A value echoed in a message: quoted, one line, at most `max` characters. */
export function quoted(value: string, max = 60): string {
  const flat = forTerminal(value.replace(/\r?\n|\t/g, ' '));
  return `"${(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat).replace(/"/g, '\\"')}"`;
}

/** The first control character (tab and newline aside) that a UA file or a letter must not carry. */
export function firstControlCharacter(text: string): string | undefined {
  return ANY_UNSAFE.exec(text)?.[0];
}

/** Every string in a value (a UA, a row) made safe for a terminal, for a text view of it. */
export function forTerminalDeep<T>(value: T): T {
  if (typeof value === 'string') return forTerminal(value) as T;
  if (Array.isArray(value)) return value.map(forTerminalDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [forTerminal(k), forTerminalDeep(v)])) as T;
  return value;
}

/** Text with its control characters (tab and newline aside) removed: what an import keeps of a document. */
export function withoutControlCharacters(text: string): string {
  return text.replace(UNSAFE, '');
}
