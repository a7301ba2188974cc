import countries from '../generated/countries.json' with { type: 'json' };

/**
 * A country as the volunteer typed it ("Reino Unido", "UK", "GB") is written in the letter's
 * language ("United Kingdom" in an English letter). Names come from the ICU data Node carries
 * (Intl.DisplayNames, at build time); a name ua does not recognise is kept as typed.
 */
type Names = Readonly<Record<string, string>>;
const NAMES = countries as Readonly<Record<string, Names>>;

// What people write that ICU does not call the country.
const ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB',
  'great britain': 'GB',
  'united states of america': 'US',
  usa: 'US',
  'u.s.a.': 'US',
  'u.k.': 'GB',
  holland: 'NL',
};

let byName: Map<string, string> | undefined;

/** The ISO 3166 code of a country name (in any language ua knows) or code; undefined if unknown. */
export function countryCode(typed: string): string | undefined {
  const text = typed.trim();
  if (/^[A-Za-z]{2}$/.test(text) && Object.hasOwn(NAMES, text.toUpperCase())) return text.toUpperCase();
  byName ??= new Map(Object.entries(NAMES).flatMap(([code, names]) => Object.values(names).map((name) => [fold(name), code] as [string, string])));
  return ALIASES[text.toLowerCase()] ?? byName.get(fold(text));
}

/** The country's name in `lang`, when ua recognises it; else the text as typed. */
export function countryIn(typed: string, lang: string): string {
  const code = countryCode(typed);
  return (code && NAMES[code]?.[lang]) || typed;
}

/** Case, accents, dots and hyphens do not make another country ("Perú", "peru", "Royaume Uni"). */
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'.\-\s]+/g, ' ')
    .trim();
}
