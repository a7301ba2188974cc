/**
 * Which of a font's OpenType lookups could fire on a word (pdf-shape.ts): each lookup as the
 * coverages that must all meet the word's glyphs for it to fire, read from fontkit's parsed
 * GSUB and GPOS tables. Conservative: where a subtable could match, it is said to.
 */

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number }[];
}
interface SubTable {
  version?: number;
  lookupType?: number;
  extension?: SubTable;
  valueFormat2?: Record<string, boolean>;
  coverage?: Coverage;
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
  coverages?: Coverage[];
  backtrackCoverage?: Coverage[];
  inputCoverage?: Coverage[];
  lookaheadCoverage?: Coverage[];
  classDef?: ClassDef;
  classSet?: RuleSets;
  backtrackClassDef?: ClassDef;
  inputClassDef?: ClassDef;
  lookaheadClassDef?: ClassDef;
  chainClassSet?: RuleSets;
}
export interface Lookup {
  lookupType: number;
  flags: { flags: { ignoreBaseGlyphs: boolean } };
  subTables: SubTable[];
}
export interface Processor {
  lookupsForFeatures(tags: string[]): { lookup: Lookup }[];
  getClassID(glyph: number, classDef: ClassDef): number;
}
export interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
/** A rule of a class-based context (format 2): the classes of the glyphs around and after the first. */
interface ClassRule {
  backtrack?: number[];
  input?: number[];
  classes?: number[];
  lookahead?: number[];
}
type RuleSets = ArrayLike<ArrayLike<ClassRule> | null> & { toArray?(): (ArrayLike<ClassRule> | null)[] };

/** The coverages that must all meet a word for each subtable of the lookup to fire; [] for pair adjustment; false for what is not understood. */
export function lookupNeeds(table: 'GSUB' | 'GPOS', lookup: Lookup): Set<number>[][] | false {
  const needs: Set<number>[][] = [];
  for (const outer of lookup.subTables) {
    const { type, sub } = unwrapped(table, lookup, outer);
    if (!sub) return false;
    if (table === 'GPOS' && type === 2) {
      if (!firstOfPairOnly(lookup, sub)) return false;
      continue;
    }
    const rules = classRules(sub);
    if (rules) {
      needs.push(...rules);
      continue;
    }
    const coverages = coveragesOf(sub);
    if (coverages.length === 0 || coverages.some((coverage) => coverage === undefined)) return false;
    needs.push(coverages.map((coverage) => glyphSet(coverage as Coverage)));
  }
  return needs;
}

/** An extension subtable's own (GSUB type 7, GPOS type 9): its type and subtable. */
function unwrapped(table: 'GSUB' | 'GPOS', lookup: Lookup, outer: SubTable): { type: number | undefined; sub: SubTable | undefined } {
  const extension = (table === 'GSUB' && lookup.lookupType === 7) || (table === 'GPOS' && lookup.lookupType === 9);
  return extension ? { type: outer.lookupType, sub: outer.extension } : { type: lookup.lookupType, sub: outer };
}

/** A second value would move the second glyph of a pair; base glyphs skipped would pair others. */
const firstOfPairOnly = (lookup: Lookup, sub: SubTable) => !Object.values(sub.valueFormat2 ?? {}).some(Boolean) && !lookup.flags.flags.ignoreBaseGlyphs;

/**
 * A class-based context (format 2) fires only where a rule matches: each rule as the glyphs
 * that must all be in the word (the first glyph's class among the covered ones, and every
 * other class but 0, which holds every glyph no class names). Undefined for other subtables.
 */
function classRules(sub: SubTable): Set<number>[][] | undefined {
  const sets = sub.chainClassSet ?? sub.classSet;
  const inputDef = sub.inputClassDef ?? sub.classDef;
  if (sub.version !== 2 || !sets || !inputDef || !sub.coverage) return undefined;
  const covered = glyphSet(sub.coverage);
  const needs: Set<number>[][] = [];
  const all = sets.toArray ? sets.toArray() : Array.from(sets);
  for (const [first, rules] of all.entries()) {
    const firsts = first === 0 ? covered : new Set([...classGlyphs(inputDef, first)].filter((id) => covered.has(id)));
    for (const rule of Array.from(rules ?? [])) needs.push([firsts, ...ruleNeeds(sub, inputDef, rule)]);
  }
  return needs;
}

/** The glyphs a rule needs besides its first: one of each class it names but 0, before, within and after the input. */
function ruleNeeds(sub: SubTable, inputDef: ClassDef, rule: ClassRule): Set<number>[] {
  const around: [ClassDef | undefined, number[] | undefined][] = [
    [sub.backtrackClassDef, rule.backtrack],
    [inputDef, rule.input ?? rule.classes],
    [sub.lookaheadClassDef, rule.lookahead],
  ];
  const needs: Set<number>[] = [];
  for (const [def, classes] of around) for (const k of classes ?? []) if (k !== 0 && def) needs.push(classGlyphs(def, k));
  return needs;
}

/** The glyphs a class definition puts in class k. */
function classGlyphs(def: ClassDef, k: number): Set<number> {
  const set = new Set<number>();
  if (def.version === 1) {
    const start = def.startGlyph ?? 0;
    def.classValueArray?.forEach((value, i) => {
      if (value === k) set.add(start + i);
    });
  } else for (const range of def.classRangeRecord ?? []) if (range.class === k) for (let id = range.start; id <= range.end; id++) set.add(id);
  return set;
}

/** A context's coverages (all of them must match), or the one its first glyph must be in. */
function coveragesOf(sub: SubTable): (Coverage | undefined)[] {
  if (sub.inputCoverage) return [...(sub.backtrackCoverage ?? []), ...sub.inputCoverage, ...(sub.lookaheadCoverage ?? [])];
  if (sub.version === 3 && sub.coverages) return sub.coverages;
  return [sub.coverage ?? sub.markCoverage ?? sub.mark1Coverage];
}

function glyphSet(coverage: Coverage): Set<number> {
  const set = new Set<number>(coverage.version === 1 ? coverage.glyphs : []);
  if (coverage.version !== 1) for (const { start, end } of coverage.rangeRecords ?? []) for (let id = start; id <= end; id++) set.add(id);
  return set;
}
