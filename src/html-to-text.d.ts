// html-to-text ships no types; ua uses its one function.
declare module 'html-to-text' {
  export function convert(html: string, options?: Record<string, unknown>): string;
}
