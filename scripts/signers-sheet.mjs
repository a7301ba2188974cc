import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The benchmarks' evening: a sheet of `rows` signers in `folder`, each with an e-mail address,
 * writing in Spanish, English and French in turn (UA 105.22 has two officials: two letters a
 * signer). Returns the sheet's path.
 */
export function signersSheet(folder, rows) {
  const file = join(folder, `signers-${rows}.csv`);
  const lines = ['name,city,country,email,lang'];
  for (let i = 0; i < rows; i++) lines.push(`Signer Núñez ${i},Leeds,UK,signer${i}@example.org,${['es', 'en', 'fr'][i % 3]}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
