// fontkit ships no types; ua asks it one thing: whether a font has a glyph for a character.
declare module 'fontkit' {
  export function openSync(path: string): unknown;
}
