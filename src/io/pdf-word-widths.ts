/**
 * The width of each word, remembered per font and settings. pdfkit's LineWrapper measures every
 * word of a text anew (it remembers widths for one text only): a pack's introduction that names
 * the signer, and the sender's block, are new texts for every signer, made of words every
 * other letter has too, and measuring them was a third of setting a signer's texts. A word's
 * width is a pure function of the word, the font, its size and the wrapper's spacing (measuring
 * only lays the word out: nothing joins the font's subset), so the remembered width is the
 * width pdfkit would measure.
 */

interface Wrapper {
  document: { _font: object; _fontSize: number };
  features?: unknown;
  characterSpacing: number;
  wordSpacing: number;
  horizontalScaling: number;
  wordWidth(word: string): number;
  /** The widths for the settings this wrapper last measured with. */
  uaWidths?: Widths;
}

interface Widths {
  font: object;
  size: number;
  characterSpacing: number;
  wordSpacing: number;
  horizontalScaling: number;
  widths: Map<string, number>;
}

/**
 * Words remembered per font and settings, emptied when full: a letter's words come back within
 * the next letter, and a signer's own (their number, their e-mail) never do, so the memory
 * stays the same however long the sheet. The texts set anew for each signer (their block,
 * their introduction) have a few dozen words in each size: 512 hold them with room to spare
 * (2,048 measured 1–2 MB more at the peak of 10,000 signers).
 */
const WORDS = 512;

const byFont = new WeakMap<object, Map<string, Map<string, number>>>();

let installed = false;

/** Teaches pdfkit's LineWrapper to remember widths: once per process, for every document. */
export function rememberWordWidths(LineWrapper: { prototype: Wrapper }): void {
  if (installed) return;
  installed = true;
  const measure = LineWrapper.prototype.wordWidth;
  LineWrapper.prototype.wordWidth = function (this: Wrapper, word: string) {
    if (this.features) return measure.call(this, word);
    const widths = widthsOf(this);
    let width = widths.get(word);
    if (width === undefined) {
      width = measure.call(this, word);
      if (widths.size >= WORDS) widths.clear();
      widths.set(word, width);
    }
    return width;
  };
}

function widthsOf(wrapper: Wrapper): Map<string, number> {
  const { _font: font, _fontSize: size } = wrapper.document;
  const { characterSpacing, wordSpacing, horizontalScaling } = wrapper;
  const at = wrapper.uaWidths;
  if (
    at?.font === font &&
    at.size === size &&
    at.characterSpacing === characterSpacing &&
    at.wordSpacing === wordSpacing &&
    at.horizontalScaling === horizontalScaling
  )
    return at.widths;
  let tables = byFont.get(font);
  if (!tables) {
    tables = new Map();
    byFont.set(font, tables);
  }
  const key = `${size} ${characterSpacing} ${wordSpacing} ${horizontalScaling}`;
  let widths = tables.get(key);
  if (!widths) {
    widths = new Map();
    tables.set(key, widths);
  }
  wrapper.uaWidths = { font, size, characterSpacing, wordSpacing, horizontalScaling, widths };
  return widths;
}
