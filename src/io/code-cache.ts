// Node's modules taken as they are (see paths.ts): this runs before anything else of ua.
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { dirname, join } = process.getBuiltinModule('node:path');
const { Script } = process.getBuiltinModule('node:vm');
const { createRequire, wrap } = process.getBuiltinModule('node:module');

/** One of the build's bundles: its file, a digest of its code, and whether it imports an ES module (scripts/build.mjs). */
export interface Bundle {
  name: string;
  file: string;
  digest: string;
  importsModules: boolean;
}

/**
 * Loads a CommonJS bundle of the build and returns its exports, compiled through V8's code
 * cache: Node 20 parses and compiles a command's code afresh at every start (a bundle of half a
 * megabyte costs more than Node's own start), where code V8 compiled before is read back in a
 * few milliseconds. The cache is written after a run, with every function that run compiled;
 * not after a build's first run, which does what later runs need not (checks the UA files they
 * find checked): it leaves an empty placeholder, and the next run writes the cache, half the size
 * and quicker to read. A cache V8 refuses (another Node, other flags) is written again. It is only
 * ever a copy: one that cannot be read or written leaves ua as fast as it was without one.
 */
export function loadBundle(bundle: Bundle, cache: string | undefined): Record<string, unknown> {
  // A bundle that imports an ES module (pdf.js: \`ua import\`) is required as Node requires any:
  // a script compiled here could import() only through a loader Node 20 calls experimental,
  // with a warning on stderr. It is not compiled from the cache; those commands are not started
  // by the dozen.
  if (bundle.importsModules || !cache) return createRequire(bundle.file)(bundle.file);
  // The build writes bundles in ASCII: read as Latin-1, they are not decoded at all.
  const source = readFileSync(bundle.file, 'latin1');
  // The digest names the file: V8 checks a cache against the length of the source, not its text.
  const cached = join(cache, `${bundle.name}-${bundle.digest}.v8`);
  const found = readOrUndefined(cached);
  const cachedData = found && found.length > 0 ? found : undefined;
  const script = new Script(wrap(source), { filename: bundle.file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected)
    process.once('exit', () => keep(cached, () => (found === undefined ? Buffer.alloc(0) : script.createCachedData())));
  const module = { exports: {} as Record<string, unknown> };
  script.runInThisContext()(module.exports, createRequire(bundle.file), module, bundle.file, dirname(bundle.file));
  return module.exports;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** How many builds' caches of a command stay: this one and two more in use (or the latest before it). */
const KEPT_BUILDS = 3;

/** Writes the cache whole (a rename: two runs at once each write their own), and removes the caches of earlier builds. */
function keep(file: string, data: () => Buffer): void {
  try {
    const folder = dirname(file);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, data(), { mode: 0o600 });
    renameSync(partial, file);
    // Earlier builds' caches go, but not the last few: two builds of ua in use on one machine (npm's
    // and the single file) would otherwise remove each other's at every run, and compile afresh.
    const name = file.slice(folder.length + 1).replace(/-[0-9a-f]+\.v8$/, '-');
    const builds = readdirSync(folder)
      .filter((other) => other.startsWith(name) && other.endsWith('.v8'))
      .map((other) => ({ path: join(folder, other), written: statSync(join(folder, other)).mtimeMs }))
      .sort((a, b) => b.written - a.written);
    for (const { path } of builds.slice(KEPT_BUILDS)) if (path !== file) rmSync(path, { force: true });
  } catch {
    // A read-only or full cache folder: the next run compiles again, as it always did.
  }
}
