/**
 * Words shaped without fontkit's layout engine, where its result is known to be nothing but
 * the font's own glyphs and its pair kerning. A print pack sets words no other signer has
 * (their number, their e-mail): each went through font.layout(), ~28 µs a word, most of it
 * planning features and walking lookups that never apply to "1234," or "signer1234@example.org".
 *
 * fontkit's layout of a text, for a font like ours (GSUB and GPOS, no variations), is: the cmap
 * glyph of each character; GSUB's lookups for the script's features; each glyph's advance, then
 * GPOS's lookups; default-ignorable characters hidden. A word is set here only when none of
 * that can do anything but pair kerning:
 *
 * - each character was laid out alone by fontkit once, and came back as its cmap glyph at its
 *   advance, neither a mark nor a ligature (so no lookup's flags skip it), in no script or in
 *   the word's script (fontkit picks the first one a text has, as scriptOf does);
 * - no GSUB lookup, and no GPOS lookup but pair adjustment, of the features fontkit applies in
 *   that script can fire: none has a glyph of the word in its coverage, or, for a context, in
 *   every one of its coverages;
 * - pair adjustment moves the first glyph of a pair only (no lookup has a second value), so a
 *   glyph's advance is its own plus what its pair with the next glyph adds, and that is
 *   learnt from fontkit's own layouts of words of the same script (learn), never guessed.
 *
 * The run is then made as fontkit and pdfkit's layoutRun() make it: the same Glyph objects
 * (fontkit keeps one a glyph), the same integer sums, scaled the same way.
 * test/io/pdf-shape.test.ts shapes a corpus both ways and compares every number.
 */

import type { Glyph } from './pdf-line-operators.js';
import { type ClassDef, lookupNeeds, type Processor } from './pdf-shape-lookups.js';

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth?: number;
}
interface Run {
  glyphs: Glyph[];
  positions: Position[];
  script: string;
  direction: string;
  features: Record<string, boolean>;
}
type RunClass = new (glyphs: Glyph[], features: Record<string, boolean>, script: string) => Run;
type PositionClass = new (xAdvance: number, yAdvance: number, xOffset: number, yOffset: number) => Position;

/** The fontkit font of a pdfkit EmbeddedFont, and the internals read here. */
export interface FontkitFont {
  layout(text: string, features?: string[], script?: string): Run;
  glyphForCodePoint(codePoint: number): Glyph;
  _layoutEngine: { engine?: { GSUBProcessor?: Processor; GPOSProcessor?: Processor } };
  GDEF?: { glyphClassDef?: ClassDef };
}

/** A character fontkit sets as its own glyph: the glyph, and its script (undefined: none of its own). */
interface Char {
  glyph: Glyph;
  script: string | undefined;
}

/** What fontkit applies in one script: the glyphs its lookups could fire on, and the pair kerning learnt. */
interface Script {
  /** Each lookup that is not pair adjustment, as the coverages that must all meet a word's glyphs for it to fire. */
  requirements: Set<number>[][];
  /** Glyphs in no coverage of the requirements. */
  inert: Map<number, boolean>;
  features: Record<string, boolean>;
  /** Kerning of a pair (first glyph id × 65536 + second), in font units, as fontkit's layouts gave it. */
  kerning: Map<number, number>;
}

/** Per fontkit font: its characters, its scripts (false: one not set here), the classes of its runs. */
interface Shaper {
  chars: Map<number, Char | false>;
  scripts: Map<string, Script | false>;
  Run: RunClass;
  Position: PositionClass;
}

const shapers = new WeakMap<FontkitFont, Shaper | false>();

/**
 * Characters fontkit hides or moves whatever the font: marks, halves of surrogate pairs, the
 * default-ignorables (format, mark or unassigned). A line break is a glyph like any other to it.
 */
const SPECIAL = /[\p{Cf}\p{M}\p{Cs}\p{Cn}]/u;

function shaperOf(font: FontkitFont): Shaper | false {
  let shaper = shapers.get(font);
  if (shaper !== undefined) return shaper;
  const probe = font.layout('a');
  const position = probe.positions[0];
  shaper =
    font._layoutEngine.engine && position
      ? { chars: new Map(), scripts: new Map(), Run: probe.constructor as RunClass, Position: position.constructor as PositionClass }
      : false;
  shapers.set(font, shaper);
  return shaper;
}

/** The character as fontkit sets it alone, or false when it is not just its glyph at its advance. */
function charOf(font: FontkitFont, shaper: Shaper, code: number): Char | false {
  let char = shaper.chars.get(code);
  if (char !== undefined) return char;
  char = false;
  const text = String.fromCharCode(code);
  if (!SPECIAL.test(text)) {
    const run = font.layout(text);
    const glyph = font.glyphForCodePoint(code);
    const [shaped, at] = [run.glyphs[0], run.positions[0]];
    const plain = run.glyphs.length === 1 && shaped === glyph && at && plainAt(at, glyph.advanceWidth);
    if (plain && !markOrLigature(font, glyph.id) && Number.isInteger(glyph.advanceWidth))
      char = typeof run.script === 'string' && { glyph, script: run.script === 'zzzz' ? undefined : run.script };
  }
  shaper.chars.set(code, char);
  return char;
}

/** As fontkit's GlyphInfo tells a mark or a ligature, which a lookup's flags may skip: by GDEF's class (without GDEF, by the character, and SPECIAL has no marks). */
function markOrLigature(font: FontkitFont, id: number): boolean {
  const classDef = font.GDEF?.glyphClassDef;
  const processor = font._layoutEngine.engine?.GSUBProcessor ?? font._layoutEngine.engine?.GPOSProcessor;
  if (!classDef) return false;
  const kind = processor ? processor.getClassID(id, classDef) : 3;
  return kind === 2 || kind === 3;
}

