import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIRST_NAMES = ['Ana Pérez', 'Łukasz Wróbel', 'Zoë Müller', 'José Núñez', 'Chloé Lefèvre', 'John Smith', 'Søren Ærø', 'Iñigo Peña'];

export interface SheetOptions {
  rows: number;
  /** Row numbers (0-based) given a broken email address. */
  bad?: number[];
  /** Which rows have an email address (default: all). */
  withEmail?: (index: number) => boolean;
  languages?: string[];
  targets?: (index: number) => string;
}

/** A sign-up sheet as Excel saves it: UTF-8 with a BOM, `;` separators, CRLF line ends. */
export function writeSignups(dir: string, options: SheetOptions, name = 'signups.csv'): string {
  const languages = options.languages ?? ['es', 'en', 'es', 'fr', 'es'];
  const lines = ['\ufeffName;City;Country;Email;Language;Targets'];
  for (let i = 0; i < options.rows; i++) {
    const email = options.bad?.includes(i) ? 'nobody-at-example.org' : (options.withEmail?.(i) ?? true) ? `signer${i}@example.org` : '';
    lines.push(
      [`${FIRST_NAMES[i % FIRST_NAMES.length]} ${i + 1}`, 'Leeds', 'Reino Unido', email, languages[i % languages.length], options.targets?.(i) ?? ''].join(';'),
    );
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}
