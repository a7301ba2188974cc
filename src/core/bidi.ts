// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms: written right to left.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * A right-to-left name in a left-to-right letter, isolated (FSI … PDI, Unicode's bidi isolates)
 * so that the comma or bracket after it stays where it belongs: "محمد عبد الله, Leeds".
 */
export function isolated(text: string): string {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}
