import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the benchmarks share (bench.mjs, floors.mjs). */

/**
 * The environment as users run Node: without NODE_EXTRA_CA_CERTS, which the project's machines
 * set and users' do not (every Node process would load a CA bundle, ~50 ms). `certificates`:
 * whether this machine set it.
 */
const { NODE_EXTRA_CA_CERTS: certificates, ...asUsersRunIt } = process.env;

export { asUsersRunIt, certificates };

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
