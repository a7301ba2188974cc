// The single executable's start (bundled to one CommonJS file by scripts/build-sea.mjs: a SEA's
// main must be). The executable carries ua's installed files as assets; they are unpacked once
// into the cache folder (unpack.ts) and ua runs from there, as bin/ua.js runs it: the same
// process, so the same arguments, standard streams, signals and exit code.
import { getAsset, getRawAsset } from 'node:sea';
import { forTerminal } from '../core/shown.js';
import { cacheFolder } from '../io/cache-folder.js';
import { languageFor } from '../io/ui-language.js';
import { unpacked } from './unpack.js';

const { join } = process.getBuiltinModule('node:path');
const { createRequire } = process.getBuiltinModule('node:module');

/**
 * Written by scripts/build-sea.mjs: the id and entry; the files' bytes one after another and
 * their index (read only to unpack: parsing it is half a millisecond); the few messages.
 */
const MANIFEST = 'ua-sea/manifest.json';
const PAYLOAD = 'ua-sea/payload';
const FILES = 'ua-sea/files.json';
const MESSAGES = 'ua-sea/messages.json';

interface Manifest {
  id: string;
  /** ua's start, relative to the package's root: dist/start.cjs, which bin/ua.js loads. */
  entry: string;
}

function start(): void {
  // 1. ua's files on disk, unpacked by the first run of this build.
  const manifest = JSON.parse(getAsset(MANIFEST, 'utf8')) as Manifest;
  let folder: string;
  try {
    folder = unpacked(cacheFolder(process.env, process.platform), { id: manifest.id, files: payloadFiles });
  } catch (error) {
    fail('sea.cannotUnpack', { folder: cacheFolder(process.env, process.platform), reason: reason(error) });
    return;
  }
  // 2. ua itself, as bin/ua.js starts it: the start reads the arguments, runs the command and
  // sets the exit code. In a single executable process.argv is [executable, executable,
  // ...arguments], as [node, bin/ua.js, ...arguments] is otherwise.
  const entry = join(folder, manifest.entry);
  try {
    createRequire(entry)(entry);
  } catch (error) {
    // Some of the unpacked files went missing (a cleaner?); anything else is ua's own failure.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ENOENT') throw error;
    fail('sea.damaged', { folder, reason: reason(error) });
  }
}

/** Each file's path and bytes: views into the executable's own memory, nothing copied. */
function* payloadFiles(): Generator<readonly [string, Uint8Array]> {
  const bytes = getRawAsset(PAYLOAD) as ArrayBuffer;
  let offset = 0;
  for (const [file, size] of JSON.parse(getAsset(FILES, 'utf8')) as [string, number][]) {
    yield [file, new Uint8Array(bytes, offset, size)];
    offset += size;
  }
}

/** One line on stderr, in the interface's language, and exit code 1. */
function fail(key: string, params: Record<string, string>): void {
  const message = text(key).replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => params[name] ?? whole);
  process.stderr.write(`ua: ${forTerminal(message)}\n`);
  process.exitCode = 1;
}

/** A system error's reason as ua words it ("the file system is read-only"), else its first line. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && /^E[A-Z]+$/.test(code)) return text(`system.${code}`, code);
  return String((error as Error).message ?? error).split('\n')[0] ?? '';
}

function text(key: string, otherwise = key): string {
  const catalogues = JSON.parse(getAsset(MESSAGES, 'utf8')) as Record<string, Record<string, string>>;
  return catalogues[languageFor(process.argv.slice(2), process.env)]?.[key] ?? catalogues.en?.[key] ?? otherwise;
}

start();