const plainAt = (at: Position, advance: number) => at.xAdvance === advance && at.yAdvance === 0 && at.xOffset === 0 && at.yOffset === 0;

/**
 * Scripts fontkit shapes with its default shaper, left to right, features for every glyph alike
 * (others reorder, join or insert glyphs: fontkit sets those). zzzz: a word of digits and
 * punctuation, which has no script of its own.
 */
const DEFAULT_SHAPED = new Set(['latn', 'cyrl', 'grek', 'zzzz']);

/** What fontkit applies in `script`, read from its processors right after a layout in that script. */
function scriptOf(font: FontkitFont, shaper: Shaper, script: string): Script | false {
  let known = shaper.scripts.get(script);
  if (known !== undefined) return known;
  if (!DEFAULT_SHAPED.has(script)) {
    shaper.scripts.set(script, false);
    return false;
  }
  const run = font.layout('a', [], script);
  const engine = font._layoutEngine.engine;
  const tags = Object.keys(run.features);
  const requirements: Set<number>[][] = [];
  let settable = run.direction === 'ltr';
  for (const [table, processor] of [
    ['GSUB', engine?.GSUBProcessor],
    ['GPOS', engine?.GPOSProcessor],
  ] as const) {
    for (const { lookup } of processor?.lookupsForFeatures(tags) ?? []) {
      const needs = lookupNeeds(table, lookup);
      if (needs === false) settable = false;
      else requirements.push(...needs);
    }
  }
  known = settable && { requirements, inert: new Map(), features: run.features, kerning: new Map() };
  shaper.scripts.set(script, known);
  return known;
}

/** The word's characters and its script, when every character is set as its glyph and no lookup but kerning can fire; else undefined. */
function plainWord(font: FontkitFont, shaper: Shaper, text: string): { chars: Char[]; script: Script; tag: string } | undefined {
  const chars: Char[] = [];
  let tag: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = charOf(font, shaper, text.charCodeAt(i));
    if (!char) return undefined;
    tag ??= char.script;
    chars.push(char);
  }
  tag ??= 'zzzz';
  const script = chars.length > 0 && scriptOf(font, shaper, tag);
  if (!script || (!chars.every((char) => inert(script, char.glyph.id)) && fires(script, chars))) return undefined;
  return { chars, script, tag };
}

function inert(script: Script, id: number): boolean {
  let known = script.inert.get(id);
  if (known === undefined) {
    known = !script.requirements.some((coverages) => coverages.some((coverage) => coverage.has(id)));
    script.inert.set(id, known);
  }
  return known;
}

/** Whether some lookup has a glyph of the word in every coverage it needs. */
const fires = (script: Script, chars: Char[]) =>
  script.requirements.some((coverages) => coverages.every((coverage) => chars.some((char) => coverage.has(char.glyph.id))));

const pairOf = (chars: Char[], i: number) => (chars[i] as Char).glyph.id * 65536 + (chars[i + 1] as Char).glyph.id;

/**
 * The run fontkit would lay out for `text`, and pdfkit's layoutRun() scale, when every pair of
 * its glyphs has been seen in fontkit's layouts; undefined otherwise.
 */
export function shapeWord(font: FontkitFont, text: string, scale: number): Run | undefined {
  const shaper = shaperOf(font);
  const word = shaper && plainWord(font, shaper, text);
  if (!shaper || !word) return undefined;
  const { chars, script, tag } = word;
  const kerns: number[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const kern = script.kerning.get(pairOf(chars, i));
    if (kern === undefined) return undefined;
    kerns.push(kern);
  }
  const positions: Position[] = [];
  for (let i = 0; i < chars.length; i++) {
    const kern = kerns[i] ?? 0;
    const { advanceWidth } = (chars[i] as Char).glyph;
    // As pdfkit's layoutRun(): every key of the position scaled, and the glyph's advance.
    const position = new shaper.Position(advanceWidth + kern, 0, 0, 0);
    const fields = position as unknown as Record<string, number>;
    for (const key in fields) fields[key] = (fields[key] as number) * scale;
    position.advanceWidth = advanceWidth * scale;
    positions.push(position);
  }
  // The features fontkit applied, one object for the script's runs (nothing reads or changes it).
  const run = new shaper.Run(
    chars.map((char) => char.glyph),
    script.features,
    tag,
  );
  run.positions = positions;
  return run;
}

/** Learns the kerning of a word's pairs from fontkit's layout of it (before pdfkit scales it). */
export function learn(font: FontkitFont, text: string, run: Run): void {
  const shaper = shaperOf(font);
  const word = shaper && plainWord(font, shaper, text);
  if (!word || run.glyphs.length !== word.chars.length || run.script !== word.tag) return;
  const { chars, script } = word;
  const last = run.positions[chars.length - 1];
  if (!last || !plainAt(last, (chars[chars.length - 1] as Char).glyph.advanceWidth)) return;
  for (let i = 0; i + 1 < chars.length; i++) {
    const [glyph, at] = [run.glyphs[i], run.positions[i]];
    if (glyph !== (chars[i] as Char).glyph || !at || at.yAdvance || at.xOffset || at.yOffset) return;
    const kern = at.xAdvance - glyph.advanceWidth;
    if (Number.isInteger(kern)) script.kerning.set(pairOf(chars, i), kern);
  }
}
