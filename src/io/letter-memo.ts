/**
 * A memo for a document that sets the same texts letter after letter among texts set for one
 * letter only. A text is kept once it comes back in a later letter than the next one: a
 * letter's body, an official's address, a common word. A signer's own texts (name, intro,
 * note), set in their letters to one or two officials, are held only for the letter at hand
 * and the one after, so they die young, before the garbage collector moves them to the heap's
 * old space, where garbage waits for the costly collections: that is what made a long pack's
 * memory grow with the sheet.
 *
 * "Letter" is counted by the document's page flushes (`clock`, see flushesOf): each letter,
 * or envelope, or sheet of labels is flushed once it is drawn.
 */
export class LetterMemo<V> {
  private readonly kept: Generations<string, V>;
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private letter = 0;
  /**
   * The letter each text was first set in, by a hash of its key: numbers only, nothing to
   * collect. Up to FIRST_SEEN texts, and as many before them (see Generations).
   */
  private firstSeen = new Generations<number, number>(FIRST_SEEN);

  constructor(
    private readonly clock: () => number,
    keptLimit: number,
  ) {
    this.kept = new Generations(keptLimit);
  }

  get(key: string): V | undefined {
    this.turn();
    return this.kept.get(key) ?? this.current.get(key) ?? this.previous.get(key);
  }

  set(key: string, value: V): void {
    this.turn();
    const hash = hashOf(key);
    const first = this.firstSeen.get(hash);
    if (first !== undefined && this.letter - first >= 2) this.kept.set(key, value);
    else {
      this.current.set(key, value);
      if (first === undefined) this.firstSeen.set(hash, this.letter);
    }
  }

  /** A new letter: what the one before last set, and nobody kept, goes. */
  private turn(): void {
    const letter = this.clock();
    if (letter === this.letter) return;
    this.previous = letter - this.letter === 1 ? this.current : new Map();
    this.current = new Map();
    this.letter = letter;
  }
}

/**
 * How many texts' first letters a memo keeps (twice that at most): a text that comes back for
 * good (a body's paragraph, an official's address, a common word) does so within a few letters,
 * a few dozen new texts later. A pack has dozens of memos (a document's settings, each font's
 * sizes): with 4,096 their maps held 2.9 MB at 6,000 signers against 0.2 MB at 100, memory
 * that grew with the sheet; with 1,024 a quarter of that, and the same pack, byte for byte.
 */
const FIRST_SEEN = 1024;

/**
 * A bounded map that keeps what is used: when the young generation fills up it becomes the
 * old one, and what is read from the old is moved back.
 */
class Generations<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/** FNV-1a, kept within a small integer: two texts that share a hash are only kept sooner. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

const flushes = new WeakMap<object, number>();

/** Counts a document's page flushes: its letters, as the memos of its paragraphs and fonts see them. */
export function countFlush(doc: object): void {
  flushes.set(doc, (flushes.get(doc) ?? 0) + 1);
}

export function flushesOf(doc: object): number {
  return flushes.get(doc) ?? 0;
}

/**
 * One LetterMemo per owner (a document, a font of it) and setting (a size, a width), made on
 * first use, keyed by the text itself: a paragraph's text is the same string letter after
 * letter, and a map finds it by the hash the string keeps, where a key made of the setting
 * and the text would be hashed anew, whole, every time.
 */
export function memos<V>(keptLimit: number): (owner: object, document: object, setting: string) => LetterMemo<V> {
  const byOwner = new WeakMap<object, Map<string, LetterMemo<V>>>();
  return (owner, document, setting) => {
    let settings = byOwner.get(owner);
    if (!settings) {
      settings = new Map();
      byOwner.set(owner, settings);
    }
    let memo = settings.get(setting);
    if (!memo) {
      memo = new LetterMemo<V>(() => flushesOf(document), keptLimit);
      settings.set(setting, memo);
    }
    return memo;
  };
}
