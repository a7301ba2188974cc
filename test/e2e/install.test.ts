import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { pdfText } from '../helpers/pdf.js';
import { SPAWN_LIMIT_MS, stillRunning, tempHome } from '../helpers/spawn.js';

/** Everything npm printed, and how it ended; npm's own update notice aside (it is not the package's). */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  // npm reads and links ~20 packages; a busy machine may take minutes, a hang is stopped and said.
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 2 * SPAWN_LIMIT_MS });
  if (result.signal) throw stillRunning(['npm', ...args], 2 * SPAWN_LIMIT_MS);
  const output = `${result.stdout}${result.stderr}`.replace(/^npm notice.*$/gm, '').trim();
  return { code: result.status, output, stdout: result.stdout };
}

/**
 * A copy of npm's cache (`_cacache`) in `dir`. npm only ever adds files to its content folder,
 * so those are hard links where the two folders share a disk; the index, whose files npm
 * appends to, is copied.
 */
function copyOfNpmCache(from: string, dir: string): string {
  const cache = join(dir, 'npm-cache', '_cacache');
  cpSync(join(from, '_cacache', 'index-v5'), join(cache, 'index-v5'), { recursive: true });
  const content = [join(from, '_cacache', 'content-v2'), join(cache, 'content-v2')] as const;
  if (spawnSync('cp', ['-al', ...content]).status !== 0) cpSync(...content, { recursive: true });
  return join(dir, 'npm-cache');
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

// As a user installs it: the packed tarball, globally, into an empty prefix, then used from
// a folder that has nothing of the repository (no node_modules, no sources).
describe('npm install -g ua-letters', () => {
  let prefix: string;
  let elsewhere: string;
  let env: NodeJS.ProcessEnv;
  let installed: ReturnType<typeof npm>;
  let files: string[];

  beforeAll(() => {
    const home = tempHome();
    env = { ...home.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    // npm asks the registry for what its cache lacks (a dependency's metadata: \`npm ci\` fetches
    // only tarballs), through this machine's way to it: its proxy and the certificates it trusts.
    for (const name of ['NODE_EXTRA_CA_CERTS', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'])
      if (process.env[name] !== undefined) env[name] = process.env[name];
    // The dependencies come from npm's cache as `npm ci` left it, copied: what npm adds (the
    // packed tarball, index lines, its debug logs) stays in this test's home.
    env.npm_config_cache = copyOfNpmCache(process.env.npm_config_cache ?? join(process.env.HOME ?? '', '.npm'), home.dir);
    prefix = join(home.dir, 'prefix');
    elsewhere = join(home.dir, 'letters-evening');
    mkdirSync(elsewhere);
    const packed = npm(['pack', '--json', '--pack-destination', home.dir], ROOT, env);
    expect(packed.code, packed.output).toBe(0);
    const [pack] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    files = pack.files.map((file) => file.path);
    installed = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', join(home.dir, pack.filename)], elsewhere, env);
    expect(installed.code, installed.output).toBe(0);
  });

  it('ships the bundle, two fonts and the UA files: no source maps, no sources, no tests', () => {
    expect(files).toContain('bin/ua.js');
    expect(files).toContain('bin/package.json');
    expect(files).toContain('dist/start.cjs');
    expect(files).toContain('dist/cmd/compose.cjs');
    expect(files.filter((file) => file.endsWith('.ttf')).sort()).toEqual(['dist/fonts/DejaVuSans.ttf', 'dist/fonts/DejaVuSerif.ttf']);
    expect(files).toContain('actions/105.22.yaml');
    expect(files.filter((file) => /\.map$|^src\/|^test\/|^scripts\//.test(file))).toEqual([]);
  });

  // 44 MB since ua serve (issue 24): its bundle, dist/cmd/serve.cjs, is 2.1 MB (fastify and its
  // plugins, and the batch code it prints and sends with), and took the install from 39.7 MB to 41.7 MB.
  it('installs without a warning, in well under 44 MB, and without pdf.js', () => {
    expect(installed.output).not.toMatch(/warn/i);
    expect(folderBytes(prefix)).toBeLessThan(44 * 1024 * 1024);
    expect(readdirSync(join(prefix, 'lib', 'node_modules', 'ua-letters', 'node_modules'))).not.toContain('pdfjs-dist');
  });

  const run = (args: string[]) => {
    const result = spawnSync(join(prefix, 'bin', 'ua'), args, { cwd: elsewhere, env, encoding: 'utf8', timeout: SPAWN_LIMIT_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('ua compose writes the letter from any folder', () => {
    const result = run(['compose', '105.22', '--no-interactive', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido']);
    expect(result.stderr).not.toContain('ua:');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Presidenta de la República del Perú');
    expect(result.stdout).toContain('Ana Pérez');
  });

  it('ua completion finds its scripts in the installed package', () => {
    const result = run(['completion', 'bash']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain("'argument|compose|') REPLY='@id' ;;");
    expect(result.stdout).toContain('complete -o default -F _ua ua');
  });

  it('ua batch --format pdf prints the pack with the shipped fonts', () => {
    writeFileSync(join(elsewhere, 'signups.csv'), 'name,city,country\nŁukasz Wróbel,Kraków,Polska\nChloé Lefèvre,Lyon,France\n');
    const result = run(['batch', '105.22', '--signers', 'signups.csv', '--format', 'pdf', '--out', 'out/', '-q']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = pdfText(join(elsewhere, 'out', 'print-pack.pdf'));
    expect(text).toContain('Łukasz Wróbel');
    expect(text).toContain('Chloé Lefèvre');
  });

  it('ua import of a PDF says how to add pdf.js, in one line and a hint', () => {
    writeFileSync(join(elsewhere, 'ua.pdf'), '%PDF-1.4\n');
    const result = run(['import', 'ua.pdf']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'ua: Reading PDFs needs pdf.js, which is not installed with ua\n  Add it once with "npm install -g pdfjs-dist@4" (beside a global install of ua-letters), or save the Urgent Action as text and import that.\n',
    );
  });
});
