import countries from '../generated/countries.json' with { type: 'json' };

/**
 * A country as the volunteer typed it ("Reino Unido", "UK", "GB") is written in the letter's
 * language ("United Kingdom" in an English letter). Names come from the ICU data Node carries
 * (Intl.DisplayNames, at build time); a name ua does not recognise is kept as typed.
 */
// Built by scripts/build.mjs: the names in the letters' languages, and every known name,
// folded as `fold` does, to its code.
const { names, byName } = countries as { names: Readonly<Record<string, Readonly<Record<string, string>>>>; byName: Readonly<Record<string, string>> };

// What people write that ICU does not call the country.
const ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB',
  'great britain': 'GB',
  'united states of america': 'US',
  usa: 'US',
  'u s a': 'US',
  'u k': 'GB',
  holland: 'NL',
};

/** The ISO 3166 code of a country name (in any language ua knows) or code; undefined if unknown. */
export function countryCode(typed: string): string | undefined {
  const text = typed.trim();
  if (/^[A-Za-z]{2}$/.test(text) && Object.hasOwn(names, text.toUpperCase())) return text.toUpperCase();
  const folded = fold(text);
  return ALIASES[folded] ?? (Object.hasOwn(byName, folded) ? byName[folded] : undefined);
}

/** The country's name in `lang`, when ua recognises it; else the text as typed. */
export function countryIn(typed: string, lang: string): string {
  const code = countryCode(typed);
  return (code && names[code]?.[lang]) || typed;
}

/** Case, accents, dots and hyphens do not make another country ("Perú", "peru", "Royaume Uni"). Kept as the build's. */
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'.\-\s]+/g, ' ')
    .trim();
}
