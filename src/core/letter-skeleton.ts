import type { Letter } from './compose.js';
import { type Format, renderSingle, renderTextWith, wrapCached } from './render.js';

/**
 * A batch writes thousands of text letters through the same layout: Handlebars walked it for
 * each, and took 40% of what a 10,000-signer batch allocated (17 kB a letter: frames, options,
 * helpers' arguments). Here the layout is run once per shape of letter, with a marker in
 * place of each text; the letter is then its skeleton's fixed parts and its own texts, joined.
 *
 * The same bytes: the text layout is built with noEscape, and what it does with a text is
 * either write it, wrap it (the wrap helper, which a marker passes through, see MARK) or test
 * it. A test only asks whether a text is empty, or how many lines a list has, and the shape
 * (the key) holds just that. test/core/letter-skeleton.test.ts holds letters of every kind
 * against Handlebars' own.
 */

/** A skeleton: fixed text and slots in turn, each slot the number of a text (negative: that text wrapped). */
type Skeleton = (string | number)[];

/** A marker stands for text number n ("\u0001" n "\u0002"); one wrapped is "\u0001w" n "\u0002". */
const MARK = /\u0001(w?)(\d+)\u0002/g;
const STRAY = /[\u0001\u0002]/;

/** How a batch of the format writes its letters: text through skeletons, the others as renderSingle does. */
export function letterRenderer(format: Format): (letter: Letter) => string {
  if (format !== 'text') return (letter) => renderSingle(letter, format);
  const skeletons = new Map<string, Skeleton | false>();
  return (letter) => {
    const texts: string[] = [];
    const key = shapeOf(letter, texts);
    let skeleton = skeletons.get(key);
    if (skeleton === undefined) {
      skeleton = skeletonOf(letter);
      skeletons.set(key, skeleton);
    }
    if (skeleton === false) return renderSingle(letter, format);
    let text = '';
    for (const part of skeleton)
      if (typeof part === 'string') text += part;
      else if (part >= 0) text += texts[part];
      else text += wrapCached(texts[-part - 1] as string);
    return text;
  };
}

/**
 * What the layout can tell apart: each field's name, whether each text is empty, how long each
 * list is, the other values as they are. The texts that are not empty go to `texts`, in order.
 */
function shapeOf(letter: Letter, texts: string[]): string {
  let key = '';
  const fields = letter as unknown as Record<string, unknown>;
  for (const name in fields) {
    const value = fields[name];
    key += name;
    if (typeof value === 'string') key += textShape(value, texts);
    else if (Array.isArray(value)) {
      key += '[';
      for (const item of value) key += textShape(String(item), texts);
      key += ']';
    } else key += `=${String(value)}`;
  }
  return key;
}

function textShape(text: string, texts: string[]): string {
  if (text === '') return '0';
  texts.push(text);
  return '1';
}

/** The letter's layout with a marker for each text that is not empty; false if a marker did not come out whole. */
function skeletonOf(letter: Letter): Skeleton | false {
  let count = 0;
  const mark = (text: string) => (text === '' ? text : `\u0001${count++}\u0002`);
  const marked = Object.fromEntries(
    Object.entries(letter).map(([name, value]) => [
      name,
      typeof value === 'string' ? mark(value) : Array.isArray(value) ? value.map((item) => mark(String(item))) : value,
    ]),
  ) as unknown as Letter;
  const rendered = renderTextWith(marked, (text) => (/^\u0001\d+\u0002$/.test(text) ? `\u0001w${text.slice(1)}` : wrapCached(text)));
  const skeleton: Skeleton = [];
  let last = 0;
  for (const match of rendered.matchAll(MARK)) {
    skeleton.push(rendered.slice(last, match.index), match[1] ? -Number(match[2]) - 1 : Number(match[2]));
    last = (match.index ?? 0) + match[0].length;
  }
  skeleton.push(rendered.slice(last));
  return skeleton.some((part) => typeof part === 'string' && STRAY.test(part)) ? false : skeleton;
}
