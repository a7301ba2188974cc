import type { CatalogueSection } from '../core/i18n.js';

// Not `import … from 'node:fs'`: an ES module import of fs loads its streams too, time that
// `ua --help` does not need (see paths.ts).
const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
const { dirname, join } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/**
 * The interface's catalogue in one language, a section at a time: the build writes
 * generated/ui/<lang>/<section>.json beside the bundle (dist/) and in src/ for the tests.
 */
export function catalogueReader(lang: string): (section: string) => CatalogueSection {
  const here = dirname(fileURLToPath(import.meta.url));
  // Beside this file in the bundle (dist/generated/ui), one folder up in the sources (src/generated/ui).
  const root = [join(here, 'generated', 'ui'), join(here, '..', 'generated', 'ui')].find((dir) => existsSync(dir)) ?? join(here, 'generated', 'ui');
  return (section) => JSON.parse(readFileSync(join(root, lang, `${section}.json`), 'utf8')) as CatalogueSection;
}
