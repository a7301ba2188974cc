import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';
import { runProcess, tempHome } from './helpers/spawn.js';

// The house's rules (.dependency-cruiser.cjs, explained in ARCHITECTURE.md) hold for src/, and
// each one bites: a small tree that breaks just that rule is refused, naming it.

const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Cruised {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

function cruise(cwd: string): Cruised {
  // A generous limit: it takes about two seconds, more on a busy machine.
  const result = runProcess(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'json'], { cwd, env: process.env });
  // depcruise exits 0 with a clean tree and with the number of errors otherwise; either way it prints its report.
  expect(result.stdout, result.stderr).toMatch(/^\{/);
  return JSON.parse(result.stdout) as Cruised;
}

/** A tree of a few files, each importing what the probe says, and what depcruise needs to read TypeScript. */
function tree(files: Readonly<Record<string, string>>): string {
  const { dir } = tempHome();
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const exported = 'export const value = 1;\n';

describe('the house rules', () => {
  it('hold for src/', () => {
    const { summary } = cruise(ROOT);
    expect(summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`)).toEqual([]);
  });

  it.each([
    [
      'no-cycles',
      {
        'src/core/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
        'src/core/b.ts': "import type { A } from './a.js';\nexport type B = A | 1;\n",
      },
    ],
    ['core-is-pure', { 'src/core/a.ts': "import { value } from '../io/b.js';\nexport const a = value;\n", 'src/io/b.ts': exported }],
    ['core-touches-nothing', { 'src/core/a.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n" }],
    ['io-is-below-commands', { 'src/io/a.ts': "import { value } from '../commands/b.js';\nexport const a = value;\n", 'src/commands/b.ts': exported }],
    ['commands-are-below-the-command-line', { 'src/commands/a.ts': "import { value } from '../cli.js';\nexport const a = value;\n", 'src/cli.ts': exported }],
    ['shared-leaves', { 'src/world.ts': "import type { B } from './io/b.js';\nexport type World = B;\n", 'src/io/b.ts': 'export type B = 1;\n' }],
    ['only-the-entry-runs', { 'src/sea/a.ts': "import { value } from '../run.js';\nexport const a = value;\n", 'src/run.ts': exported }],
  ])('%s bites: a probe that breaks it is refused by that rule', (rule, files) => {
    const { summary } = cruise(tree(files));
    expect([...new Set(summary.violations.map((violation) => violation.rule.name))]).toEqual([rule]);
  });
});

describe('small files', () => {
  // Biome refuses a function over 60 lines (biome.json); a file over 250 is refused here.
  it('no file in src/ is over 250 lines', () => {
    const src = join(ROOT, 'src');
    const long = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('generated'))
      .map((file) => ({ file, lines: readFileSync(join(src, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 250);
    expect(long).toEqual([]);
  });
});
