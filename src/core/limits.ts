/** A UA file is a few kilobytes; anything near this is not one, and is refused unread. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Deep nesting can exhaust the parser's stack (Node itself aborts), so it is refused first. */
export const MAX_DEPTH = 64;
