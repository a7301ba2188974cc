/** UA ids as people type them: "105.22", "105/22", "UA 105.22", "ua105-22". */
export function normalizeId(input: string): string {
  const bare = input
    .trim()
    .replace(/^(?:UA|AU)\s*:?\s*/i, '')
    .replace(/\s+/g, '');
  const match = /^0*(\d{1,4})[./-](\d{2})$/.exec(bare);
  return match ? `${match[1]}.${match[2]}` : bare;
}

export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known ids closest to what was typed, best first (at most three). */
export function closestIds(typed: string, known: readonly string[]): string[] {
  const wanted = normalizeId(typed);
  return known
    .map((id) => ({ id, distance: levenshtein(wanted, id) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(wanted.length / 2)))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map(({ id }) => id);
}
