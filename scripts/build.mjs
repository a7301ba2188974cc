// Build: 1. compile the UA schema into a standalone validator (no Ajv compile at run time),
// 2. bundle the CLI with esbuild (one module graph loads far faster than node_modules).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// 1. The schema is the single source of the format's rules: editors use it, and so does `ua`.
const schema = JSON.parse(readFileSync(join(root, 'actions/action.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, verbose: true, validateFormats: false, code: { source: true, esm: true } });
const validate = ajv.compile(schema);
const generated = join(root, 'src/generated');
mkdirSync(generated, { recursive: true });
// Ajv's generated code requires its runtime helper for string lengths; inline it so the
// module is plain ESM that both the bundle and the tests load as is.
const code = standaloneCode(ajv, validate).replace('require("ajv/dist/runtime/ucs2length").default', '((text) => [...text].length)');
if (code.includes('require(')) throw new Error('standalone validator still needs require()');
writeFileSync(join(generated, 'validate-action.js'), code);
writeFileSync(
  join(generated, 'validate-action.d.ts'),
  `import type { ErrorObject } from 'ajv';
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
`,
);

// 2. Code splitting keeps each command's libraries out of the others' start-up.
if (process.argv.includes('--schema-only')) process.exit(0);
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Some CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __ua_cr } from 'node:module'; const require = __ua_cr(import.meta.url);" },
});
