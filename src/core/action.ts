/** The UA file's data, as validated against actions/action.schema.json. */

export type Lang = string;
/** A string, or one string per language code. */
export type Localized = string | Readonly<Record<Lang, string>>;

export interface Target {
  id: string;
  name: string;
  title?: Localized;
  organisation?: Localized;
  salutation: Readonly<Record<Lang, string>>;
  address?: string[];
  email?: string[];
  phone?: string[];
  fax?: string[];
  social?: Readonly<Record<string, string>>;
  contact_form?: string;
  /** Where the office is, when neither its address nor the UA says (a name or an ISO code). */
  country?: string;
  /** IANA zone of the office (core/time-zones.ts works it out when the country has one). */
  timezone?: string;
  /** Office hours in the target's time, "Mo-Fr 09:00-17:00" (core/office-hours.ts). */
  hours?: string;
  copy?: boolean;
}

export interface LetterText {
  subject?: string;
  body: string;
}

export interface LetterSource {
  subject: string;
  body: string;
  by_target?: Readonly<Record<string, LetterText>>;
}

export interface Action {
  id: string;
  index?: string;
  title: string;
  country: string;
  issued?: string;
  deadline: string;
  deadline_note?: string;
  update_of?: string | null;
  previous?: { title: string; url?: string };
  subjects?: { name: string; pronouns?: string }[];
  summary?: string;
  languages: { preferred: Lang; also?: Lang[]; own_language_ok?: boolean };
  take_action?: string;
  /** The requests: one list, or one per language (see asksIn). */
  asks?: string[] | Readonly<Record<Lang, string[]>>;
  targets: Target[];
  letters?: Readonly<Record<Lang, LetterSource>>;
  /** What a caller says, per language; {{sender.name}} and {{sender.city}} filled in. */
  call_script?: Readonly<Record<Lang, string>>;
  /** Short texts for social media, several per language, handed out in turn. */
  posts?: Readonly<Record<Lang, string[]>>;
  hashtags?: string[];
  background?: string;
  /** Where to report the actions taken: the section's web form (url), its report address (email, for `ua report --submit`). */
  report?: { url?: string; email?: string; note?: string };
}

/** A UA as found on disk: its data and where it came from. */
export interface LoadedAction {
  action: Action;
  file: string;
  /** Where it was found: a folder, a feed, the bundled UAs (see io/sources.ts). */
  source?: { kind: string; dir: string; feed?: string };
  /** Files with the same id further down the sources, which this one hides. */
  hides?: string[];
}

export function localize(value: Localized | undefined, lang: Lang, fallback: Lang = 'en'): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[lang] ?? value[fallback] ?? Object.values(value)[0];
}

/**
 * The requests in one language: the list for that language when the UA gives one per language,
 * else the one list (in the UA's own language, usually English), else none.
 */
export function asksIn(action: Action, lang: Lang): string[] {
  const asks = action.asks;
  if (asks === undefined) return [];
  if (Array.isArray(asks)) return asks;
  return (asks as Readonly<Record<Lang, string[]>>)[lang] ?? [];
}

/** Languages with a sample letter, the preferred one first. */
export function letterLanguages(action: Action): Lang[] {
  const langs = Object.keys(action.letters ?? {});
  const preferred = action.languages.preferred;
  return langs.includes(preferred) ? [preferred, ...langs.filter((l) => l !== preferred)] : langs;
}

/** The letter for one target: its own subject/body where the UA gives one, else the common one. */
export function letterFor(action: Action, lang: Lang, targetId: string): { subject: string; body: string } | undefined {
  const source = action.letters?.[lang];
  if (!source) return undefined;
  const own = source.by_target?.[targetId];
  return { subject: own?.subject ?? source.subject, body: own?.body ?? source.body };
}

/** Whether any letter text of the UA is a real template ({{…}}) rather than plain text. */
export function usesTemplates(action: Action): boolean {
  return Object.values(action.letters ?? {}).some((letter) =>
    [letter.subject, letter.body, ...Object.values(letter.by_target ?? {}).flatMap((own) => [own.subject ?? '', own.body])].some((text) => text.includes('{{')),
  );
}
