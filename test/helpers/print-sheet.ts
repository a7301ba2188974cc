import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NAMES = ['Ana Pérez', 'Łukasz Wróbel', 'Zoë Müller', 'José Núñez', 'Chloé Lefèvre', 'John Smith', 'Søren Ærø', 'Iñigo Peña', "Siobhán O'Connor"];
const LONG_NAME = 'María de los Ángeles Fernández-Villavicencio y Castañeda Ruz';
const CITIES = ['Leeds', 'Kraków', 'Besançon', 'A Coruña', 'Llanfairpwllgwyngyll'];
const ABOUT = [
  'soy enfermera en un hospital público',
  'I teach history to teenagers',
  'je suis étudiante en droit',
  '',
  // As long as a row may give (300 characters): the body starts lower and breaks across pages elsewhere.
  `${'I have volunteered with the local group for many years and write every month; '.repeat(3)}and I will keep writing`,
];
const NOTE = 'I have followed this case since the first reports, and I will keep writing until the families get answers.';
// Long enough to run over the bottom of page 1 in any language: a paragraph split across pages.
const LONG_NOTE = Array.from({ length: 9 }, (_, i) => `${i + 1}. ${'Une pensée personnelle sur cette affaire, écrite à la main ce soir-là. '.repeat(5)}`).join(
  '\n\n',
);

/**
 * A sign-up sheet that exercises the print layout: three languages, accents, a 60-character
 * name, three-line addresses, sentences about the signer, short notes and a note that runs
 * over a page, and a few signers writing to one target only. The same every time.
 */
export function writePrintSheet(dir: string, rows: number): string {
  const quote = (cell = '') => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = ['name,city,country,email,lang,address,about,note,targets'];
  for (let i = 0; i < rows; i++) {
    const name = i % 17 === 5 ? `${LONG_NAME} ${i + 1}` : `${NAMES[i % NAMES.length]} ${i + 1}`;
    const address = i % 7 === 3 ? 'Flat 12, Riverside Court | 123 Long Street Name Avenue | Leeds LS1 2AB' : '';
    const note = i % 50 === 11 ? LONG_NOTE : i % 6 === 2 ? NOTE : '';
    const cells: (string | undefined)[] = [name, CITIES[i % CITIES.length], i % 4 === 0 ? 'Reino Unido' : 'UK', i % 5 === 4 ? '' : `signer${i}@example.org`];
    cells.push(['es', 'en', 'fr'][i % 3], address, ABOUT[i % ABOUT.length], note, i % 11 === 10 ? 'rivero' : '');
    lines.push(cells.map(quote).join(','));
  }
  const file = join(dir, 'signups.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
