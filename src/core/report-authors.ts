import type { PluralKey, Translate } from './i18n.js';
import { type Kind, type LetterReport, noCounts, type UaReport } from './report.js';

/**
 * Who did a UA's letters, for the sentence each pastes into the UA's report form: one person,
 * by the name they signed with (a machine an evening shares, or a batch sent by email, holds
 * many), or a `ua batch` print pack, by its folder, whose letters the group prepared together.
 */
export interface Author {
  kind: 'signer' | 'pack';
  /** The signer's name as written, or the pack's folder. */
  name: string;
  letters: LetterReport[];
  totals: Record<Kind, number>;
}

export function authorsOf(report: UaReport): Author[] {
  const authors = new Map<string, Author>();
  for (const letter of report.letters) {
    const id = letter.pack !== undefined ? `pack:${letter.pack}` : `signer:${sameName(letter.signer)}`;
    const author = authors.get(id) ?? {
      kind: letter.pack !== undefined ? 'pack' : 'signer',
      name: letter.pack ?? letter.signer,
      letters: [],
      totals: noCounts(),
    };
    authors.set(id, author);
    author.letters.push(letter);
    author.totals[letter.kind]++;
  }
  return [...authors.values()];
}

/** Case, accents written two ways and extra spaces do not make another person. */
function sameName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const CHANNEL_KEYS: Readonly<Record<string, PluralKey>> = {
  email: 'report.part.email',
  eml: 'report.part.eml',
  mailto: 'report.part.mailto',
  post: 'report.part.post',
  fax: 'report.part.fax',
  call: 'report.part.call',
  social: 'report.part.social',
};

/** The sentence an author pastes into the UA's report form, in the interface's language. */
export function reportSentence(t: Translate, ua: string, author: Author, day: (iso: string) => string): string {
  const done = author.letters.filter((letter) => letter.kind === 'sent' || letter.kind === 'prepared' || letter.kind === 'done');
  if (done.length === 0) return t('report.nothingYet', { id: ua });
  // "A, B and C", "A, B y C", "A, B et C".
  const and = new Intl.ListFormat(t('locale'), { type: 'conjunction' });
  const names = new Intl.DisplayNames(t('locale'), { type: 'language' });
  const about = (letters: readonly LetterReport[]) => ({
    count: letters.length,
    // "en espagnol et en français": French repeats the preposition, English and Spanish do not.
    languages: and.format([...new Set(letters.map((letter) => t('report.inLanguage', { language: names.of(letter.lang) ?? letter.lang })))]),
    names: and.format([...new Set(letters.map((l) => l.name))]),
  });
  const parts =
    author.kind === 'pack'
      ? [packPart(t, done, about(done))]
      : Object.entries(groupBy(done, (letter) => letter.channel)).map(([channel, letters]) => t(CHANNEL_KEYS[channel] ?? 'report.part.post', about(letters)));
  const dates = [...new Set(done.map((letter) => day(letter.at)))];
  return t('report.sentence', { id: ua, parts: parts.join('; '), dates: and.format(dates) });
}

/** "we printed 8 letters to send by post (in Spanish) to A and B: 6 signed by 3 people, 2 unsigned copies for people to sign". */
function packPart(t: Translate, letters: readonly LetterReport[], about: { count: number; languages: string; names: string }): string {
  const signed = letters.filter((letter) => letter.signer !== '');
  const unsigned = letters.length - signed.length;
  const people = new Set(signed.map((letter) => sameName(letter.signer))).size;
  const details = [
    ...(signed.length > 0 ? [t('report.pack.signed', { count: signed.length, people: t('report.pack.people', { count: people }) })] : []),
    ...(unsigned > 0 ? [t('report.pack.unsigned', { count: unsigned })] : []),
  ];
  return t('punct.labelled', { label: t('report.part.pack', about), value: details.join(', ') });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) {
    const group = groups[key(item)] ?? [];
    group.push(item);
    groups[key(item)] = group;
  }
  return groups;
}
