// The command's start (dist/start.cjs, which bin/ua.js loads). CommonJS: Node loads it without
// its ES module loader, which costs every ES module entry ~6 ms before a line of it runs.
//   1. `ua --version`: answered at once; nothing else loads.
//   2. Anything else: the bundle of the one command this run uses (scripts/build.mjs makes one a
//      command, each with all it needs), compiled through V8's code cache, and its main().
import pkg from '../package.json' with { type: 'json' };
import { asksVersion, commandIn } from './core/argv.js';
import { cacheFolder } from './io/cache-folder.js';
import { type Bundle, loadBundle } from './io/code-cache.js';
import type { World } from './world.js';

/** Each bundle's name, a digest of its code and whether it imports an ES module, written in by the build. */
declare const __UA_BUNDLES__: Readonly<Record<string, Omit<Bundle, 'name' | 'file'>>>;

const { join } = process.getBuiltinModule('node:path');

interface Entry {
  main(argv: readonly string[], world: World): Promise<number>;
  processWorld(): World;
}

/** `ua <command> …` runs that command's bundle; no command, or one ua does not have, the registry's own (help, suggestions). */
function bundleFor(argv: readonly string[]): Bundle {
  const named = commandIn(argv);
  const name = named !== undefined && /^[a-z]+$/.test(named) && Object.hasOwn(__UA_BUNDLES__, named) ? named : 'ua';
  return { name, file: join(__dirname, 'cmd', `${name}.cjs`), ...(__UA_BUNDLES__[name] as Omit<Bundle, 'name' | 'file'>) };
}

function run(argv: readonly string[]): void {
  const { main, processWorld } = loadBundle(bundleFor(argv), codeCache()) as unknown as Entry;
  main(argv, processWorld()).then((code) => {
    process.exitCode = code;
  });
}

/** Where V8's code goes: ua's cache folder, unless UA_CODE_CACHE=0 asks for none. */
function codeCache(): string | undefined {
  return process.env.UA_CODE_CACHE === '0' ? undefined : join(cacheFolder(process.env, process.platform), 'code');
}

const argv = process.argv.slice(2);
if (asksVersion(argv)) {
  // A version that cannot be written (> /dev/full) is said as any output is: by main().
  process.stdout.on('error', () => undefined);
  process.stdout.write(`${pkg.version}\n`, (error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') run(argv);
  });
} else run(argv);
