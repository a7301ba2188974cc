// What a single executable carries: the package's own files, exactly those `npm pack` would
// ship (so package.json's "files" decides), and the production node_modules they load: the
// closure of "dependencies" (and of optional and peer dependencies that are installed). That
// takes in pdf.js's optional canvas, a native library of ~32 MB that ua never draws with: without
// it pdf.js prints four warnings on stdout as it loads, into the YAML of `ua import x.pdf > x.yaml`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Files Node never reads to run: source maps and type declarations. */
const NOT_RUN = /\.map$|\.d\.[cm]?ts$/;

/** The files, relative to root with "/", sorted by code point. */
export function payloadFiles(root) {
  const files = new Set([...packageFiles(root), ...dependencyFiles(root)]);
  return [...files].filter((file) => !NOT_RUN.test(file)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The files' bytes one after another into `target`, one SEA asset: Node reads the table of a
 * SEA's assets at every start, and 2,300 entries cost ~1 ms of each (one costs nothing). Returns
 * the index ([path, size] in order) and an id that changes with any file's path or content.
 */
export function writePayload(root, files, target) {
  const hash = createHash('sha256');
  const index = [];
  const fd = openSync(target, 'w');
  try {
    for (const file of files) {
      const bytes = readFileSync(join(root, file));
      writeSync(fd, bytes);
      hash.update(`${file}\0`).update(bytes).update('\0');
      index.push([file, bytes.length]);
    }
  } finally {
    closeSync(fd);
  }
  return { id: hash.digest('hex').slice(0, 16), index };
}

function packageFiles(root) {
  // --ignore-scripts: packing would run "prepare" (the build) first.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    shell: process.platform === 'win32',
  });
  return JSON.parse(out)[0].files.map((file) => file.path.split(sep).join('/'));
}

function dependencyFiles(root) {
  const packages = new Set();
  const visit = (from, manifest) => {
    for (const [name, required] of runtimeDependencies(manifest)) {
      const dir = resolvePackage(root, from, name);
      if (!dir) {
        if (required) throw new Error(`${name} (needed by ${manifest.name}) is not installed: run npm ci`);
        continue;
      }
      if (packages.has(dir)) continue;
      packages.add(dir);
      visit(dir, readJson(join(dir, 'package.json')));
    }
  };
  visit(root, readJson(join(root, 'package.json')));
  return [...packages].flatMap((dir) => filesIn(dir).map((file) => relative(root, file).split(sep).join('/')));
}

/** [name, required]: dependencies must be installed; optional and peer ones are taken if they are. */
function runtimeDependencies(manifest) {
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name) => [name, !(name in (manifest.optionalDependencies ?? {}))]),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => [name, false]),
    ...Object.keys(manifest.peerDependencies ?? {}).map((name) => [name, false]),
  ];
}

/** Where Node finds `name` from a package's folder: node_modules/name there, then in each folder above, up to root. */
function resolvePackage(root, from, name) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/** A package's files, without the packages installed inside it (each is visited as a dependency). */
function filesIn(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesIn(path);
    return entry.isFile() ? [path] : [];
  });
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
