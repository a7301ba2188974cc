// A single executable for the machine this runs on (a Node SEA), for volunteers without Node:
// sea/ua-<platform>-<arch> (.exe on Windows). It is this Node with ua's files inside as assets
// (scripts/sea-payload.mjs says which) and a start of its own (src/sea/main.ts) that unpacks
// them once into the cache folder and runs dist/start.cjs from there, as bin/ua.js does.
//
// Usage: node scripts/build-sea.mjs [--out <file>]   (`npm run build:sea` builds dist/ first)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { payloadFiles, writePayload } from './sea-payload.mjs';
import { readCatalogues } from './ui-catalogues.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const suffix = process.platform === 'win32' ? '.exe' : '';
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'sea', `ua-${process.platform}-${process.arch}${suffix}`);
// Node's own marker for the place of a SEA's blob (postject looks for it).
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'ua-sea-build-'));
const partial = `${out}.partial-${process.pid}`;
try {
  // 1. What it carries, in one asset with its index, and its id (the folder it unpacks into).
  const files = payloadFiles(root);
  const { id, index } = writePayload(root, files, join(work, 'payload'));
  writeFileSync(join(work, 'manifest.json'), JSON.stringify({ id, entry: 'dist/start.cjs' }));
  writeFileSync(join(work, 'files.json'), JSON.stringify(index));
  const assets = {
    'ua-sea/manifest.json': join(work, 'manifest.json'),
    'ua-sea/files.json': join(work, 'files.json'),
    'ua-sea/payload': join(work, 'payload'),
  };
  // The start's few messages (it speaks before ua's own catalogues are on disk), every language.
  const messages = Object.entries(readCatalogues(join(root, 'templates/ui'))).map(([lang, catalogue]) => [
    lang,
    Object.fromEntries(Object.entries(catalogue).filter(([key]) => key.startsWith('sea.') || key.startsWith('system.'))),
  ]);
  writeFileSync(join(work, 'messages.json'), JSON.stringify(Object.fromEntries(messages)));
  assets['ua-sea/messages.json'] = join(work, 'messages.json');

  // 2. The start, as one CommonJS file: a SEA's main script must be.
  await build({
    entryPoints: [join(root, 'src/sea/main.ts')],
    outfile: join(work, 'main.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  });

  // 3. The blob Node makes of it all.
  const config = { main: join(work, 'main.cjs'), output: join(work, 'sea.blob'), disableExperimentalSEAWarning: true, assets };
  writeFileSync(join(work, 'sea-config.json'), JSON.stringify(config));
  execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: ['ignore', 'ignore', 'inherit'] });

  // 4. A copy of this Node with the blob injected, written beside the target and renamed into
  // place: a copy running from the old file goes on undisturbed.
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(process.execPath, partial);
  // macOS refuses a signed binary that was changed: the signature comes off, and an ad-hoc one goes on.
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', partial]);
  const { inject } = createRequire(import.meta.url)('postject');
  await inject(partial, 'NODE_SEA_BLOB', readFileSync(join(work, 'sea.blob')), {
    sentinelFuse: FUSE,
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', partial]);
  renameSync(partial, out);

  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  const carried = index.reduce((sum, [, size]) => sum + size, 0);
  console.log(
    `${out}: ${megabytes(statSync(out).size)} (Node ${process.version} and ${files.length} files, ${megabytes(carried)}; id ${id}), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(partial, { force: true });
}
